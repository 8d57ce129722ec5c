import { v5 as uuidv5 } from 'uuid';

/**
 * Go.Data person ids (cases, contacts, events) chosen by the bridge: a UUID v5 of the record kind and the DHIS2
 * uid. The same DHIS2 record always gets the same Go.Data id, so even with a lost ID map a create is found again
 * by id instead of duplicated — and a case and a contact made from one DHIS2 person stay distinct.
 */
const NAMESPACE = '0b6c2e1a-5d0f-4c1e-9a53-6f1d8e2b7c44';

export function godataPersonId(kind: 'case' | 'contact' | 'event', dhis2Uid: string): string {
  return uuidv5(`${kind}:${dhis2Uid}`, NAMESPACE);
}
