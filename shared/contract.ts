import { z } from 'zod';
import {
  ConnectionIdSchema,
  ConnectionTestSchema,
  ConnectionViewSchema,
  SaveConnectionSchema,
} from './connections.js';
import { DriftReportSchema, MetadataSummarySchema, MappingStateSchema, SaveMappingSchema } from './views.js';
import {
  OpenIssueSchema,
  OutcomeRecordSchema,
  OutcomeSchema,
  RunSummarySchema,
  StageNameSchema,
  StageProgressSchema,
  StageStateSchema,
} from './stages.js';

/**
 * The one IPC contract. Each channel maps to a request and a response schema; main validates every request
 * (and its sender) before a handler runs, the preload exposes exactly these channels as `window.api`, and the
 * renderer's client is typed from this object. Add a channel here and both sides follow.
 */
const none = z.object({}).strict();

export const contract = {
  'app.info': {
    request: none,
    response: z.object({ version: z.string(), demoMode: z.boolean(), dataDir: z.string() }),
  },
  'connections.list': { request: none, response: z.array(ConnectionViewSchema) },
  'connections.save': { request: SaveConnectionSchema, response: ConnectionViewSchema },
  'connections.test': {
    request: z.object({ id: ConnectionIdSchema }).strict(),
    response: ConnectionTestSchema,
  },
  'connections.forget': {
    request: z.object({ id: ConnectionIdSchema }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  'metadata.pull': { request: none, response: MetadataSummarySchema },
  'metadata.summary': { request: none, response: MetadataSummarySchema.nullable() },
  'mapping.get': { request: none, response: MappingStateSchema },
  'mapping.save': { request: SaveMappingSchema, response: MappingStateSchema },
  'mapping.reset': { request: none, response: MappingStateSchema },
  'stages.list': {
    request: none,
    response: z.object({
      ready: z.object({ connections: z.boolean(), mapping: z.boolean() }),
      stages: z.array(StageStateSchema),
    }),
  },
  'stages.run': {
    request: z
      .object({
        stage: StageNameSchema,
        applyDrift: z.boolean().optional(),
        fullResync: z.boolean().optional(),
      })
      .strict(),
    response: z.object({ runId: z.number().int() }),
  },
  'stages.cancel': {
    request: z.object({ stage: StageNameSchema }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'locations.drift': { request: none, response: DriftReportSchema },
  'runs.list': {
    request: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    response: z.array(RunSummarySchema),
  },
  'runs.outcomes': {
    request: z
      .object({
        runId: z.number().int(),
        outcome: OutcomeSchema.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    response: z.array(OutcomeRecordSchema),
  },
  'runs.exportReport': {
    request: z.object({ runId: z.number().int(), format: z.enum(['csv', 'json']) }).strict(),
    response: z.object({ path: z.string(), rows: z.number().int() }),
  },
  'issues.list': {
    request: z.object({ stage: StageNameSchema.optional() }).strict(),
    response: z.array(OpenIssueSchema),
  },
  'issues.dismiss': {
    request: z
      .object({
        items: z
          .array(z.object({ entity: z.string(), dhis2Uid: z.string() }))
          .min(1)
          .max(10_000),
      })
      .strict(),
    response: z.object({ dismissed: z.number().int() }),
  },
  'shell.openExternal': {
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
} as const;

/** Main → renderer pushes. Listeners get only the payload. */
export const events = {
  stageProgress: StageProgressSchema,
  stagesChanged: z.object({ stage: StageNameSchema.optional() }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
export const eventChannel = (name: EventName) => `event:${name}`;
