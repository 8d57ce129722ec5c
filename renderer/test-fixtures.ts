import { emptyCounts, type RunSummary, type StageName, type StageState } from '../shared/stages.js';
import type { MetadataSummary } from '../shared/views.js';

/** Small hand-made values shaped like main's answers, shared by the renderer's unit tests. */

export function run(id: number, stage: StageName, status: RunSummary['status'], read = 0): RunSummary {
  return { id, stage, status, startedAt: '2026-01-05T10:00:00.000Z', counts: { ...emptyCounts(), read } };
}

export function stage(
  name: StageName,
  status: StageState['status'],
  extra: Partial<StageState> = {},
): StageState {
  return { stage: name, status, openIssues: 0, ...extra };
}

export const SUMMARY: MetadataSummary = {
  sourceUrl: 'https://dhis2.example.org',
  serverVersion: '2.40.3',
  fetchedAt: '2026-01-05T09:00:00.000Z',
  orgUnits: 1332,
  orgUnitLevels: [
    { level: 1, name: 'National' },
    { level: 2, name: 'District' },
  ],
  programs: [
    {
      id: 'uYjxkTbwRNf',
      name: 'COVID-19 Case-based Surveillance',
      programType: 'WITH_REGISTRATION',
      attributes: [
        { id: 'sB1IHYu2xQT', name: 'First name', valueType: 'TEXT' },
        { id: 'oindugucx72', name: 'Sex', valueType: 'TEXT', optionSetId: 'Sex00000001' },
      ],
      stages: [
        {
          id: 'dDHkBd3X8Ce',
          name: 'Lab Results',
          dataElements: [
            { id: 'ovY6E8BSdto', name: 'Lab Test Result', valueType: 'TEXT', optionSetId: 'LabRes00001' },
          ],
        },
        {
          id: 'LpWNjNGvCO5',
          name: 'Symptoms',
          dataElements: [{ id: 's3eoonJ8OJb', name: 'Date of onset', valueType: 'DATE' }],
        },
      ],
    },
    {
      id: 'DM9n1bUw8W8',
      name: 'COVID-19 Contact Registration',
      programType: 'WITH_REGISTRATION',
      attributes: [{ id: 'ENRjVGxVL6l', name: 'Surname', valueType: 'TEXT' }],
      stages: [],
    },
    {
      id: 'PNClHaZARtz',
      name: 'COVID-19 Events',
      programType: 'WITHOUT_REGISTRATION',
      attributes: [],
      stages: [
        {
          id: 'duF07iN3Gos',
          name: 'Event',
          dataElements: [{ id: 's3eoonJ8OJb', name: 'Date of onset', valueType: 'DATE' }],
        },
      ],
    },
  ],
  optionSets: [
    {
      id: 'Sex00000001',
      name: 'Sex',
      options: [
        { id: 'optMale0001', code: 'Male', name: 'Male' },
        { id: 'optFemale01', code: 'Female', name: 'Female' },
      ],
    },
    {
      id: 'LabRes00001',
      name: 'Lab result',
      options: [
        { id: 'optPos00001', code: 'POSITIVE', name: 'Positive' },
        { id: 'optNeg00001', code: 'NEGATIVE', name: 'Negative' },
      ],
    },
  ],
  relationshipTypes: [{ id: 'ipjUWSTPKFt', name: 'Contact of a case' }],
};
