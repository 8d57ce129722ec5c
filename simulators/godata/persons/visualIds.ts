import { apiError, internalError } from '../errors.js';
import type { Doc } from '../state.js';
import { str } from '../text.js';
import { MASK_FIELD } from './kinds.js';
import { maskSearchRegExp, MaskError, resolveMask } from './mask.js';

/**
 * Per-outbreak visual ids (deleted persons included, as Go.Data's lookups use `deleted: true`) with a cache of the
 * highest id per mask pattern, so auto-numbering stays O(1) while creating 200k persons.
 */
export class VisualIds {
  private readonly owners = new Map<string, Map<string, string>>();
  private readonly highest = new Map<string, Map<string, { re: RegExp; max: string | null }>>();

  private ownersOf(outbreakId: string): Map<string, string> {
    let map = this.owners.get(outbreakId);
    if (!map) this.owners.set(outbreakId, (map = new Map<string, string>()));
    return map;
  }

  ownerOf(outbreakId: string, visualId: string): string | undefined {
    return this.owners.get(outbreakId)?.get(visualId);
  }

  /** Records that `personId` now holds `next` instead of `previous`. */
  change(outbreakId: string, personId: string, previous: unknown, next: unknown): void {
    if (previous === next) return;
    const owners = this.ownersOf(outbreakId);
    const cache = this.highest.get(outbreakId);
    if (typeof previous === 'string' && previous && owners.get(previous) === personId) {
      owners.delete(previous);
      for (const [key, entry] of cache ?? []) if (entry.max === previous) cache?.delete(key);
    }
    if (typeof next === 'string' && next) {
      owners.set(next, personId);
      for (const entry of cache?.values() ?? []) {
        if (entry.re.test(next) && (entry.max === null || next > entry.max)) entry.max = next;
      }
    }
  }

  /** The greatest stored visual id matching `re` (Mongo `order: visualId DESC`). */
  private highestMatching(outbreakId: string, re: RegExp): string | null {
    let cache = this.highest.get(outbreakId);
    if (!cache) this.highest.set(outbreakId, (cache = new Map<string, { re: RegExp; max: string | null }>()));
    const hit = cache.get(re.source);
    if (hit) return hit.max;
    let max: string | null = null;
    for (const visualId of this.owners.get(outbreakId)?.keys() ?? []) {
      if (re.test(visualId) && (max === null || visualId > max)) max = visualId;
    }
    cache.set(re.source, { re, max });
    return max;
  }

  /**
   * resolvePersonVisualIdTemplate: uniqueness (409), mask fit (422), keep the person's own value, otherwise the
   * sequence digits become (highest existing + 1). Returns undefined when nothing was sent.
   */
  resolve(outbreak: Doc, personType: string, visualId: unknown, personId: string | null): string | undefined {
    if (typeof visualId !== 'string' || visualId.length === 0) return undefined;
    const owner = this.ownerOf(outbreak.id, visualId);
    if (owner !== undefined && owner !== personId) throw apiError('DUPLICATE_VISUAL_ID', { id: visualId });
    const mask = str(outbreak[MASK_FIELD[personType] ?? 'caseIdMask'] ?? '');
    const re = maskSearchRegExp(mask, visualId);
    if (!re)
      throw apiError('INVALID_VISUAL_ID_MASK', { visualIdTemplate: visualId, outbreakVisualIdMask: mask });
    if (personId !== null && owner === personId) return visualId;
    const top = this.highestMatching(outbreak.id, re);
    // `top` matched `re`, whose groups are exactly the sequence digits (extractValueFromMaskedField).
    const digits = top === null ? null : re.exec(top);
    const next = (digits ? Number.parseInt(`0${digits.slice(1).join('')}`, 10) : 0) + 1;
    try {
      return resolveMask(mask, visualId, next);
    } catch (error) {
      if (error instanceof MaskError) throw internalError({ code: error.code, message: error.message });
      throw error;
    }
  }
}
