import { readGeometry } from './geometry.js';
import { compact, int, flag, record, records, refId, text, type Json } from './json.js';
import type {
  OptionSet,
  OrgUnit,
  OrgUnitLevel,
  Program,
  ProgramAttribute,
  ProgramStage,
  ProgramStageDataElement,
  RelationshipType,
} from './model.js';
import { datePart, serverTimeToIso, type ServerZone } from './time.js';

/** Metadata objects as DHIS2 sends them (`/api/organisationUnits`, `/api/programs`, …) → engine types. */

export function toOrgUnit(raw: Json, zone: ServerZone): OrgUnit | undefined {
  const id = text(raw.id);
  const path = text(raw.path);
  if (!id) return undefined;
  const parentId = refId(raw.parent);
  return compact({
    id,
    name: text(raw.name) ?? text(raw.displayName) ?? id,
    code: text(raw.code),
    shortName: text(raw.shortName),
    level: int(raw.level) ?? (path ? path.split('/').length - 1 : 1),
    path: path ?? (parentId ? `/${parentId}/${id}` : `/${id}`),
    parentId,
    // Opening and closing are calendar dates that DHIS2 happens to serialise as midnight timestamps.
    openingDate: datePart(text(raw.openingDate)),
    closedDate: datePart(text(raw.closedDate)),
    geometry: readGeometry(raw.geometry, raw.coordinates, raw.featureType),
    lastUpdated: serverTimeToIso(text(raw.lastUpdated), zone),
  });
}

export function toOrgUnitLevel(raw: Json): OrgUnitLevel | undefined {
  const level = int(raw.level);
  if (level === undefined) return undefined;
  return compact({
    level,
    name: text(raw.name) ?? text(raw.displayName) ?? `Level ${level}`,
    id: text(raw.id),
  });
}

export function toProgram(raw: Json, zone: ServerZone): Program | undefined {
  const id = text(raw.id);
  if (!id) return undefined;
  const attributes = bySortOrder(records(raw.programTrackedEntityAttributes))
    .map(toProgramAttribute)
    .filter((a): a is ProgramAttribute => a !== undefined);
  const stages = bySortOrder(records(raw.programStages))
    .map(toStage)
    .filter((s): s is ProgramStage => s !== undefined);
  return compact<Program>({
    id,
    name: text(raw.name) ?? text(raw.displayName) ?? id,
    code: text(raw.code),
    version: int(raw.version),
    programType: raw.programType === 'WITHOUT_REGISTRATION' ? 'WITHOUT_REGISTRATION' : 'WITH_REGISTRATION',
    trackedEntityTypeId: refId(raw.trackedEntityType),
    attributes,
    stages,
    lastUpdated: serverTimeToIso(text(raw.lastUpdated), zone),
  });
}

function toProgramAttribute(raw: Json): ProgramAttribute | undefined {
  const attribute = record(raw.trackedEntityAttribute);
  const id = text(attribute.id);
  if (!id) return undefined;
  return compact({
    id,
    name: text(attribute.name) ?? text(attribute.displayName) ?? id,
    code: text(attribute.code),
    valueType: text(attribute.valueType) ?? 'TEXT',
    optionSetId: refId(attribute.optionSet),
    mandatory: flag(raw.mandatory),
  });
}

function toStage(raw: Json): ProgramStage | undefined {
  const id = text(raw.id);
  if (!id) return undefined;
  const dataElements = bySortOrder(records(raw.programStageDataElements))
    .map(toStageDataElement)
    .filter((d): d is ProgramStageDataElement => d !== undefined);
  return compact({
    id,
    name: text(raw.name) ?? text(raw.displayName) ?? id,
    sortOrder: int(raw.sortOrder),
    repeatable: flag(raw.repeatable),
    dataElements,
  });
}

function toStageDataElement(raw: Json): ProgramStageDataElement | undefined {
  const element = record(raw.dataElement);
  const id = text(element.id);
  if (!id) return undefined;
  return compact({
    id,
    name: text(element.name) ?? text(element.displayName) ?? id,
    code: text(element.code),
    formName: text(element.formName),
    valueType: text(element.valueType) ?? 'TEXT',
    optionSetId: refId(element.optionSet),
    compulsory: flag(raw.compulsory),
  });
}

export function toOptionSet(raw: Json): OptionSet | undefined {
  const id = text(raw.id);
  if (!id) return undefined;
  const options = bySortOrder(records(raw.options)).flatMap((option) => {
    const optionId = text(option.id);
    const code = text(option.code);
    if (!optionId || code === undefined) return [];
    return [
      compact({ id: optionId, code, name: text(option.name) ?? code, sortOrder: int(option.sortOrder) }),
    ];
  });
  return compact({ id, name: text(raw.name) ?? id, valueType: text(raw.valueType), options });
}

export function toRelationshipType(raw: Json): RelationshipType | undefined {
  const id = text(raw.id);
  if (!id) return undefined;
  return compact({
    id,
    name: text(raw.name) ?? text(raw.displayName) ?? id,
    bidirectional: flag(raw.bidirectional),
    fromToName: text(raw.fromToName),
    toFromName: text(raw.toFromName),
  });
}

/** Keeps the server's order for items without `sortOrder` (a stable sort). */
function bySortOrder(items: Json[]): Json[] {
  return [...items].sort((a, b) => (int(a.sortOrder) ?? Infinity) - (int(b.sortOrder) ?? Infinity));
}
