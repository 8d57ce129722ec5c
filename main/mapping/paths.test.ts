import { describe, expect, it } from 'vitest';
import { compactArrays, getPath, parsePath, setPath } from './paths.js';

describe('field paths', () => {
  it('parses dots and indexes', () => {
    expect(parsePath('addresses[0].phoneNumber')).toEqual(['addresses', 0, 'phoneNumber']);
    expect(parsePath('age.years')).toEqual(['age', 'years']);
    expect(parsePath('matrix[1][2]')).toEqual(['matrix', 1, 2]);
  });

  it('creates arrays for index segments and objects for names, merging siblings', () => {
    const doc: Record<string, unknown> = {};
    setPath(doc, 'addresses[0].phoneNumber', '+232 76 123456');
    setPath(doc, 'addresses[0].typeId', 'T');
    setPath(doc, 'age.years', 34);
    setPath(doc, 'documents[0].number', 'abc');
    expect(doc).toEqual({
      addresses: [{ phoneNumber: '+232 76 123456', typeId: 'T' }],
      age: { years: 34 },
      documents: [{ number: 'abc' }],
    });
    expect(Array.isArray(doc.addresses)).toBe(true);
    expect(getPath(doc, 'addresses[0].typeId')).toBe('T');
    expect(getPath(doc, 'addresses[3].typeId')).toBeUndefined();
  });

  it('removes the holes left by unfilled indexes', () => {
    const doc: Record<string, unknown> = {};
    setPath(doc, 'addresses[1].city', 'Bo');
    setPath(doc, 'documents[2].number', 'x');
    compactArrays(doc);
    expect(doc).toEqual({ addresses: [{ city: 'Bo' }], documents: [{ number: 'x' }] });
    expect(JSON.stringify(doc)).not.toContain('null');
  });
});
