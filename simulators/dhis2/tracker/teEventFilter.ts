import type { SimContext } from '../context.js';
import type { QueryParams } from '../http/query.js';
import { badRequest, conflict } from '../http/webMessage.js';
import type { GeneratedRecords } from './generatedRecords.js';
import { KIND } from './generator.js';
import { date } from './paramsCommon.js';
import type { EventRecord, EventStatus } from './records.js';
import { inWindow, type Window } from './searchTypes.js';

/**
 * Event filters of the tracked-entity search (`programStage`, `eventStatus`, `eventOccurredAfter/Before`), as
 * dhis2-core applies them: inside the program's enrollment EXISTS, a join on that enrollment's events, made only
 * when `eventStatus` is given (TrackedEntity(Instance)QueryParams.hasFilterForEvents). Without `eventStatus`
 * the stage and dates filter nothing, and without `program` nothing does. Bounds per version:
 * - 2.36–2.40 format both bounds as dates (getMediumDateString) and compare `>= start and <= end`;
 * - 2.41 keeps the time to the second (toLongDate);
 * - 2.42+ take the instants, a bare date as `eventOccurredBefore` meaning the end of that day (EndDateTime).
 */
const EVENT_STATUSES = ['ACTIVE', 'COMPLETED', 'VISITED', 'SCHEDULE', 'OVERDUE', 'SKIPPED'] as const;

export interface TeEventFilter {
  status: EventStatus;
  programStage?: string;
  /** Bounds for occurredAt (ACTIVE, VISITED, COMPLETED) or scheduledAt (SCHEDULE, OVERDUE, SKIPPED). */
  window: Window;
  /** SCHEDULE/OVERDUE compare the due day with the server's today (`date(now())`). */
  today: number;
  dayOf(ms: number): number;
  /** 2.43 leaves skipped events out of SCHEDULE/OVERDUE; earlier versions only ask for a status. */
  skippedNeverDue: boolean;
}

function programHasStage(ctx: SimContext, program: string | undefined, stage: string): boolean {
  if (!program) return false;
  const owner = ctx.metadata.get('programStages', stage)?.program as { id?: unknown } | undefined;
  const listed = ctx.trackerMetadata.program(program)?.programStages;
  return (
    owner?.id === program ||
    (Array.isArray(listed) && listed.some((s) => (s as { id?: unknown }).id === stage))
  );
}

/** The bounds as the version's SQL sees them. */
function bounds(ctx: SimContext, after: number, before: number): Window {
  const minor = ctx.version.minor;
  if (minor <= 40) return { after: ctx.clock.startOfDay(after), before: ctx.clock.startOfDay(before) };
  if (minor === 41) return { after: after - (after % 1_000), before: before - (before % 1_000) };
  return { after, before };
}

/** Validates the parameters as the version does; the filter only when it applies (see above). */
export function parseTeEventFilter(
  ctx: SimContext,
  query: QueryParams,
  program: string | undefined,
): TeEventFilter | undefined {
  const minor = ctx.version.minor;
  const stage = query.get('programStage');
  const status = query.oneOf('eventStatus', EVENT_STATUSES);
  const after = date(ctx, query, 'eventOccurredAfter');
  const before = date(ctx, query, 'eventOccurredBefore', minor >= 42);
  const stageProblem =
    stage !== undefined && !programHasStage(ctx, program, stage)
      ? `Program does not contain the specified programStage: ${stage}`
      : undefined;
  if (minor <= 40) {
    // The mapper checks the stage (IllegalQueryException up to 2.39, BadRequestException in 2.40), the service the dates.
    if (stageProblem) throw minor <= 39 ? conflict(stageProblem) : badRequest(stageProblem);
    if (status && (after === undefined || before === undefined))
      throw conflict('Event start and end date must be specified when event status is specified');
  } else {
    if (minor === 41 && status && (after === undefined || before === undefined)) {
      throw badRequest(
        '`eventOccurredAfter` and `eventOccurredBefore` must be specified when `eventStatus` is specified',
      );
    }
    const given = [status, after, before].filter((v) => v !== undefined).length;
    if (minor >= 42 && given > 0 && given < 3)
      throw badRequest(
        '`eventOccurredAfter`, `eventOccurredBefore` and `eventStatus` must be specified together',
      );
    if (stageProblem) throw badRequest(stageProblem);
  }
  if (!status || !program || after === undefined || before === undefined) return undefined;
  return {
    status,
    ...(stage ? { programStage: stage } : {}),
    window: bounds(ctx, after, before),
    today: ctx.clock.dayOf(Date.now()),
    dayOf: (ms) => ctx.clock.dayOf(ms),
    skippedNeverDue: minor >= 43,
  };
}

/** Whether one event satisfies the filter. */
export function eventMatches(filter: TeEventFilter, event: EventRecord, includeDeleted: boolean): boolean {
  if (event.deleted && !includeDeleted) return false;
  if (filter.programStage && event.programStage !== filter.programStage) return false;
  switch (filter.status) {
    case 'COMPLETED':
      return event.status === 'COMPLETED' && inWindow(event.occurredAt, filter.window);
    case 'ACTIVE':
    case 'VISITED':
      return event.status === 'ACTIVE' && inWindow(event.occurredAt, filter.window);
    case 'SKIPPED':
      return event.status === 'SKIPPED' && inWindow(event.scheduledAt, filter.window);
    case 'SCHEDULE':
    case 'OVERDUE': {
      if (
        event.occurredAt !== undefined ||
        event.scheduledAt === undefined ||
        !inWindow(event.scheduledAt, filter.window)
      )
        return false;
      if (filter.skippedNeverDue && event.status === 'SKIPPED') return false;
      const due = filter.dayOf(event.scheduledAt);
      return filter.status === 'SCHEDULE' ? filter.today <= due : filter.today > due;
    }
  }
}

/**
 * The same test for the events of generated case or contact i, from what the layout knows without building
 * them: generated events are never deleted nor only scheduled, so only ACTIVE/VISITED/COMPLETED can match.
 */
export function generatedEnrollmentMatches(
  filter: TeEventFilter,
  records: GeneratedRecords,
  stream: 'cases' | 'contacts',
  i: number,
): boolean {
  const completedWanted =
    filter.status === 'COMPLETED'
      ? true
      : filter.status === 'ACTIVE' || filter.status === 'VISITED'
        ? false
        : undefined;
  if (completedWanted === undefined) return false;
  const layout = records.layout;
  const kind = stream === 'cases' ? KIND.caseEvent : KIND.contactEvent;
  for (const slot of records.slots(stream, i)) {
    if (filter.programStage && records.stageOf(stream, slot) !== filter.programStage) continue;
    if (layout.eventCompleted(kind + slot, i) !== completedWanted) continue;
    if (inWindow(records.stageEventOccurredAt(stream, i, slot), filter.window)) return true;
  }
  return false;
}
