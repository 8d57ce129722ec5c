import type { MappingIssue } from '../../shared/mapping.js';

const MAX_VALUE_LENGTH = 200;

/** Issues are stored and sent over IPC: keep values JSON scalars, objects as (short) JSON text. */
export function issueValue(value: unknown): MappingIssue['value'] {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

/** A record with any error issue must not be sent. */
export function hasErrors(issues: readonly MappingIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** A value inside an issue message: text quoted, points as JSON. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? typeof value);
}
