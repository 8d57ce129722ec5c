import type {
  ConfigError,
  FieldMapping,
  FieldSource,
  MappingConfig,
  OutbreakGroup,
} from '../../shared/mapping.js';
import type { Dhis2Metadata, OptionSet, Program } from '../dhis2/model.js';
import { optionExists } from './value-map.js';

type Metadata = Pick<Dhis2Metadata, 'programs' | 'optionSets' | 'relationshipTypes'>;
type Source = FieldSource | Extract<FieldSource, { kind: 'concat' }>['parts'][number];

const PROGRAM_LISTS = {
  casePrograms: 'WITH_REGISTRATION',
  contactPrograms: 'WITH_REGISTRATION',
  eventPrograms: 'WITHOUT_REGISTRATION',
} as const;

const MAPPING_PROGRAMS = {
  caseMapping: 'casePrograms',
  contactMapping: 'contactPrograms',
  relationshipMapping: 'contactPrograms',
  eventMapping: 'eventPrograms',
} as const;

/** Checks one source against the programs its list reads; returns the option set behind it, if any. */
function checkSource(s: Source, programs: Program[], meta: Metadata, path: string, errors: ConfigError[]) {
  const sets = new Map(meta.optionSets.map((o) => [o.id, o]));
  const names = programs.map((p) => p.id).join(', ');
  const stages = programs.flatMap((p) => p.stages);
  const stageOk = (stage: string | undefined, key: string) => {
    if (stage && !stages.some((st) => st.id === stage)) {
      errors.push({ path: `${path}.${key}`, message: `program stage ${stage} is not in ${names}` });
    }
  };
  switch (s.kind) {
    case 'attribute': {
      const attribute = programs.flatMap((p) => p.attributes).find((a) => a.id === s.attribute);
      if (!attribute)
        errors.push({ path: `${path}.attribute`, message: `attribute ${s.attribute} is not in ${names}` });
      return attribute?.optionSetId ? sets.get(attribute.optionSetId) : undefined;
    }
    case 'dataElement': {
      stageOk(s.programStage, 'programStage');
      const inStages = stages.filter((st) => !s.programStage || st.id === s.programStage);
      const element = inStages.flatMap((st) => st.dataElements).find((d) => d.id === s.dataElement);
      const where = s.programStage ? `stage ${s.programStage}` : names;
      if (!element)
        errors.push({
          path: `${path}.dataElement`,
          message: `data element ${s.dataElement} is not in ${where}`,
        });
      return element?.optionSetId ? sets.get(element.optionSetId) : undefined;
    }
    case 'field':
      stageOk(s.programStage, 'programStage');
      return undefined;
    case 'concat':
      s.parts.forEach((p, i) => checkSource(p, programs, meta, `${path}.parts[${i}]`, errors));
      return undefined;
    default:
      return undefined;
  }
}

function checkMapping(
  m: FieldMapping,
  programs: Program[],
  meta: Metadata,
  path: string,
  errors: ConfigError[],
) {
  let optionSet: OptionSet | undefined;
  [m.source, ...(m.fallbacks ?? [])].forEach((s, i) => {
    const sourcePath = i === 0 ? `${path}.source` : `${path}.fallbacks[${i - 1}]`;
    optionSet ??= checkSource(s, programs, meta, sourcePath, errors);
  });
  if (!optionSet || !m.valueMap) return;
  const set = optionSet;
  m.valueMap.forEach((entry, i) => {
    if (!optionExists(set, entry.from)) {
      errors.push({
        path: `${path}.valueMap[${i}].from`,
        message: `"${entry.from}" is neither an option uid nor an option code of option set ${set.id} (${set.name})`,
      });
    }
  });
}

function checkGroup(group: OutbreakGroup, meta: Metadata, path: string, errors: ConfigError[]) {
  const found: Record<keyof typeof PROGRAM_LISTS, Program[]> = {
    casePrograms: [],
    contactPrograms: [],
    eventPrograms: [],
  };
  for (const [list, type] of Object.entries(PROGRAM_LISTS) as Array<[keyof typeof PROGRAM_LISTS, string]>) {
    group[list].forEach((uid, i) => {
      const program = meta.programs.find((p) => p.id === uid);
      if (!program) errors.push({ path: `${path}.${list}[${i}]`, message: `program ${uid} does not exist` });
      else if (program.programType !== type) {
        errors.push({
          path: `${path}.${list}[${i}]`,
          message: `program ${uid} is ${program.programType}, expected ${type}`,
        });
      } else found[list].push(program);
    });
  }
  const type = group.contactRelationshipType;
  if (type && !meta.relationshipTypes.some((r) => r.id === type)) {
    errors.push({
      path: `${path}.contactRelationshipType`,
      message: `relationship type ${type} does not exist`,
    });
  }
  for (const [list, programList] of Object.entries(MAPPING_PROGRAMS) as Array<
    [keyof typeof MAPPING_PROGRAMS, keyof typeof PROGRAM_LISTS]
  >) {
    const programs = found[programList];
    if (programs.length === 0) continue; // missing programs are reported above
    group[list].forEach((m, i) => checkMapping(m, programs, meta, `${path}.${list}[${i}]`, errors));
  }
}

/**
 * Checks a parsed mapping against a DHIS2 instance's metadata: every program, stage, attribute, data element and
 * relationship type it names exists (in the programs of its list), and every value-map `from` is an option of the
 * source's option set, by uid or by code in either package release's spelling.
 */
export function checkMappingAgainstMetadata(config: MappingConfig, metadata: Metadata): ConfigError[] {
  const errors: ConfigError[] = [];
  config.outbreaks.forEach((group, i) => checkGroup(group, metadata, `outbreaks[${i}]`, errors));
  return errors;
}
