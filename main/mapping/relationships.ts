import type { Relationship, RelationshipSide, TrackedEntity, Uid } from '../dhis2/model.js';

export interface CaseLink {
  relationship: Relationship;
  /** The tracked entity on the other side: the case, whichever direction the relationship was entered in. */
  caseTrackedEntity: Uid;
}

function createdTime(r: Relationship): number {
  const t = Date.parse(r.createdAt ?? '');
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function trackedEntityOf(side: RelationshipSide): Uid | undefined {
  return 'trackedEntity' in side ? side.trackedEntity : undefined;
}

/**
 * A contact's links to cases: relationships of the group's type whose other side is a tracked entity. DHIS2 does
 * not enforce the case → contact direction, so both sides are read. One link per case (the earliest created, then
 * lowest uid), because Go.Data would store a second relationship for the same pair.
 */
export function caseLinksOfContact(contact: TrackedEntity, relationshipType: Uid): CaseLink[] {
  const byCase = new Map<Uid, CaseLink>();
  const ordered = contact.relationships
    .filter((r) => r.relationshipType === relationshipType)
    .sort((a, b) => createdTime(a) - createdTime(b) || a.relationship.localeCompare(b.relationship));
  for (const relationship of ordered) {
    const from = trackedEntityOf(relationship.from);
    const to = trackedEntityOf(relationship.to);
    const other = from === contact.trackedEntity ? to : to === contact.trackedEntity ? from : undefined;
    if (other === undefined || other === contact.trackedEntity || byCase.has(other)) continue;
    byCase.set(other, { relationship, caseTrackedEntity: other });
  }
  return [...byCase.values()];
}
