import { badRequest } from './webMessage.js';

/**
 * Query parameters as Spring binds them: a name the controller does not know is simply never read (that is the
 * "silent ignore" of reference §12.3), repeated names are lists, and a value that does not convert is a 400.
 */
export class QueryParams {
  private readonly values: Map<string, string[]>;

  constructor(search: string) {
    this.values = new Map();
    for (const [key, value] of new URLSearchParams(search)) {
      const list = this.values.get(key);
      if (list) list.push(value);
      else this.values.set(key, [value]);
    }
  }

  static fromUrl(url: string): QueryParams {
    const q = url.indexOf('?');
    return new QueryParams(q < 0 ? '' : url.slice(q + 1));
  }

  /** Present with a non-empty value. */
  has(name: string): boolean {
    return (this.values.get(name) ?? []).some((v) => v !== '');
  }

  get(name: string): string | undefined {
    return (this.values.get(name) ?? []).find((v) => v !== '');
  }

  all(name: string): string[] {
    return (this.values.get(name) ?? []).filter((v) => v !== '');
  }

  /** Every value split on the separator (`a;b` or `a,b`), repeated parameters merged. */
  list(name: string, separator: ';' | ',' | RegExp): string[] {
    return this.all(name)
      .flatMap((v) => v.split(separator))
      .map((v) => v.trim())
      .filter(Boolean);
  }

  bool(name: string): boolean | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    if (v.toLowerCase() === 'true') return true;
    if (v.toLowerCase() === 'false') return false;
    throw badRequest(`Value '${v}' is not valid for parameter ${name}. It should be of type boolean`);
  }

  int(name: string): number | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v))
      throw badRequest(`Value '${v}' is not valid for parameter ${name}. It should be of type Integer`);
    return Number(v);
  }

  /** An enum parameter: case-insensitive match, 400 when unknown. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    const hit = allowed.find((a) => a === v.toUpperCase());
    if (!hit)
      throw badRequest(
        `Value '${v}' is not valid for parameter ${name}. Valid values are: [${allowed.join(', ')}]`,
      );
    return hit;
  }

  entries(): Array<[string, string]> {
    return [...this.values].flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]));
  }
}
