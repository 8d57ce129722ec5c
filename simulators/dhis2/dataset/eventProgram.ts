import { COVID } from './covid.js';
import type { MetadataCollections, MetadataObject } from './types.js';

/**
 * The COVID-19 event program PNClHaZARtz that the package exports lack (reference §10, known only from a
 * DHIS2 rules-engine fixture). Data elements the exports already hold are reused; the missing ones are added
 * with the value types and option sets the fixture gives. UIDs marked "simulator" are invented here because no
 * public source names them.
 */
const STAMP = '2021-04-20T09:50:00.000';

function identifiable(id: string, name: string, extra: Record<string, unknown>): MetadataObject {
  return { id, name, created: STAMP, lastUpdated: STAMP, ...extra };
}

function dataElement(
  id: string,
  name: string,
  code: string,
  valueType: string,
  optionSet?: string,
): MetadataObject {
  return identifiable(id, name, {
    code,
    shortName: name,
    formName: name,
    valueType,
    domainType: 'TRACKER',
    aggregationType: 'NONE',
    zeroIsSignificant: false,
    categoryCombo: { id: 'bjDvmb4bfuf' },
    ...(optionSet ? { optionSet: { id: optionSet } } : {}),
  });
}

const DE = COVID.dataElements;

/** Data elements the fixture names but no export holds. */
const NEW_DATA_ELEMENTS: MetadataObject[] = [
  dataElement(DE.classification, 'COVID-19 Case classification', 'COVID_CASE_CLASSIFICATION', 'TEXT'),
  dataElement(DE.eventSex, 'Sex', 'PATINFO_SEX_EVENT', 'TEXT', COVID.optionSets.sex),
  dataElement(DE.eventAge, 'Age (years)', 'PATINFO_AGE_EVENT', 'INTEGER_ZERO_OR_POSITIVE'),
  dataElement(DE.patientId, 'Patient ID', 'PATINFO_ID_EVENT', 'TEXT'),
  dataElement(DE.labTestDone, 'Lab test done', 'LAB_TEST_DONE', 'TEXT', COVID.optionSets.yesNoUnknown),
  dataElement(
    DE.infectionSource,
    'Source of infection',
    'INFECTION_SOURCE',
    'TEXT',
    COVID.optionSets.infectionSource,
  ),
];

/** Option uid PMGTqmVIF4T (imported case) is in the fixture; the other two uids are simulator inventions. */
const INFECTION_SOURCE_OPTIONS: Array<[string, string, string]> = [
  ['PMGTqmVIF4T', 'IMPORTED_CASE', 'Imported case'],
  ['Fq3LxTnC8vB', 'LOCAL_TRANSMISSION', 'Local transmission'],
  ['Wc7HyRk2MzD', 'EXPOSURE_UNKNOWN', 'Exposure unknown'],
];

/** Stage data elements in form order. */
const STAGE_ELEMENTS = [
  DE.patientId,
  DE.eventSex,
  DE.eventAge,
  DE.symptoms,
  DE.onset,
  DE.travel,
  DE.infectionSource,
  DE.hospitalised,
  DE.labTestDone,
  DE.labResult,
  DE.classification,
  DE.outcome,
  DE.calculatedOnset,
];

/** Adds the event program (and whatever it needs) to a metadata bundle, in place. */
export function addEventProgram(
  metadata: MetadataCollections,
  organisationUnits: Array<{ id: string }>,
): void {
  const dataElements = (metadata.dataElements ??= []);
  const known = new Set(dataElements.map((d) => d.id));
  for (const de of NEW_DATA_ELEMENTS) if (!known.has(de.id)) dataElements.push(de);

  const optionSets = (metadata.optionSets ??= []);
  const options = (metadata.options ??= []);
  if (!optionSets.some((s) => s.id === COVID.optionSets.infectionSource)) {
    optionSets.push(
      identifiable(COVID.optionSets.infectionSource, 'Source of infection', {
        valueType: 'TEXT',
        version: 1,
        options: INFECTION_SOURCE_OPTIONS.map(([id]) => ({ id })),
      }),
    );
    INFECTION_SOURCE_OPTIONS.forEach(([id, code, name], i) =>
      options.push(
        identifiable(id, name, {
          code,
          sortOrder: i + 1,
          optionSet: { id: COVID.optionSets.infectionSource },
        }),
      ),
    );
  }

  const stageId = COVID.eventProgram.stage;
  (metadata.programStages ??= []).push(
    identifiable(stageId, 'COVID-19 Surveillance Event', {
      program: { id: COVID.eventProgram.program },
      sortOrder: 1,
      repeatable: false,
      executionDateLabel: 'Date of report',
      featureType: 'NONE',
      validationStrategy: 'ON_COMPLETE',
      programStageDataElements: STAGE_ELEMENTS.map((de, i) =>
        identifiable(`PsdeEvt${String(i + 1).padStart(4, '0')}`, `${stageId} ${de}`, {
          compulsory: false,
          sortOrder: i + 1,
          allowProvidedElsewhere: false,
          displayInReports: false,
          programStage: { id: stageId },
          dataElement: { id: de },
        }),
      ),
      programStageSections: [],
    }),
  );

  (metadata.programs ??= []).push(
    identifiable(COVID.eventProgram.program, 'COVID-19 Surveillance (event)', {
      shortName: 'COVID-19 Surveillance (event)',
      code: 'COVID19_EVENT',
      programType: 'WITHOUT_REGISTRATION',
      version: 1,
      accessLevel: 'OPEN',
      displayIncidentDate: false,
      onlyEnrollOnce: false,
      featureType: 'NONE',
      categoryCombo: { id: 'bjDvmb4bfuf' },
      programStages: [{ id: stageId }],
      programTrackedEntityAttributes: [],
      programSections: [],
      organisationUnits: organisationUnits.map((ou) => ({ id: ou.id })),
      attributeValues: [],
      translations: [],
    }),
  );
}
