import { describe, expect, it } from 'vitest';
import type { Relationship } from '../dhis2/model.js';
import { caseLinksOfContact } from './relationships.js';
import { makeTrackedEntity } from './testing/records.js';

const TYPE = 'ipjUWSTPKFt';
const rel = (
  relationship: string,
  from: string,
  to: string,
  createdAt: string,
  type = TYPE,
): Relationship => ({
  relationship,
  relationshipType: type,
  from: { trackedEntity: from },
  to: { trackedEntity: to },
  createdAt,
});

describe('caseLinksOfContact', () => {
  it('reads both directions, keeps one link per case, ignores other types and non-TE sides', () => {
    const contact = makeTrackedEntity({
      trackedEntity: 'Contact0001',
      relationships: [
        rel('Rel00000003', 'CaseAaaaaa1', 'Contact0001', '2021-03-05T00:00:00.000Z'),
        rel('Rel00000002', 'Contact0001', 'CaseAaaaaa1', '2021-03-04T00:00:00.000+01:00'),
        rel('Rel00000004', 'Contact0001', 'CaseBbbbbb1', '2021-03-06T00:00:00.000Z'),
        rel('Rel00000005', 'Contact0001', 'CaseCcccccc', '2021-03-06T00:00:00.000Z', 'OtherType01'),
        {
          ...rel('Rel00000006', 'Contact0001', 'x', '2021-03-06T00:00:00.000Z'),
          to: { event: 'EventUid001' },
        },
      ],
    });
    expect(
      caseLinksOfContact(contact, TYPE).map((l) => [l.caseTrackedEntity, l.relationship.relationship]),
    ).toEqual([
      ['CaseAaaaaa1', 'Rel00000002'],
      ['CaseBbbbbb1', 'Rel00000004'],
    ]);
  });
});
