/**
 * Test helper: realistic COVID-19 package records (the fixtures hold metadata only), with option codes taken from
 * the release being tested so `Male` / `MALE` and `Positive` / `POSITIVE` both occur.
 */
import type { DataValue, Dhis2Metadata, Enrollment, Event, TrackedEntity } from '../../dhis2/model.js';
import {
  ATTRIBUTE,
  CASE_PROGRAM,
  CONTACT_PROGRAM,
  CONTACT_RELATIONSHIP_TYPE,
  DATA_ELEMENT,
  EVENT_PROGRAM,
  OPTION,
  PERSON_TYPE,
  STAGE,
} from '../defaults/covid19-package.js';
import { optionCode } from './fixtures.js';

/** Ngelehun CHC (Bo / Badjia), a facility with a point geometry in the Sierra Leone tree. */
export const NGELEHUN_CHC = 'DiszpKrYNg8';

export function makeEvent(
  fields: Partial<Event> & Pick<Event, 'event' | 'programStage'>,
  values: Record<string, string> = {},
): Event {
  const dataValues: DataValue[] = Object.entries(values).map(([dataElement, value]) => ({
    dataElement,
    value,
  }));
  return { program: CASE_PROGRAM, orgUnit: NGELEHUN_CHC, status: 'COMPLETED', dataValues, ...fields };
}

export function makeEnrollment(
  fields: Partial<Enrollment> & Pick<Enrollment, 'enrollment' | 'trackedEntity'>,
): Enrollment {
  return { program: CASE_PROGRAM, orgUnit: NGELEHUN_CHC, status: 'ACTIVE', events: [], ...fields };
}

export function makeTrackedEntity(
  fields: Partial<TrackedEntity> & Pick<TrackedEntity, 'trackedEntity'>,
  attributes: Record<string, string> = {},
): TrackedEntity {
  return {
    trackedEntityType: PERSON_TYPE,
    orgUnit: NGELEHUN_CHC,
    attributes: Object.entries(attributes).map(([attribute, value]) => ({ attribute, value })),
    enrollments: [],
    relationships: [],
    ...fields,
  };
}

/** A case: Aminata Kamara, female, 34, tested negative then positive (so the latest result is POSITIVE). */
export function covidCase(metadata: Dhis2Metadata): { te: TrackedEntity; enrollment: Enrollment } {
  const code = (set: string, option: string) => optionCode(metadata, set, option);
  const enrollment = makeEnrollment({
    enrollment: 'EnrCase0001',
    trackedEntity: 'TeCase00001',
    enrolledAt: '2021-03-02T10:15:00.000+00:00',
    events: [
      makeEvent(
        { event: 'EvClin00001', programStage: STAGE.clinical, occurredAt: '2021-03-02T10:20:00.000+00:00' },
        {
          [DATA_ELEMENT.onsetDate]: '2021-02-27',
        },
      ),
      makeEvent(
        { event: 'EvLab000001', programStage: STAGE.labResults, occurredAt: '2021-03-03T09:00:00.000+00:00' },
        {
          [DATA_ELEMENT.labTestResult]: code(OPTION.testResult.set, OPTION.testResult.negative),
        },
      ),
      makeEvent(
        { event: 'EvLab000002', programStage: STAGE.labResults, occurredAt: '2021-03-06T09:00:00.000+00:00' },
        {
          [DATA_ELEMENT.labTestResult]: code(OPTION.testResult.set, OPTION.testResult.positive),
        },
      ),
    ],
  });
  const te = makeTrackedEntity(
    {
      trackedEntity: 'TeCase00001',
      createdAt: '2021-03-02T10:14:00.000+00:00',
      geometry: { type: 'Point', coordinates: [-11.62, 8.12] },
    },
    {
      [ATTRIBUTE.firstName]: ' Aminata ',
      [ATTRIBUTE.surname]: 'Kamara',
      [ATTRIBUTE.sex]: code(OPTION.sex.set, OPTION.sex.female),
      [ATTRIBUTE.age]: '34',
      [ATTRIBUTE.dateOfBirth]: '1986-07-14',
      [ATTRIBUTE.phone]: '+232 76 123456',
      [ATTRIBUTE.homeAddress]: '12 Hospital Road, Ngelehun',
    },
  );
  te.enrollments = [enrollment];
  return { te, enrollment };
}

/** A contact of `caseUid`: the relationship was entered contact → case, the wrong way round on purpose. */
export function covidContact(
  metadata: Dhis2Metadata,
  caseUid: string,
): { te: TrackedEntity; enrollment: Enrollment } {
  const enrollment = makeEnrollment({
    enrollment: 'EnrCont0001',
    trackedEntity: 'TeCont00001',
    program: CONTACT_PROGRAM,
    enrolledAt: '2021-03-07T08:00:00.000+00:00',
    events: [
      makeEvent(
        {
          event: 'EvFollow001',
          program: CONTACT_PROGRAM,
          programStage: STAGE.contactFollowUp,
          occurredAt: '2021-03-07T08:30:00.000+00:00',
        },
        {
          [DATA_ELEMENT.dateOfContact]: '2021-03-01',
          [DATA_ELEMENT.relationshipWithCase]: optionCode(
            metadata,
            OPTION.relationship.set,
            OPTION.relationship.spouse,
          ),
          [DATA_ELEMENT.typeOfContact]: 'Household',
        },
      ),
    ],
  });
  const te = makeTrackedEntity(
    {
      trackedEntity: 'TeCont00001',
      relationships: [
        {
          relationship: 'RelCont0001',
          relationshipType: CONTACT_RELATIONSHIP_TYPE,
          from: { trackedEntity: 'TeCont00001' },
          to: { trackedEntity: caseUid },
          createdAt: '2021-03-07T08:05:00.000+00:00',
        },
      ],
    },
    {
      [ATTRIBUTE.firstName]: 'Mohamed',
      [ATTRIBUTE.surname]: 'Kamara',
      [ATTRIBUTE.sex]: optionCode(metadata, OPTION.sex.set, OPTION.sex.male),
      [ATTRIBUTE.age]: '37',
      [ATTRIBUTE.phone]: '+232 76 654321',
    },
  );
  te.enrollments = [enrollment];
  return { te, enrollment };
}

/** An event of the COVID-19 event program, at Ngelehun CHC. */
export function covidEvent(): Event {
  return makeEvent(
    {
      event: 'EvProg00001',
      program: EVENT_PROGRAM,
      programStage: 'duF07iN3Gos',
      occurredAt: '2021-03-04T11:00:00.000+00:00',
      createdAt: '2021-03-05T07:12:00.000+00:00',
    },
    {
      [DATA_ELEMENT.eventPatientId]: 'SL-BO-0042',
      [DATA_ELEMENT.eventClassification]: 'Laboratory Confirmed Case',
    },
  );
}
