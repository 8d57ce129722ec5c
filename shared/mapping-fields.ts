import { z } from 'zod';

/** The building blocks of a mapping: where a value comes from, how it is transformed, where it goes. */

const DHIS2_UID = /^[A-Za-z][A-Za-z0-9]{10}$/;
/** Adds a custom parse error at `path` (relative to the refined object). */
export function fail(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

export const Uid = z
  .string()
  .regex(DHIS2_UID, 'expected a DHIS2 uid (11 letters or digits, starting with a letter)');
export const UidList = z.array(Uid).default([]);

/** `yyyy-MM-dd`, a real calendar day. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-MM-dd')
  .refine((s) => new Date(`${s}T00:00:00.000Z`).toISOString().startsWith(s), 'not a calendar date');

/** Go.Data reference-data token of one category, e.g. `LNG_REFERENCE_DATA_CATEGORY_GENDER_MALE`. */
export function referenceTokenPattern(category: string): RegExp {
  return new RegExp(`^LNG_REFERENCE_DATA_CATEGORY_${category}_[A-Z0-9_]+$`);
}
export const token = (category: string) =>
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
export const ConcatPart = z.discriminatedUnion('kind', [AttributeSource, DataElementSource, RecordFieldSource, ConstantSource]);
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
export const RecordMapping = z.array(FieldMappingSchema).superRefine((list, ctx) => {
  const targets = list.map((m) => m.target);
  targets.forEach((t, i) => {
    const clash = targets.findIndex(
      (o, j) => j !== i && (o === t || t.startsWith(`${o}.`) || t.startsWith(`${o}[`)),
    );
    if (clash >= 0) fail(ctx, [i, 'target'], `"${t}" clashes with "${targets[clash]}"`);
  });
});
export type RecordMappingKind = 'caseMapping' | 'contactMapping' | 'eventMapping' | 'relationshipMapping';
