import { badRequest } from './http/webMessage.js';

/**
 * DHIS2's `fields` parameter (reference §4.2), used by metadata, the old tracker API and the new tracker API
 * from 2.37: names, nested `x[...]`, `*` / `:all`, presets such as `:identifiable`, exclusions `!x` anywhere,
 * and the transformers `~rename(n)`, `~size`, `~isEmpty`, `~isNotEmpty`, `~pluck(f)`, `~keyBy(f)`.
 */
export interface Transformer {
  name: string;
  args: string[];
}

export interface FieldNode {
  name: string;
  exclude: boolean;
  children?: FieldNode[];
  transformers: Transformer[];
}

export type JsonObject = Record<string, unknown>;

export interface FieldContext {
  /** Property names for `*` / `:all`; defaults to the object's own keys. */
  allKeys?(obj: JsonObject): string[];
  /** Property names of a preset (`identifiable`, `nameable`, `owner` …); undefined when unknown. */
  preset?(name: string, obj: JsonObject): string[] | undefined;
  /** Full object behind a bare reference such as `{"id":"…"}`, so sub-selections can reach into it. */
  resolve?(obj: JsonObject): JsonObject;
}

/** Joins repeated `fields` parameters; an empty or missing value yields undefined (use the default). */
export function fieldsParam(raw: string | string[] | undefined): string | undefined {
  const joined = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .filter((s) => s.trim())
    .join(',');
  return joined.trim() ? joined : undefined;
}

export function parseFields(text: string): FieldNode[] {
  let pos = 0;
  const fail = (what: string): never => {
    throw badRequest(`Invalid fields parameter "${text}": ${what} at position ${pos}`);
  };
  const readName = (): string => {
    const start = pos;
    while (pos < text.length && !',[]~()'.includes(text[pos] ?? '')) pos++;
    return text.slice(start, pos).trim();
  };
  const readTransformers = (): Transformer[] => {
    const list: Transformer[] = [];
    while (text[pos] === '~') {
      pos++;
      const name = readName();
      let args: string[] = [];
      if (text[pos] === '(') {
        const end = text.indexOf(')', pos);
        if (end < 0) fail('unclosed "("');
        args = text
          .slice(pos + 1, end)
          .split(';')
          .map((a) => a.trim())
          .filter(Boolean);
        pos = end + 1;
      }
      list.push({ name, args });
    }
    return list;
  };
  const readList = (depth: number): FieldNode[] => {
    const nodes: FieldNode[] = [];
    while (pos < text.length) {
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        if (depth === 0) fail('unexpected "]"');
        pos++;
        return nodes;
      }
      let name = readName();
      const exclude = name.startsWith('!');
      if (exclude) name = name.slice(1).trim();
      const transformers = readTransformers();
      let children: FieldNode[] | undefined;
      if (text[pos] === '[') {
        pos++;
        children = readList(depth + 1);
      }
      transformers.push(...readTransformers());
      if (name) nodes.push({ name, exclude, transformers, ...(children ? { children } : {}) });
      else if (text[pos] !== undefined && !',]'.includes(text[pos] ?? '')) fail('unexpected character');
    }
    if (depth > 0) fail('unclosed "["');
    return nodes;
  };
  return readList(0);
}

/** True when the selection names `name` anywhere at its top level (or selects everything). */
export function selects(nodes: FieldNode[], name: string): boolean {
  const excluded = nodes.some((n) => n.exclude && n.name === name);
  if (excluded) return false;
  return nodes.some((n) => !n.exclude && (n.name === name || n.name === '*' || n.name === ':all'));
}

/** The sub-selection for `name`, if the selection names it with brackets. */
export function childrenOf(nodes: FieldNode[], name: string): FieldNode[] | undefined {
  return nodes.find((n) => !n.exclude && n.name === name)?.children;
}

export function applyFields(nodes: FieldNode[], value: unknown, ctx: FieldContext = {}): unknown {
  if (Array.isArray(value)) return value.map((item) => applyFields(nodes, item, ctx));
  if (value === null || typeof value !== 'object') return value;
  return applyToObject(nodes, value as JsonObject, ctx);
}

function applyToObject(nodes: FieldNode[], obj: JsonObject, ctx: FieldContext): JsonObject {
  const order: string[] = [];
  const explicit = new Map<string, FieldNode>();
  const excluded = new Set<string>();
  const add = (key: string): void => {
    if (!order.includes(key)) order.push(key);
  };
  for (const node of nodes) {
    if (node.exclude) {
      excluded.add(node.name);
    } else if (node.name === '*' || node.name === ':all') {
      (ctx.allKeys?.(obj) ?? Object.keys(obj)).forEach(add);
    } else if (node.name.startsWith(':')) {
      (ctx.preset?.(node.name.slice(1), obj) ?? []).forEach(add);
    } else {
      add(node.name);
      explicit.set(node.name, node);
    }
  }
  const out: JsonObject = {};
  for (const key of order) {
    if (excluded.has(key)) continue;
    const node = explicit.get(key);
    let value = obj[key];
    if (value === undefined || value === null) {
      if (!node?.transformers.some((t) => t.name === 'isEmpty' || t.name === 'size')) continue;
    }
    if (node?.children && value !== null && typeof value === 'object') {
      const children = node.children;
      const expand = (item: unknown): unknown =>
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? applyToObject(children, ctx.resolve?.(item as JsonObject) ?? (item as JsonObject), ctx)
          : item;
      value = Array.isArray(value) ? value.map(expand) : expand(value);
    }
    let outKey = key;
    for (const t of node?.transformers ?? []) {
      [outKey, value] = transform(t, outKey, value);
    }
    if (value !== undefined) out[outKey] = value;
  }
  return out;
}

function transform(t: Transformer, key: string, value: unknown): [string, unknown] {
  const size = Array.isArray(value)
    ? value.length
    : typeof value === 'string'
      ? value.length
      : value == null
        ? 0
        : 1;
  switch (t.name) {
    case 'rename':
      return [t.args[0] ?? key, value];
    case 'size':
      return [key, size];
    case 'isEmpty':
      return [key, size === 0];
    case 'isNotEmpty':
      return [key, size > 0];
    case 'pluck': {
      const field = t.args[0] ?? 'id';
      const pick = (v: unknown): unknown =>
        v !== null && typeof v === 'object' ? (v as JsonObject)[field] : v;
      return [key, Array.isArray(value) ? value.map(pick) : pick(value)];
    }
    case 'keyBy': {
      const field = t.args[0] ?? 'id';
      if (!Array.isArray(value)) return [key, value];
      const byKey: JsonObject = {};
      for (const item of value) {
        if (item !== null && typeof item === 'object') byKey[String((item as JsonObject)[field])] = item;
      }
      return [key, byKey];
    }
    default:
      throw badRequest(`Unknown field transformer "${t.name}"`);
  }
}
