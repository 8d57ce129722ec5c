import { z } from 'zod';
import {
  fail,
  IsoDate,
  RecordMapping,
  token,
  Uid,
  UidList,
  type ConcatPart,
  type FieldSource,
  type RecordMappingKind,
} from './mapping-fields.js';

/**
 * The declarative DHIS2 → Go.Data mapping the user edits in the Mappings step and saves with the tasks.
 * Parsed here (zod) so the renderer and main agree on one shape; applied only by `main/mapping`.
 * Fields with `.default(...)` may be left out of the saved JSON.
 */

export {
  FieldMappingSchema,
  FieldSourceSchema,
  RECORD_FIELDS,
  referenceTokenPattern,
  TRANSFORMS,
  TransformSchema,
  ValueMapEntrySchema,
  type FieldMapping,
  type FieldMappingInput,
  type FieldSource,
  type RecordLevel,
  type RecordMappingKind,
  type Transform,
  type ValueMapEntry,
} from './mapping-fields.js';

const Count = (min: number) => z.number().int().min(min);
const IdMask = z
  .string()
  .regex(/^(?:9*[^9()]*|[^9()]*9*[^9()]*|[^9()]*9*)$/, 'at most one run of 9s, no parentheses');

/** What the outbreaks stage sends to Go.Data (dates as yyyy-MM-dd; sent as midnight UTC). */
export const OutbreakSettingsSchema = z
  .object({
    name: z.string().trim().min(1),
    description: z.string().optional(),
    disease: token('DISEASE').optional(),
    countries: z.array(token('COUNTRY')).optional(),
    startDate: IsoDate,
    endDate: IsoDate.optional(),
    periodOfFollowup: Count(1),
    frequencyOfFollowUp: Count(1).default(1),
    frequencyOfFollowUpPerDay: Count(1),
    longPeriodsBetweenCaseOnset: Count(0),
    noDaysAmongContacts: Count(0),
    noDaysInChains: Count(0),
    noDaysNotSeen: Count(0),
    noLessContacts: Count(0),
    caseIdMask: IdMask.optional(),
    contactIdMask: IdMask.optional(),
    eventIdMask: IdMask.optional(),
  })
  .refine((o) => !o.endDate || o.endDate >= o.startDate, { path: ['endDate'], message: 'before startDate' });
export type OutbreakSettings = z.infer<typeof OutbreakSettingsSchema>;

/** Which sources make sense in which list (event mappings have no tracked entity; only exposures have a relationship). */
function sourceProblem(
  s: FieldSource | z.infer<typeof ConcatPart>,
  list: RecordMappingKind,
): string | undefined {
  const isEvent = list === 'eventMapping';
  if (s.kind === 'concat') return s.parts.map((p) => sourceProblem(p, list)).find((p) => p !== undefined);
  if (s.kind === 'attribute' && isEvent) return 'event programs have no tracked-entity attributes';
  if ((s.kind === 'field' || s.kind === 'geometry' || s.kind === 'orgUnit') && s.of !== 'orgUnit') {
    if (isEvent && s.of !== 'event') return `an event mapping reads "event", not "${s.of}"`;
    if (s.of === 'relationship' && list !== 'relationshipMapping')
      return 'only relationship mappings read "relationship"';
    if (!isEvent && s.of === 'event' && s.kind !== 'field')
      return `"${s.kind}" of an event is only available in event mappings`;
  }
  return undefined;
}

export const OutbreakGroupSchema = z
  .object({
    /** Stable id of the group (the ID map keys the Go.Data outbreak on it): letters, digits, `-`, `_`. */
    key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - or _ (max 64)'),
    outbreak: OutbreakSettingsSchema,
    casePrograms: UidList,
    contactPrograms: UidList,
    eventPrograms: UidList,
    /** Relationship type linking contacts to cases (read from either side). */
    contactRelationshipType: Uid.optional(),
    caseMapping: RecordMapping.default([]),
    contactMapping: RecordMapping.default([]),
    eventMapping: RecordMapping.default([]),
    relationshipMapping: RecordMapping.default([]),
  })
  .superRefine((g, ctx) => {
    if (g.contactPrograms.length > 0 && !g.contactRelationshipType) {
      fail(ctx, ['contactRelationshipType'], 'required when contact programs are listed');
    }
    for (const list of ['caseMapping', 'contactMapping', 'eventMapping', 'relationshipMapping'] as const) {
      g[list].forEach((m, i) => {
        [m.source, ...(m.fallbacks ?? [])].forEach((s, j) => {
          const problem = sourceProblem(s, list);
          const path = j === 0 ? [list, i, 'source'] : [list, i, 'fallbacks', j - 1];
          if (problem) fail(ctx, path, problem);
        });
      });
    }
  });
