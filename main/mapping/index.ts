/**
 * The one place that applies a declarative mapping (`shared/mapping.ts`) to DHIS2 records and checks the result
 * against Go.Data's rules. Everything here is pure: no I/O, no clock (the reference date comes in the context).
 *
 * Typical use by a stage:
 *   const parsed = parseMappingConfigJson(text);                 // or parseMappingConfig(json); errors name paths
 *   const ctx = createMappingContext({ metadata, resolveLocation, orgUnitGeometry, referenceDate });
 *   const { document, issues, sources } = mapCase(te, enrollment, group, ctx);
 *   issues.push(...validateForGoData('case', { ...document, id }, { version: goDataRulesFor(serverVersion), sources }));
 *   if (!hasErrors(issues)) send(document);                      // else record the issues with the record
 */

export {
  MappingConfigSchema,
  MappingIssueSchema,
  geographicalLevelToken,
  parseMappingConfig,
  parseMappingConfigJson,
  type ConfigError,
  type FieldMapping,
  type MappingConfig,
  type MappingIssue,
  type OutbreakGroup,
} from '../../shared/mapping.js';

export { createMappingContext, type MappingContext, type MappingContextInput } from './context.js';
export {
  applyMapping,
  mapCase,
  mapContact,
  mapContactRelationship,
  mapEvent,
  type MappingResult,
  type PersonDraft,
  type RelationshipDraft,
} from './engine.js';
export type { MappingRecord } from './sources.js';
export { validateForGoData, type ValidateOptions } from './godata-rules.js';
export { goDataRulesFor, type GoDataKind, type GoDataRules } from './godata-fields.js';
export { hasErrors } from './issues.js';
export { buildOutbreak } from './outbreak.js';
export { caseLinksOfContact, type CaseLink } from './relationships.js';
export { checkMappingAgainstMetadata } from './metadata-check.js';
export { pointOf } from './geometry.js';
export { COVID19_DEFAULT_MAPPING, covid19DefaultMapping } from './defaults/covid19.js';
