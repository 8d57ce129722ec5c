import { intBetween, pick, type Rng } from '../../common/rng.js';
import { COVID } from '../dataset/covid.js';
import type { LabResult } from './generator.js';
import type { OptionCodes } from './optionCodes.js';
import type { Person } from './people.js';

/**
 * The clinical content of generated events: which data values each stage carries, with dates that fit the
 * course of a case (onset before registration, lab result a few days after the request, outcome after that).
 * Option values are the codes of the loaded package release. Returns the event's day and its values.
 */
export type Values = Array<[dataElement: string, value: string]>;

const D = COVID.dataElements;
const O = COVID.options;
const DAY = 86_400_000;

const dayTexts = new Map<number, string>();

/** A local day number as `yyyy-MM-dd` (cached: every generated event writes a few dates). */
export function dateText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * DAY).toISOString().slice(0, 10);
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

const RESULTS: Record<LabResult, string> = {
  positive: O.positive,
  negative: O.negative,
  inconclusive: O.inconclusive,
  unknown: O.resultUnknown,
};

interface CaseDays {
  requestDay: number;
  resultDay: number;
  /** The day of the event in `slot`. */
  day: number;
}

/**
 * The dates of a case's course, drawn first so a search can learn an event's day without building the event;
 * caseEventValues draws on from the same rng.
 */
export function caseEventDays(rng: Rng, slot: number, regDay: number): CaseDays {
  const requestDay = regDay + intBetween(rng, 0, 1);
  const resultDay = regDay + 1 + intBetween(rng, 1, 3);
  const day =
    slot === 0
      ? regDay
      : slot === 1
        ? requestDay
        : slot === 2
          ? resultDay
          : resultDay + intBetween(rng, 5, 9);
  return { requestDay, resultDay, day };
}

/** `labResult`: the layout's result for the case (slot 2 only). */
export function caseEventValues(
  rng: Rng,
  slot: number,
  regDay: number,
  c: OptionCodes,
  labResult: LabResult | undefined,
): [number, Values] {
  const { requestDay, day } = caseEventDays(rng, slot, regDay);
  const yesNo = (p: number): string => c.code(rng() < p ? O.yes : O.no);
  if (slot === 0) {
    const symptoms = rng() < 0.8;
    const onsetDay = regDay - intBetween(rng, 0, 5);
    const onset: Values = symptoms ? [[D.onset, dateText(onsetDay)]] : [];
    return [
      day,
      [
        [D.symptoms, c.code(symptoms ? O.yes : O.no)],
        ...onset,
        [D.calculatedOnset, dateText(symptoms ? onsetDay : regDay)],
        [D.hospitalised, yesNo(0.2)],
        [D.healthWorker, yesNo(0.05)],
        [D.travel, yesNo(0.1)],
      ],
    ];
  }
  if (slot === 1) {
    return [
      day,
      [
        [D.specimenCollected, dateText(requestDay)],
        [D.specimenSent, dateText(requestDay)],
        [D.testType, c.code(O.pcr)],
        [D.specimenType, pick(rng, c.codesOf(COVID.optionSets.specimenType))],
        [D.testReason, c.code(rng() < 0.5 ? O.contactOfCase : O.seekingCare)],
      ],
    ];
  }
  if (slot === 2) {
    return [
      day,
      [
        [D.testType, c.code(O.pcr)],
        [D.labResult, c.code(RESULTS[labResult ?? 'unknown'])],
        [D.labResultDate, dateText(day)],
      ],
    ];
  }
  const r = rng();
  const outcome = r < 0.8 ? O.recovered : r < 0.85 ? O.death : r < 0.95 ? O.notRecovered : O.outcomeUnknown;
  const extra: Values =
    outcome === O.death
      ? [[D.dateOfDeath, dateText(day)]]
      : outcome === O.recovered
        ? [[D.dateOfDischarge, dateText(day)]]
        : [];
  return [day, [[D.outcome, c.code(outcome)], ...extra]];
}

/** A follow-up visit's dates, drawn first (see caseEventDays). */
export function followUpDays(rng: Rng, slot: number, regDay: number): { contactDay: number; day: number } {
  const contactDay = regDay - intBetween(rng, 0, 3);
  return { contactDay, day: regDay + slot * intBetween(rng, 3, 7) };
}

export function followUpValues(rng: Rng, slot: number, regDay: number, c: OptionCodes): [number, Values] {
  const { contactDay, day } = followUpDays(rng, slot, regDay);
  return [
    day,
    [
      [D.contactDate, dateText(contactDay)],
      [D.firstExposure, dateText(contactDay - intBetween(rng, 0, 4))],
      [D.lastExposure, dateText(contactDay)],
      [D.relationshipWithCase, pick(rng, c.codesOf(COVID.optionSets.relationship))],
      [D.symptoms, c.code(rng() < 0.15 ? O.yes : O.no)],
    ],
  ];
}

/** An event-program report, classified as the package's program rules would classify it. */
export function programEventValues(
  rng: Rng,
  k: number,
  who: Person,
  entryDay: number,
  c: OptionCodes,
): [number, Values] {
  const day = entryDay - intBetween(rng, 1, 10);
  const symptoms = rng() < 0.75;
  const tested = rng() < 0.8;
  const r = rng();
  const result = r < 0.5 ? O.positive : r < 0.85 ? O.negative : r < 0.93 ? O.inconclusive : O.resultUnknown;
  const classification =
    !tested || result === O.inconclusive
      ? 'Probable Case'
      : result === O.positive
        ? 'Laboratory Confirmed Case'
        : 'Suspected Case';
  const onsetDay = day - intBetween(rng, 0, 5);
  const onset: Values = symptoms ? [[D.onset, dateText(onsetDay)]] : [];
  const labResult: Values = tested ? [[D.labResult, c.code(result)]] : [];
  return [
    day,
    [
      [D.patientId, `EV-${String(k + 1).padStart(7, '0')}`],
      [D.eventSex, c.code(who.male ? O.male : O.female)],
      [D.eventAge, String(who.age)],
      [D.symptoms, c.code(symptoms ? O.yes : O.no)],
      ...onset,
      [D.infectionSource, pick(rng, c.codesOf(COVID.optionSets.infectionSource))],
      [D.hospitalised, c.code(rng() < 0.2 ? O.yes : O.no)],
      [D.labTestDone, c.code(tested ? O.yes : O.no)],
      ...labResult,
      [D.classification, classification],
      [D.calculatedOnset, dateText(symptoms ? onsetDay : day)],
    ],
  ];
}
