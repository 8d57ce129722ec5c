import { setTimeout as sleep } from 'node:timers/promises';
import { COVID } from '../../../simulators/dhis2/index.js';
import type { Bench } from './bench.js';
import { dhis2Truth } from './dhis2-truth.js';
import { DISCARDED } from './godata-state.js';

/** Changes a test makes in the DHIS2 simulator, as a DHIS2 user would, and what it reads back from Go.Data. */

/** A negative lab result, in the 2021 install's code, which the demo dataset uses. */
export const NEGATIVE = 'Negative';

/** The Go.Data classification of a case, as stored. */
export function classificationOf(bench: Bench, caseUid: string): unknown {
  const id = bench.target.idMap.get('case', caseUid)?.godataId;
  return bench.godata().persons.find((p) => p.id === id)?.classification;
}

/**
 * Cases in Go.Data, not discarded, without contacts: a negative lab result reclassifies them (Go.Data would
 * refuse to discard a case with contacts).
 */
export function reclassifiableCases(bench: Bench): string[] {
  const truth = dhis2Truth(bench.sims.dhis2);
  const withContacts = new Set(truth.caseOfContact.values());
  return truth.cases.filter((c) => {
    if (withContacts.has(c)) return false;
    const classification = classificationOf(bench, c);
    return classification !== undefined && classification !== DISCARDED;
  });
}

/** A new lab-result event under the case's live enrollment (on 2.39/2.40.0 the case's `updatedAt` stays). */
export function addLabResult(bench: Bench, caseUid: string, value: string): string {
  const data = bench.sims.dhis2.data;
  const enrollment = data.enrollmentsOf(caseUid).find((e) => e.program === COVID.cases.program && !e.deleted);
  if (!enrollment) throw new Error(`case ${caseUid} has no live enrollment`);
  return data.addEvent({
    program: COVID.cases.program,
    programStage: COVID.cases.labResultStage,
    enrollment: enrollment.enrollment,
    trackedEntity: caseUid,
    orgUnit: enrollment.orgUnit,
    status: 'COMPLETED',
    occurredAt: new Date().toISOString().slice(0, 10),
    dataValues: [{ dataElement: COVID.dataElements.labResult, value }],
  }).event;
}

/** A new tracked entity with the attributes, enrollment in `program` and events of an existing one. */
export function cloneTrackedEntity(bench: Bench, model: string, program: string): string {
  const data = bench.sims.dhis2.data;
  const te = data.trackedEntity(model);
  const enrollment = data.enrollmentsOf(model).find((e) => e.program === program && !e.deleted);
  if (!te || !enrollment) throw new Error(`${model} has no enrollment in program ${program}`);
  const iso = (ms: number) => new Date(ms).toISOString();
  return data.addTrackedEntity({
    trackedEntityType: te.trackedEntityType,
    orgUnit: te.orgUnit,
    attributes: te.attributes.map((a) => ({ attribute: a.attribute, value: a.value })),
    enrollments: [
      {
        program: enrollment.program,
        orgUnit: enrollment.orgUnit,
        enrolledAt: iso(enrollment.enrolledAt),
        occurredAt: iso(enrollment.occurredAt),
        events: data
          .eventsOf(enrollment.enrollment)
          .filter((ev) => !ev.deleted)
          .map((ev) => ({
            programStage: ev.programStage,
            orgUnit: ev.orgUnit,
            status: ev.status,
            occurredAt: ev.occurredAt === undefined ? undefined : iso(ev.occurredAt),
            dataValues: ev.dataValues.map((d) => ({ dataElement: d.dataElement, value: d.value })),
          })),
      },
    ],
  }).trackedEntity;
}

/** A new event of the event program, like an existing one, at another org unit. */
export function cloneProgramEvent(bench: Bench, model: string, orgUnit: string): string {
  const data = bench.sims.dhis2.data;
  const ev = data.event(model);
  if (!ev) throw new Error(`event ${model} does not exist`);
  return data.addEvent({
    program: COVID.eventProgram.program,
    programStage: ev.programStage,
    orgUnit,
    status: ev.status,
    occurredAt: new Date().toISOString().slice(0, 10),
    dataValues: ev.dataValues.map((d) => ({ dataElement: d.dataElement, value: d.value })),
  }).event;
}

/**
 * More than the engine's read overlap (5 s): a DHIS2 change made after this is outside the overlap of a
 * watermark set before it, as changes are in a long run on a busy server.
 */
export const PAST_OVERLAP_MS = 6_000;

/** Lets DHIS2's clock move past the read overlap, between two runs. */
export function pastOverlap(): Promise<void> {
  return sleep(PAST_OVERLAP_MS).then(() => undefined);
}

/**
 * Holds this whole process (engine and simulators) while DHIS2's clock moves past the read overlap: from a
 * progress hook, where a run must not go on in the meantime.
 */
export function holdPastOverlap(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, PAST_OVERLAP_MS);
}
