import { z } from 'zod';

/** The stages in the order data must move: Go.Data records reference each other. */
export const STAGES = ['locations', 'outbreaks', 'cases', 'events', 'contacts'] as const;
export const StageNameSchema = z.enum(STAGES);
export type StageName = z.infer<typeof StageNameSchema>;

/** Which stages must have finished before a stage may run (enforced in main, shown in the wizard). */
export const STAGE_PREREQUISITES: Readonly<Record<StageName, readonly StageName[]>> = {
  locations: [],
  outbreaks: ['locations'],
  cases: ['outbreaks'],
  events: ['outbreaks'],
  contacts: ['cases'],
};

export const STAGE_LABELS: Readonly<Record<StageName, string>> = {
  locations: 'Locations',
  outbreaks: 'Outbreaks',
  cases: 'Cases',
  events: 'Events',
  contacts: 'Contacts',
};

export const OUTCOMES = [
  'created',
  'updated',
  'unchanged',
  'skipped',
  'failed',
  'deferred',
  'deleted',
] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const OutcomeCountsSchema = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  deferred: z.number().int(),
  deleted: z.number().int(),
});
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

export function emptyCounts(): OutcomeCounts {
  return { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deferred: 0, deleted: 0 };
}

export const RunStatusSchema = z.enum(['running', 'completed', 'failed', 'cancelled', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunSummarySchema = z.object({
  id: z.number().int(),
  stage: StageNameSchema,
  status: RunStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  counts: OutcomeCountsSchema,
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/**
 * What the wizard shows for a stage. `locked` says why; `finished` means the last run completed (not cancelled,
 * not crashed) — failed records do not block the next stage but stay listed as open issues.
 */
export const StageStatusSchema = z.enum(['locked', 'ready', 'running', 'finished', 'failed']);
export type StageStatus = z.infer<typeof StageStatusSchema>;

export const StageStateSchema = z.object({
  stage: StageNameSchema,
  status: StageStatusSchema,
  lockedReason: z.string().optional(),
  lastRun: RunSummarySchema.optional(),
  openIssues: z.number().int(),
});
export type StageState = z.infer<typeof StageStateSchema>;

export const StageProgressSchema = z.object({
  runId: z.number().int(),
  stage: StageNameSchema,
  /** Short human description of what is happening ("Reading org units", "Writing cases"). */
  phase: z.string(),
  counts: OutcomeCountsSchema,
  /** Total records expected, when the source can tell. */
  total: z.number().int().optional(),
  done: z.boolean(),
});
export type StageProgress = z.infer<typeof StageProgressSchema>;

export const OutcomeRecordSchema = z.object({
  entity: z.string(),
  dhis2Uid: z.string(),
  outcome: OutcomeSchema,
  godataId: z.string().optional(),
  reason: z.string().optional(),
  details: z.string().optional(),
  at: z.string(),
});
export type OutcomeRecord = z.infer<typeof OutcomeRecordSchema>;

export const OpenIssueSchema = z.object({
  stage: StageNameSchema,
  entity: z.string(),
  dhis2Uid: z.string(),
  outcome: z.enum(['failed', 'deferred']),
  reason: z.string(),
  details: z.string().optional(),
  lastRunId: z.number().int(),
});
export type OpenIssue = z.infer<typeof OpenIssueSchema>;
