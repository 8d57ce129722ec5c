import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Doc, UserRecord } from '../state.js';

/** Values of Go.Data's `platform` request header that set `createdOn` (platformStamp mixin); default API. */
const PLATFORMS = new Set(['WEB', 'API', 'MOBILE', 'SYNC', 'IMPORT', 'BULK', 'MERGE']);

export function platformOf(request: FastifyRequest | undefined): string {
  const header = request?.headers.platform;
  const value = (Array.isArray(header) ? header[0] : header)?.toUpperCase();
  return value && PLATFORMS.has(value) ? value : 'API';
}

export function newId(): string {
  return randomUUID();
}

export interface Author {
  user?: UserRecord;
  now: string;
  platform?: string;
}

/** authorTimeStamp + platformStamp on create. `keepTimes` = sync/import paths that keep given stamps. */
export function stampCreate(doc: Record<string, unknown>, author: Author, keepTimes = false): void {
  const by = author.user?.id ?? 'system';
  if (!keepTimes || !doc.createdAt) doc.createdAt = author.now;
  if (!keepTimes || !doc.createdBy) doc.createdBy = by;
  if (!keepTimes || !doc.updatedAt) doc.updatedAt = author.now;
  if (!keepTimes || !doc.updatedBy) doc.updatedBy = by;
  doc.dbUpdatedAt = author.now;
  doc.createdOn = author.platform ?? 'API';
  doc.deleted ??= false;
}

export function stampUpdate(doc: Record<string, unknown>, author: Author, keepTimes = false): void {
  if (!keepTimes || !doc.updatedAt) doc.updatedAt = author.now;
  if (!keepTimes) doc.updatedBy = author.user?.id ?? 'system';
  doc.dbUpdatedAt = author.now;
}

/** Soft delete (softDelete mixin): `deleted: true`, `deletedAt: now`. */
export function markDeleted(doc: Doc, author: Author, deletedByParent?: string): void {
  doc.deleted = true;
  doc.deletedAt = author.now;
  if (deletedByParent !== undefined) doc.deletedByParent = deletedByParent;
  stampUpdate(doc, author);
}

export function markRestored(doc: Doc, author: Author): void {
  doc.deleted = false;
  doc.deletedAt = null;
  stampUpdate(doc, author);
}

/** A JSON copy of a stored record without the given hidden properties. */
export function publicCopy(
  doc: Record<string, unknown>,
  hidden: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!hidden.includes(key)) out[key] = value;
  return out;
}
