import { HASH_START, mix32 } from '../../common/rng.js';

/**
 * Reversible uids for generated records. A uid encodes (kind, index) through a seeded Feistel permutation, so it
 * looks random, is a valid DHIS2 uid, and can be looked up without any table: 200 000 generated cases need no
 * uid → index map in memory.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LETTERS = 52;
const HALF = 2 ** 26;
const MASK = HALF - 1;
const ROUNDS = 4;
export const MAX_INDEX = 2 ** 46;

export class UidCodec {
  /** hashInts(seed, 0xf00d, round) per round, folded once. */
  private readonly roundKeys: number[];
  private readonly checkKey: number;

  constructor(seed: number) {
    const base = mix32(HASH_START, seed);
    this.roundKeys = Array.from({ length: ROUNDS }, (_, r) => mix32(mix32(base, 0xf00d), r));
    this.checkKey = base;
  }

  private round(value: number, round: number): number {
    return mix32(this.roundKeys[round] ?? 0, value) & MASK;
  }

  encode(kind: number, index: number): string {
    const payload = kind * MAX_INDEX + index;
    let left = Math.floor(payload / HALF);
    let right = payload % HALF;
    for (let r = 0; r < ROUNDS; r++) [left, right] = [right, (left ^ this.round(right, r)) >>> 0];
    let value = left * HALF + right;
    const check = mix32(mix32(this.checkKey, left), right);
    let digits = '';
    for (let i = 0; i < 9; i++) {
      digits = (ALPHABET[value % 62] ?? 'a') + digits;
      value = Math.floor(value / 62);
    }
    return (ALPHABET[check % LETTERS] ?? 'a') + (ALPHABET[(check >>> 8) % 62] ?? 'a') + digits;
  }

  /** (kind, index) for a uid this codec made; undefined for any other uid. */
  decode(uid: string): { kind: number; index: number } | undefined {
    if (uid.length !== 11) return undefined;
    let value = 0;
    for (let i = 2; i < 11; i++) {
      const digit = ALPHABET.indexOf(uid[i] ?? '');
      if (digit < 0) return undefined;
      value = value * 62 + digit;
    }
    if (value >= HALF * HALF) return undefined;
    let left = Math.floor(value / HALF);
    let right = value % HALF;
    for (let r = ROUNDS - 1; r >= 0; r--) [left, right] = [(right ^ this.round(left, r)) >>> 0, left];
    const payload = left * HALF + right;
    const kind = Math.floor(payload / MAX_INDEX);
    const index = payload % MAX_INDEX;
    return this.encode(kind, index) === uid ? { kind, index } : undefined;
  }
}
