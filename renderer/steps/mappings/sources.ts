import {
  RECORD_FIELDS,
  type FieldSource,
  type RecordLevel,
  type RecordMappingKind,
} from '../../../shared/mapping.js';
import type { MetadataIndex } from './metadata-index.js';
import type { OptionSet } from './value-map.js';

export type SourceKind = FieldSource['kind'];
export type ConcatPart = Extract<FieldSource, { kind: 'concat' }>['parts'][number];
type Of<K extends SourceKind> = Extract<FieldSource, { kind: K; of: unknown }>['of'];

export const SOURCE_KIND_TEXT: Readonly<Record<SourceKind, string>> = {
  attribute: 'Tracked-entity attribute',
  dataElement: 'Data element',
  field: 'Record field',
  constant: 'Fixed value',
  geometry: 'Coordinates',
  orgUnit: 'Location (org unit)',
  concat: 'Joined values',
};

/** Which source kinds make sense in a list (event programs have no tracked-entity attributes). */
export function kindsFor(list: RecordMappingKind, inConcat = false): SourceKind[] {
  const all: SourceKind[] = inConcat
    ? ['attribute', 'dataElement', 'field', 'constant']
    : ['attribute', 'dataElement', 'field', 'constant', 'geometry', 'orgUnit', 'concat'];
  return list === 'eventMapping' ? all.filter((k) => k !== 'attribute') : all;
}

/** The record levels a source may read in a list; mirrors the rules main checks on save. */
export function levelsFor(kind: 'field', list: RecordMappingKind): RecordLevel[];
export function levelsFor(kind: 'geometry', list: RecordMappingKind): Of<'geometry'>[];
export function levelsFor(kind: 'orgUnit', list: RecordMappingKind): Of<'orgUnit'>[];
export function levelsFor(kind: 'field' | 'geometry' | 'orgUnit', list: RecordMappingKind): string[] {
  if (list === 'eventMapping') return kind === 'geometry' ? ['event', 'orgUnit'] : ['event'];
  if (kind === 'field') {
    return list === 'relationshipMapping'
      ? ['trackedEntity', 'enrollment', 'event', 'relationship']
      : ['trackedEntity', 'enrollment', 'event'];
  }
  return kind === 'geometry' ? ['trackedEntity', 'enrollment', 'orgUnit'] : ['trackedEntity', 'enrollment'];
}

export function fieldsOf(level: RecordLevel): readonly string[] {
  return RECORD_FIELDS[level];
}

/** A fresh source of a kind, valid for the list (first allowed level, first field). */
export function newSource(kind: SourceKind, list: RecordMappingKind): FieldSource {
  switch (kind) {
    case 'attribute':
      return { kind, attribute: '' };
    case 'dataElement':
      return { kind, dataElement: '' };
    case 'field': {
      const of = levelsFor('field', list)[0] ?? 'enrollment';
      return { kind, of, field: RECORD_FIELDS[of][0] };
    }
    case 'constant':
      return { kind, value: '' };
    case 'geometry':
      return { kind, as: 'point', of: levelsFor('geometry', list)[0] ?? 'event' };
    case 'orgUnit':
      return { kind, of: levelsFor('orgUnit', list)[0] ?? 'event' };
    case 'concat':
      return { kind, parts: [{ kind: 'constant', value: '' }], separator: ' ' };
  }
}

const pickText = (pick: 'earliest' | 'latest' | undefined) =>
  pick === 'earliest' ? 'earliest event' : 'latest event';

/** One readable line for the mapping table. */
export function describeSource(source: FieldSource | ConcatPart, index: MetadataIndex): string {
  switch (source.kind) {
    case 'attribute':
      return `Attribute “${index.attributes.get(source.attribute)?.name ?? source.attribute}”`;
    case 'dataElement': {
      const stage = source.programStage
        ? (index.stages.get(source.programStage)?.name ?? source.programStage)
        : undefined;
      const name = index.dataElements.get(source.dataElement)?.name ?? source.dataElement;
      return `Data element “${name}” (${stage ? `stage “${stage}”, ` : ''}${pickText(source.pick)})`;
    }
    case 'field': {
      const stage = source.programStage
        ? (index.stages.get(source.programStage)?.name ?? source.programStage)
        : undefined;
      const where = source.of === 'event' && stage ? ` (stage “${stage}”, ${pickText(source.pick)})` : '';
      return `${source.of}.${source.field}${where}`;
    }
    case 'constant':
      return `Fixed value “${String(source.value)}”`;
    case 'geometry':
      return `Coordinates of the ${source.of}`;
    case 'orgUnit':
      return `Location of the ${source.of}'s org unit`;
    case 'concat':
      return source.parts.map((p) => describeSource(p, index)).join(` + “${source.separator}” + `);
  }
}

/** The option set behind a source, for prefilling its value map. */
export function optionSetOf(source: FieldSource, index: MetadataIndex): OptionSet | undefined {
  const id =
    source.kind === 'attribute'
      ? index.attributes.get(source.attribute)?.optionSetId
      : source.kind === 'dataElement'
        ? index.dataElements.get(source.dataElement)?.optionSetId
        : undefined;
  return id ? index.optionSets.get(id) : undefined;
}

const LEVEL_TEXT: Readonly<Record<string, string>> = {
  trackedEntity: 'Tracked entity (person)',
  enrollment: 'Enrollment',
  event: 'Event',
  relationship: 'Relationship',
  orgUnit: 'Org unit',
};

export function levelChoices(levels: readonly string[]): { value: string; label: string }[] {
  return levels.map((l) => ({ value: l, label: LEVEL_TEXT[l] ?? l }));
}
