import { describe, expect, it } from 'vitest';
import { parseMappingConfig, type MappingConfig } from '../../shared/mapping.js';
import {
  ATTRIBUTE,
  CASE_PROGRAM,
  CONTACT_PROGRAM,
  DATA_ELEMENT,
  OPTION,
  STAGE,
} from './defaults/covid19-package.js';
import { checkMappingAgainstMetadata } from './metadata-check.js';
import { loadFixture } from './testing/fixtures.js';

function configWith(group: Record<string, unknown>): MappingConfig {
  const parsed = parseMappingConfig({
    version: 1,
    outbreaks: [
      {
        key: 'k',
        outbreak: {
          name: 'T',
          startDate: '2020-01-01',
          periodOfFollowup: 14,
          frequencyOfFollowUpPerDay: 1,
          longPeriodsBetweenCaseOnset: 1,
          noDaysAmongContacts: 1,
          noDaysInChains: 1,
          noDaysNotSeen: 1,
          noLessContacts: 1,
        },
        ...group,
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

describe('checkMappingAgainstMetadata', () => {
  const metadata = loadFixture('sierraLeone2021').metadata;

  it('reports programs that are missing or of the wrong type, and unknown relationship types', () => {
    const config = configWith({
      casePrograms: ['AbcdefGhij1'],
      eventPrograms: [CONTACT_PROGRAM],
      contactRelationshipType: 'ZzzzzzZzzz1',
    });
    expect(checkMappingAgainstMetadata(config, metadata)).toEqual([
      { path: 'outbreaks[0].casePrograms[0]', message: 'program AbcdefGhij1 does not exist' },
      {
        path: 'outbreaks[0].eventPrograms[0]',
        message: `program ${CONTACT_PROGRAM} is WITH_REGISTRATION, expected WITHOUT_REGISTRATION`,
      },
      {
        path: 'outbreaks[0].contactRelationshipType',
        message: 'relationship type ZzzzzzZzzz1 does not exist',
      },
    ]);
  });

  it('reports attributes, stages and data elements outside the list’s programs, and unknown value-map keys', () => {
    const config = configWith({
      casePrograms: [CASE_PROGRAM],
      caseMapping: [
        // the System Generated Contact ID belongs to the contacts program only
        { target: 'visualId', source: { kind: 'attribute', attribute: 'tCQ0Q70ao2m' } },
        {
          target: 'dateOfOnset',
          source: {
            kind: 'dataElement',
            dataElement: DATA_ELEMENT.onsetDate,
            programStage: STAGE.labResults,
          },
        },
        {
          target: 'x',
          source: {
            kind: 'dataElement',
            dataElement: DATA_ELEMENT.labTestResult,
            programStage: 'NoSuchStag1',
          },
        },
        {
          target: 'gender',
          source: { kind: 'attribute', attribute: ATTRIBUTE.sex },
          valueMap: [
            { from: OPTION.sex.male, to: 'M' },
            { from: 'FEMALE', to: 'F' },
            { from: 'Unknown', to: 'U' },
          ],
        },
      ],
    });
    expect(checkMappingAgainstMetadata(config, metadata)).toEqual([
      {
        path: 'outbreaks[0].caseMapping[0].source.attribute',
        message: `attribute tCQ0Q70ao2m is not in ${CASE_PROGRAM}`,
      },
      {
        path: 'outbreaks[0].caseMapping[1].source.dataElement',
        message: `data element ${DATA_ELEMENT.onsetDate} is not in stage ${STAGE.labResults}`,
      },
      {
        path: 'outbreaks[0].caseMapping[2].source.programStage',
        message: `program stage NoSuchStag1 is not in ${CASE_PROGRAM}`,
      },
      {
        path: 'outbreaks[0].caseMapping[2].source.dataElement',
        message: `data element ${DATA_ELEMENT.labTestResult} is not in stage NoSuchStag1`,
      },
      {
        path: 'outbreaks[0].caseMapping[3].valueMap[2].from',
        message: `"Unknown" is neither an option uid nor an option code of option set ${OPTION.sex.set} (Sex)`,
      },
    ]);
  });
});
