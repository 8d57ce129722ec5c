import { createRng } from '../../common/rng.js';

/**
 * Personal access tokens in the two formats DHIS2 has issued (reference §3.2):
 * V1 (2.37+) `d2pat_` + 32 random chars + CRC32 of those chars in 10 zero-padded decimal digits;
 * V2 (2.41+) `d2p_` + 44 random chars + CRC32 in 6 base-62 digits.
 */
export type TokenFormat = 'v1' | 'v2';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62Checksum(value: number): string {
  let out = '';
  let n = value;
  for (let i = 0; i < 6; i++) {
    out = (BASE62[n % 62] ?? '0') + out;
    n = Math.floor(n / 62);
  }
  return out;
}

const SHAPES = {
  v1: { prefix: 'd2pat_', length: 32, checksum: (code: string) => String(crc32(code)).padStart(10, '0') },
  v2: { prefix: 'd2p_', length: 44, checksum: (code: string) => base62Checksum(crc32(code)) },
} as const;

/** A well-formed token; deterministic for a given seed so demo tokens are stable across restarts. */
export function makeToken(format: TokenFormat, seed: number): string {
  const shape = SHAPES[format];
  const rng = createRng(seed);
  let code = '';
  for (let i = 0; i < shape.length; i++) code += ALPHANUMERIC[Math.floor(rng() * ALPHANUMERIC.length)] ?? 'a';
  return shape.prefix + code + shape.checksum(code);
}

export function tokenFormatOf(token: string): TokenFormat | undefined {
  if (token.startsWith(SHAPES.v1.prefix)) return 'v1';
  if (token.startsWith(SHAPES.v2.prefix)) return 'v2';
  return undefined;
}

/** True when the token carries a checksum that matches its random part (checked by 2.41+ before lookup). */
export function hasValidChecksum(token: string): boolean {
  const format = tokenFormatOf(token);
  if (!format) return false;
  const shape = SHAPES[format];
  const code = token.slice(shape.prefix.length, shape.prefix.length + shape.length);
  return (
    code.length === shape.length && token.slice(shape.prefix.length + shape.length) === shape.checksum(code)
  );
}
