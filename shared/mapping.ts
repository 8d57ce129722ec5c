import { z } from 'zod';

/**
 * The declarative DHIS2 → Go.Data mapping the user edits in the Mappings step and saves with the tasks.
 * Parsed here (zod) so the renderer and main agree on one shape; applied only by `main/mapping`.
 * Fields with `.default(...)` may be left out of the saved JSON.
 */

const DHIS2_UID = /^[A-Za-z][A-Za-z0-9]{10}$/;
/** Adds a custom parse error at `path` (relative to the refined object). */
function fail(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

const Uid = z
  .string()
  .regex(DHIS2_UID, 'expected a DHIS2 uid (11 letters or digits, starting with a letter)');
const UidList = z.array(Uid).default([]);

/** `yyyy-MM-dd`, a real calendar day. */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-MM-dd')
  .refine((s) => new Date(`${s}T00:00:00.000Z`).toISOString().startsWith(s), 'not a calendar date');

/** Go.Data reference-data token of one category, e.g. `LNG_REFERENCE_DATA_CATEGORY_GENDER_MALE`. */
export function referenceTokenPattern(category: string): RegExp {
  return new RegExp(`^LNG_REFERENCE_DATA_CATEGORY_${category}_[A-Z0-9_]+$`);
}
const token = (category: string) =>
  z
    .string()
    .regex(referenceTokenPattern(category), `expected a LNG_REFERENCE_DATA_CATEGORY_${category}_… token`);

/** Where a value is read from. `of` names the record level; what exists depends on the record list. */
// prettier-ignore
export const RECORD_FIELDS = {
  trackedEntity: ['trackedEntity', 'trackedEntityType', 'orgUnit', 'createdAt', 'updatedAt'],
  enrollment: ['enrollment', 'program', 'trackedEntity', 'orgUnit', 'status', 'enrolledAt', 'occurredAt',
    'completedAt', 'createdAt', 'updatedAt'],
  event: ['event', 'program', 'programStage', 'enrollment', 'trackedEntity', 'orgUnit', 'status', 'occurredAt',
    'scheduledAt', 'completedAt', 'createdAt', 'updatedAt'],
  relationship: ['relationship', 'relationshipType', 'createdAt', 'updatedAt'],
} as const;
export type RecordLevel = keyof typeof RECORD_FIELDS;

/** Among several events, which one supplies the value (by `occurredAt`); `latest` when omitted. */
const EventPick = z.enum(['earliest', 'latest']).optional();
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const AttributeSource = z.object({ kind: z.literal('attribute'), attribute: Uid });
/** A data element of the record's events (only events of `programStage` when given, never deleted ones). */
const DataElementSource = z.object({
  kind: z.literal('dataElement'),
  dataElement: Uid,
  programStage: Uid.optional(),
  pick: EventPick,
});
/** A built-in field; with `of: 'event'` in a case/contact list, taken from the picked event of `programStage`. */
const RecordFieldSource = z
  .object({
    kind: z.literal('field'),
    of: z.enum(['trackedEntity', 'enrollment', 'event', 'relationship']),
    field: z.string(),
    programStage: Uid.optional(),
    pick: EventPick,
  })
  .superRefine((s, ctx) => {
    const allowed: readonly string[] = RECORD_FIELDS[s.of];
    if (!allowed.includes(s.field)) {
      fail(ctx, ['field'], `${s.of} has no field "${s.field}"; one of ${allowed.join(', ')}`);
    }
    if (s.of !== 'event' && (s.programStage || s.pick)) {
      fail(ctx, ['of'], 'programStage and pick apply to events only');
    }
  });
const ConstantSource = z.object({ kind: z.literal('constant'), value: Scalar });
/** A point `{lat,lng}`: the geometry itself, or the centroid of a polygon / multipolygon. */
const GeometrySource = z.object({
  kind: z.literal('geometry'),
  as: z.literal('point').default('point'),
  of: z.enum(['trackedEntity', 'enrollment', 'event', 'orgUnit']),
});
/** The Go.Data location id of an org unit, through the bridge's ID map. */
const OrgUnitSource = z.object({
  kind: z.literal('orgUnit'),
  of: z.enum(['trackedEntity', 'enrollment', 'event']),
});
// prettier-ignore
const ConcatPart = z.discriminatedUnion('kind', [AttributeSource, DataElementSource, RecordFieldSource, ConstantSource]);
/** Non-empty parts joined by `separator`; empty when every non-constant part is empty. */
const ConcatSource = z.object({
  kind: z.literal('concat'),
  parts: z.array(ConcatPart).min(1),
  separator: z.string().default(' '),
});

// prettier-ignore
export const FieldSourceSchema = z.discriminatedUnion('kind', [
  AttributeSource, DataElementSource, RecordFieldSource, ConstantSource, GeometrySource, OrgUnitSource, ConcatSource,
]);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

// prettier-ignore
export const TRANSFORMS = [
  'trim', 'date', 'datetime', 'ageFromBirthDate', 'number', 'integer', 'boolean', 'uppercase', 'lowercase',
] as const;
export const TransformSchema = z.enum(TRANSFORMS);
export type Transform = z.infer<typeof TransformSchema>;

/**
 * `from` is an option uid (survives package releases) or an option code / plain value; `to: null` says the value is
 * known but has no Go.Data counterpart (the field stays empty, no issue is reported).
 */
export const ValueMapEntrySchema = z.object({ from: z.string().min(1), to: Scalar.nullable() });
export type ValueMapEntry = z.infer<typeof ValueMapEntrySchema>;

/** Go.Data dot path with array indexes: `firstName`, `age.years`, `addresses[0].phoneNumber`. */
const TARGET_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\[\d{1,3}\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d{1,3}\])*)*$/;
const FORBIDDEN_SEGMENTS = /(^|\.)(__proto__|constructor|prototype)(\[|\.|$)/;
const TargetPath = z
  .string()
  .regex(TARGET_PATH, 'expected a Go.Data field path such as addresses[0].phoneNumber')
  .refine((p) => !FORBIDDEN_SEGMENTS.test(p), 'reserved name in path');

/**
 * One Go.Data field. Order of work: first non-empty of `source` then `fallbacks`, `transforms` in order,
 * `valueMap`, then `default` (a final Go.Data value) when still empty; `required` makes an empty field an error.
 */
export const FieldMappingSchema = z
  .object({
    target: TargetPath,
    source: FieldSourceSchema,
    fallbacks: z.array(FieldSourceSchema).optional(),
    transforms: z.array(TransformSchema).optional(),
    valueMap: z.array(ValueMapEntrySchema).optional(),
    default: Scalar.optional(),
    required: z.boolean().optional(),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.valueMap?.forEach((e, i) => {
      if (seen.has(e.from)) fail(ctx, ['valueMap', i, 'from'], `"${e.from}" is mapped twice`);
      seen.add(e.from);
    });
  });
export type FieldMapping = z.infer<typeof FieldMappingSchema>;
/** A field mapping as written in JSON (defaults may be absent). */
export type FieldMappingInput = z.input<typeof FieldMappingSchema>;

/** A list of field mappings; two mappings may not write the same field, nor a field and its parent. */
const RecordMapping = z.array(FieldMappingSchema).superRefine((list, ctx) => {
  const targets = list.map((m) => m.target);
  targets.forEach((t, i) => {
    const clash = targets.findIndex(
      (o, j) => j !== i && (o === t || t.startsWith(`${o}.`) || t.startsWith(`${o}[`)),
    );
    if (clash >= 0) fail(ctx, [i, 'target'], `"${t}" clashes with "${targets[clash]}"`);
  });
});
export type RecordMappingKind = 'caseMapping' | 'contactMapping' | 'eventMapping' | 'relationshipMapping';

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

// prettier-ignore
export const ISSUE_CODES = [
  // applying a mapping
  'required', 'unmapped_value', 'invalid_value', 'unknown_location', 'source_unavailable',
  // Go.Data rules
  'godata_required', 'godata_recommended', 'unexpected_field', 'wrong_type', 'invalid_date', 'invalid_number',
  'invalid_token', 'wrong_token_category', 'unknown_token', 'invalid_age', 'geo_out_of_range', 'invalid_mask',
  'address_usual_place_missing', 'address_usual_place_multiple', 'address_previous_needs_date',
] as const;

/** A per-record problem; `error` keeps the record from being sent, `warning` is reported only. */
export const MappingIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.enum(ISSUE_CODES),
  /** Go.Data field path. */
  field: z.string(),
  /** The DHIS2 source, e.g. `dataElement ovY6E8BSdto (event …)`. */
  source: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  message: z.string(),
});
export type MappingIssue = z.infer<typeof MappingIssueSchema>;
export type IssueCode = MappingIssue['code'];
