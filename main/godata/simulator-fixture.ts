import type { GoDataSimulator } from '../../simulators/godata/index.js';
import { GoDataClient, type GoDataClientOptions } from './client.js';
import type { GoDataOutbreak, GoDataPerson } from './model.js';
import type { RelationshipFields } from './relationships.js';
import type { GoDataSessionEvent } from './session.js';

/** Test support: clients and records valid on both simulated Go.Data versions (2.48 requires more fields). */
export const SIMULATED_VERSIONS = ['2.48', '2.50'] as const;
export const ADMIN = { email: 'admin@who.int', password: 'admin' };

export interface TestClient {
  client: GoDataClient;
  events: GoDataSessionEvent[];
  logins: () => number;
}

export function testClient(sim: GoDataSimulator, options: Partial<GoDataClientOptions> = {}): TestClient {
  const events: GoDataSessionEvent[] = [];
  const client = new GoDataClient({
    baseUrl: sim.url,
    credentials: ADMIN,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 2_000,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { client, events, logins: () => events.filter((event) => event.type === 'login').length };
}

export function outbreakInput(name: string): GoDataOutbreak {
  return {
    name,
    startDate: '2024-01-01T00:00:00.000Z',
    periodOfFollowup: 14,
    frequencyOfFollowUpPerDay: 1,
    longPeriodsBetweenCaseOnset: 7,
    noDaysAmongContacts: 1,
    noDaysInChains: 1,
    noDaysNotSeen: 1,
    noLessContacts: 1,
  };
}

export const CONFIRMED = 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_CONFIRMED';
export const DISCARDED = 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_NOT_A_CASE_DISCARDED';

export function caseInput(id: string, extra: Partial<GoDataPerson> = {}): GoDataPerson {
  return {
    id,
    firstName: `Case ${id}`,
    classification: CONFIRMED,
    dateOfReporting: '2024-02-01T00:00:00.000Z',
    ...extra,
  };
}

export function contactInput(id: string, extra: Partial<GoDataPerson> = {}): GoDataPerson {
  return { id, firstName: `Contact ${id}`, dateOfReporting: '2024-02-02T00:00:00.000Z', ...extra };
}

export function exposureInput(extra: Partial<RelationshipFields> = {}): RelationshipFields {
  return {
    contactDate: '2024-01-30T00:00:00.000Z',
    contactDateEstimated: false,
    certaintyLevelId: 'LNG_REFERENCE_DATA_CATEGORY_CERTAINTY_LEVEL_3_HIGH',
    ...extra,
  };
}
