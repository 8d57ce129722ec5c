import { describe, expect, it } from 'vitest';
import { applyFields, parseFields, type JsonObject } from '../fields.js';
import { FieldPlan, type Shape } from './fieldPlan.js';

/**
 * A plan renders what applyFields gives on the fully rendered object — same keys, same order — while computing
 * only the selected properties.
 */
type Child = { id: string; name: string; size: number };
type Parent = {
  id: string;
  name?: string;
  label: string | null;
  owner: { uid: string; username: string };
  children: Child[];
};

const computed: string[] = [];
const childShape: Shape<Child, undefined> = [
  { key: 'id', get: (c) => c.id },
  { key: 'name', get: (c) => c.name },
  { key: 'size', get: (c) => c.size },
];
const parentShape: Shape<Parent, undefined> = [
  { key: 'id', get: (p) => p.id },
  { key: 'name', get: (p) => p.name },
  { key: 'label', get: (p) => p.label },
  {
    key: 'owner',
    get: (p) => {
      computed.push('owner');
      return p.owner;
    },
  },
  {
    key: 'children',
    get: (p, _c, plan) => {
      computed.push('children');
      return p.children.map((c) => plan.render(childShape, c, undefined));
    },
    nested: true,
  },
];

const parent: Parent = {
  id: 'p1',
  label: null,
  owner: { uid: 'u1', username: 'admin' },
  children: [
    { id: 'c1', name: 'One', size: 1 },
    { id: 'c2', name: 'Two', size: 2 },
  ],
};

/** The object every property of the shape would build: what the renderer produced before plans. */
function full(p: Parent): JsonObject {
  return {
    id: p.id,
    name: p.name,
    label: p.label,
    owner: p.owner,
    children: p.children.map((c) => ({ ...c })),
  };
}

describe('FieldPlan', () => {
  const selections = [
    '*',
    ':all',
    'id,children[name]',
    'children[size,id],id',
    'name,*',
    '*,!children',
    'children[!size,*],owner[username]',
    'id,children~size',
    'children~pluck(name),owner~rename(user)',
    'id,unknown,children[unknown]',
  ];

  it.each(selections)('renders "%s" as applyFields does on the full object', (text) => {
    const nodes = parseFields(text);
    const rendered = new FieldPlan(nodes).render(parentShape, parent, undefined);
    const expected = applyFields(nodes, full(parent));
    expect(JSON.stringify(rendered)).toBe(JSON.stringify(expected));
  });

  it('computes only the selected properties', () => {
    computed.length = 0;
    new FieldPlan(parseFields('id,name')).render(parentShape, parent, undefined);
    expect(computed).toEqual([]);
    new FieldPlan(parseFields('*,!owner')).render(parentShape, parent, undefined);
    expect(computed).toEqual(['children']);
  });
});
