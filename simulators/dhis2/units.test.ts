import { describe, expect, it } from 'vitest';
import { applyFields, parseFields } from './fields.js';
import { ServerClock } from './time.js';
import { UidCodec } from './tracker/uids.js';

describe('fields', () => {
  const object = {
    id: 'a',
    name: 'A',
    parent: { id: 'p', name: 'P' },
    children: [
      { id: 'c1', name: 'C1' },
      { id: 'c2', name: 'C2' },
    ],
    code: undefined,
  };

  it('selects, nests, excludes and renames', () => {
    expect(applyFields(parseFields('id,parent[name],children[id]'), object)).toEqual({
      id: 'a',
      parent: { name: 'P' },
      children: [{ id: 'c1' }, { id: 'c2' }],
    });
    expect(applyFields(parseFields('*,!children,!parent'), object)).toEqual({ id: 'a', name: 'A' });
    expect(applyFields(parseFields('name~rename(title),children~size,children~pluck(name)'), object)).toEqual(
      { title: 'A', children: ['C1', 'C2'] },
    );
    expect(applyFields(parseFields('children[!name,*]'), object)).toEqual({
      children: [{ id: 'c1' }, { id: 'c2' }],
    });
  });

  it('resolves bare references when a sub-selection reaches into them', () => {
    const ctx = {
      resolve: (ref: Record<string, unknown>) => ({ ...ref, name: `name of ${String(ref.id)}` }),
    };
    expect(applyFields(parseFields('ref[id,name]'), { ref: { id: 'x' } }, ctx)).toEqual({
      ref: { id: 'x', name: 'name of x' },
    });
  });

  it('rejects unbalanced brackets with a 400', () => {
    expect(() => parseFields('id,parent[name')).toThrow(/unclosed "\["/);
    expect(() => parseFields('id]')).toThrow(/unexpected "\]"/);
  });
});

describe('ServerClock', () => {
  it('formats instants as zone-less server wall time, across a DST change', () => {
    const clock = new ServerClock('Europe/Oslo');
    expect(clock.format(Date.UTC(2024, 0, 15, 12, 0, 0, 7))).toBe('2024-01-15T13:00:00.007');
    expect(clock.format(Date.UTC(2024, 2, 31, 0, 59, 59, 999))).toBe('2024-03-31T01:59:59.999');
    expect(clock.format(Date.UTC(2024, 2, 31, 1, 0, 0, 0))).toBe('2024-03-31T03:00:00.000');
    expect(new ServerClock('Etc/UTC').format(Date.UTC(2024, 4, 1, 23, 5, 9, 120))).toBe(
      '2024-05-01T23:05:09.120',
    );
  });

  it('parses zone-less input as server time and honours explicit offsets', () => {
    const clock = new ServerClock('Asia/Kolkata');
    expect(clock.parse('2024-05-01T10:00:00')).toBe(Date.UTC(2024, 4, 1, 4, 30));
    expect(clock.parse('2024-05-01')).toBe(Date.UTC(2024, 3, 30, 18, 30));
    expect(clock.parse('2024-05-01', true)).toBe(Date.UTC(2024, 4, 1, 18, 30) - 1);
    expect(clock.parse('2024-05-01T10:00:00.5Z')).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 500));
    expect(clock.parse('2024-05-01T10:00+0100')).toBe(Date.UTC(2024, 4, 1, 9));
    expect(clock.parse('yesterday')).toBeUndefined();
  });
});

describe('UidCodec', () => {
  it('round-trips (kind, index) through valid DHIS2 uids and rejects other uids', () => {
    const codec = new UidCodec(42);
    const seen = new Set<string>();
    for (const [kind, index] of [
      [0, 0],
      [0, 1],
      [3, 199_999],
      [11, 2 ** 40],
    ] as const) {
      const uid = codec.encode(kind, index);
      expect(uid).toMatch(/^[A-Za-z][A-Za-z0-9]{10}$/);
      expect(codec.decode(uid)).toEqual({ kind, index });
      seen.add(uid);
    }
    expect(seen.size).toBe(4);
    expect(codec.decode('DiszpKrYNg8')).toBeUndefined();
    expect(new UidCodec(43).decode(codec.encode(0, 5))).toBeUndefined();
  });
});
