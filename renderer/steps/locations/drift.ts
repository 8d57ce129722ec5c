import type { DriftReport } from '../../../shared/views.js';

export type DriftKind = 'added' | 'renamed' | 'moved' | 'closed' | 'removed';

export const DRIFT_KINDS: readonly { kind: DriftKind; title: string; explain: string }[] = [
  { kind: 'added', title: 'Added', explain: 'New in DHIS2.' },
  { kind: 'renamed', title: 'Renamed', explain: 'Name changed in DHIS2.' },
  { kind: 'moved', title: 'Moved', explain: 'Parent changed in DHIS2.' },
  { kind: 'closed', title: 'Closed', explain: 'Closed in DHIS2 (a closing date was set).' },
  { kind: 'removed', title: 'Removed', explain: 'No longer in DHIS2.' },
];

/** One line per changed unit, saying what changed. */
export function driftLines(report: DriftReport, kind: DriftKind): { uid: string; text: string }[] {
  switch (kind) {
    case 'renamed':
      return report.renamed.map((u) => ({ uid: u.uid, text: `${u.from} → ${u.name}` }));
    case 'moved':
      return report.moved.map((u) => ({ uid: u.uid, text: `${u.name}: ${u.fromPath} → ${u.path}` }));
    default:
      return report[kind].map((u) => ({ uid: u.uid, text: `${u.name} (${u.path})` }));
  }
}

export function driftTotal(report: DriftReport): number {
  return DRIFT_KINDS.reduce((n, { kind }) => n + report[kind].length, 0);
}