export type OutbreakGroup = z.infer<typeof OutbreakGroupSchema>;

export const LocationsConfigSchema = z.object({
  /** Org units whose subtrees become Go.Data locations; empty = the whole tree. */
  roots: UidList,
  includeClosed: z.boolean().default(false),
  /** Overrides of the level → geographical-level token rule (default `ADMIN_LEVEL_<level − 1>`). */
  levelTokens: z
    .array(z.object({ level: Count(1), token: token('LOCATION_GEOGRAPHICAL_LEVEL') }))
    .default([]),
});
export type LocationsConfig = z.infer<typeof LocationsConfigSchema>;

export function geographicalLevelToken(
  locations: Pick<LocationsConfig, 'levelTokens'>,
  level: number,
): string {
  const override = locations.levelTokens.find((t) => t.level === level);
  return (
    override?.token ?? `LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_${level - 1}`
  );
}

const EnrollmentScope = z
  .object({ orgUnits: UidList, enrolledAfter: IsoDate.optional(), enrolledBefore: IsoDate.optional() })
  .refine((r) => !r.enrolledAfter || !r.enrolledBefore || r.enrolledAfter <= r.enrolledBefore, {
    path: ['enrolledBefore'],
    message: 'before enrolledAfter',
  });
const EventScope = z
  .object({ orgUnits: UidList, occurredAfter: IsoDate.optional(), occurredBefore: IsoDate.optional() })
  .refine((r) => !r.occurredAfter || !r.occurredBefore || r.occurredAfter <= r.occurredBefore, {
    path: ['occurredBefore'],
    message: 'before occurredAfter',
  });

/** What each stage reads: org-unit roots (empty = the location roots) and a date window passed to DHIS2. */
export const ScopeSchema = z.object({
  cases: EnrollmentScope.default({ orgUnits: [] }),
  contacts: EnrollmentScope.default({ orgUnits: [] }),
  events: EventScope.default({ orgUnits: [] }),
});
export type Scope = z.infer<typeof ScopeSchema>;

export const MappingConfigSchema = z
  .object({
    version: z.literal(1),
    locations: LocationsConfigSchema.default({ roots: [], includeClosed: false, levelTokens: [] }),
    outbreaks: z.array(OutbreakGroupSchema).default([]),
    scope: ScopeSchema.default({
      cases: { orgUnits: [] },
      contacts: { orgUnits: [] },
      events: { orgUnits: [] },
    }),
    /** What a DHIS2 deletion does in Go.Data: soft-delete the record, or nothing. */
    deletions: z.enum(['propagate', 'ignore']).default('ignore'),
  })
  .superRefine((c, ctx) => {
    const keys = new Map<string, number>();
    const programs = new Map<string, string>();
    c.outbreaks.forEach((g, i) => {
      if (keys.has(g.key)) fail(ctx, ['outbreaks', i, 'key'], `key "${g.key}" is used twice`);
      keys.set(g.key, i);
      for (const list of ['casePrograms', 'contactPrograms', 'eventPrograms'] as const) {
        g[list].forEach((p, j) => {
          const where = `outbreaks[${i}].${list}`;
          const other = programs.get(p);
          if (other) fail(ctx, ['outbreaks', i, list, j], `program ${p} is already in ${other}`);
          else programs.set(p, where);
        });
      }
    });
  });
export type MappingConfig = z.infer<typeof MappingConfigSchema>;
/** The JSON as saved (defaults may be absent). */
export type MappingConfigInput = z.input<typeof MappingConfigSchema>;

export interface ConfigError {
  /** `outbreaks[0].caseMapping[3].source.attribute`; empty for the whole document. */
  path: string;
  message: string;
}

export type ParseMappingResult = { ok: true; config: MappingConfig } | { ok: false; errors: ConfigError[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  );
}

export function parseMappingConfig(input: unknown): ParseMappingResult {
  const parsed = MappingConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  };
}

export function parseMappingConfigJson(text: string): ParseMappingResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: '', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  return parseMappingConfig(json);
}

export { ISSUE_CODES, MappingIssueSchema, type IssueCode, type MappingIssue } from './mapping-issues.js';
