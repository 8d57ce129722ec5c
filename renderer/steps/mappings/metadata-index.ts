import type { OutbreakGroup, RecordMappingKind } from '../../../shared/mapping.js';
import type { MetadataSummary } from '../../../shared/views.js';
import type { OptionSet } from './value-map.js';

type Program = MetadataSummary['programs'][number];
type Attribute = Program['attributes'][number];
type Stage = Program['stages'][number];
type DataElement = Stage['dataElements'][number];

export interface Choice {
  value: string;
  label: string;
}

/** Lookups over the pulled metadata summary, built once per summary. */
export interface MetadataIndex {
  summary: MetadataSummary | undefined;
  programs: Map<string, Program>;
  attributes: Map<string, Attribute>;
  stages: Map<string, Stage & { programId: string }>;
  dataElements: Map<string, DataElement>;
  optionSets: Map<string, OptionSet>;
  relationshipTypes: Map<string, string>;
}

export function indexMetadata(summary: MetadataSummary | null | undefined): MetadataIndex {
  const index: MetadataIndex = {
    summary: summary ?? undefined,
    programs: new Map(),
    attributes: new Map(),
    stages: new Map(),
    dataElements: new Map(),
    optionSets: new Map(),
    relationshipTypes: new Map(),
  };
  for (const program of summary?.programs ?? []) {
    index.programs.set(program.id, program);
    for (const a of program.attributes) index.attributes.set(a.id, a);
    for (const stage of program.stages) {
      index.stages.set(stage.id, { ...stage, programId: program.id });
      for (const de of stage.dataElements) index.dataElements.set(de.id, de);
    }
  }
  for (const set of summary?.optionSets ?? []) index.optionSets.set(set.id, set);
  for (const t of summary?.relationshipTypes ?? []) index.relationshipTypes.set(t.id, t.name);
  return index;
}

/** Which of the group's programs feed a record list (relationships read the contact side and the case side). */
export function programsOfList(group: OutbreakGroup, list: RecordMappingKind): string[] {
  switch (list) {
    case 'caseMapping':
      return group.casePrograms;
    case 'contactMapping':
      return group.contactPrograms;
    case 'eventMapping':
      return group.eventPrograms;
    case 'relationshipMapping':
      return [...group.contactPrograms, ...group.casePrograms];
  }
}

/** The programs a picker offers for a list: the group's own, or every program of the right type while none is picked. */
export function programsFor(index: MetadataIndex, group: OutbreakGroup, list: RecordMappingKind): Program[] {
  const picked = programsOfList(group, list)
    .map((id) => index.programs.get(id))
    .filter((p): p is Program => p !== undefined);
  if (picked.length > 0) return picked;
  const type = list === 'eventMapping' ? 'WITHOUT_REGISTRATION' : 'WITH_REGISTRATION';
  return [...index.programs.values()].filter((p) => p.programType === type);
}

function unique(choices: Choice[]): Choice[] {
  const seen = new Set<string>();
  return choices.filter((c) => !seen.has(c.value) && Boolean(seen.add(c.value)));
}

export function attributeChoices(programs: readonly Program[]): Choice[] {
  return unique(
    programs.flatMap((p) => p.attributes.map((a) => ({ value: a.id, label: `${a.name} (${a.valueType})` }))),
  );
}

export function stageChoices(programs: readonly Program[]): Choice[] {
  const many = programs.length > 1;
  return unique(
    programs.flatMap((p) =>
      p.stages.map((s) => ({ value: s.id, label: many ? `${p.name}: ${s.name}` : s.name })),
    ),
  );
}

/** Data elements of one stage, or of every stage of the programs. */
export function dataElementChoices(programs: readonly Program[], stageId: string | undefined): Choice[] {
  const stages = programs.flatMap((p) => p.stages).filter((s) => !stageId || s.id === stageId);
  return unique(
    stages.flatMap((s) => s.dataElements.map((d) => ({ value: d.id, label: `${d.name} (${d.valueType})` }))),
  );
}

/** Keeps a value that is not in the pulled metadata visible (and flagged) instead of silently dropping it. */
export function withCurrent(choices: Choice[], current: string | undefined): Choice[] {
  if (!current || choices.some((c) => c.value === current)) return choices;
  return [{ value: current, label: `${current} (not in pulled metadata)` }, ...choices];
}

export function withCurrentAll(choices: Choice[], current: readonly string[]): Choice[] {
  return current.reduce((acc, id) => withCurrent(acc, id), choices);
}
