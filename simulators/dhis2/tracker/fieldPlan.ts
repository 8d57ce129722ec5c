import { applyFields, type FieldNode, type JsonObject } from '../fields.js';

/**
 * A `fields` selection compiled for rendering: instead of building every property of a tracker object and
 * filtering afterwards (applyFields), a renderer walks the plan and computes only the selected properties, in
 * the order applyFields would emit them. Plans are cached per request text (trackerFields.ts) and resolve each
 * object shape once, so a page of 1000 tracked entities allocates no per-object bookkeeping.
 *
 * The result is the one applyFields gives on the fully rendered object: levels using transformers (`~size` …)
 * or presets other than `:all` render fully and go through applyFields.
 */
export interface Property<R, C> {
  key: string;
  /** The property's value; undefined or null leave it out, as applyFields does. */
  get: (record: R, context: C, plan: FieldPlan) => unknown;
  /** The getter renders with the sub-plan itself (tracker objects); otherwise a plain value is filtered here. */
  nested?: boolean;
}

export type Shape<R, C> = ReadonlyArray<Property<R, C>>;

interface Step<R, C> {
  key: string;
  get: Property<R, C>['get'];
  nested: boolean;
  child: FieldPlan;
}

export class FieldPlan {
  static readonly ALL = new FieldPlan([{ name: '*', exclude: false, transformers: [] }]);

  /** This level needs applyFields on the full object. */
  private readonly generic: boolean;
  private readonly children = new Map<FieldNode, FieldPlan>();
  private readonly steps = new WeakMap<object, unknown>();

  constructor(readonly nodes: FieldNode[]) {
    this.generic = nodes.some(
      (n) => n.transformers.length > 0 || (n.name.startsWith(':') && n.name !== ':all'),
    );
  }

  private childOf(node: FieldNode | undefined): FieldPlan {
    if (!node?.children) return FieldPlan.ALL;
    let plan = this.children.get(node);
    if (!plan) this.children.set(node, (plan = new FieldPlan(node.children)));
    return plan;
  }

  /** The selected properties of a shape, in applyFields' order (`*` where it stands, names once, `!x` anywhere). */
  private resolve<R, C>(shape: Shape<R, C>): Array<Step<R, C>> {
    const cached = this.steps.get(shape) as Array<Step<R, C>> | undefined;
    if (cached) return cached;
    const order: string[] = [];
    const explicit = new Map<string, FieldNode>();
    const excluded = new Set<string>();
    const add = (key: string): void => {
      if (!order.includes(key)) order.push(key);
    };
    for (const node of this.nodes) {
      if (node.exclude) excluded.add(node.name);
      else if (node.name === '*' || node.name === ':all') shape.forEach((p) => add(p.key));
      else {
        add(node.name);
        explicit.set(node.name, node);
      }
    }
    const byKey = new Map(shape.map((p) => [p.key, p]));
    const steps = order.flatMap((key): Array<Step<R, C>> => {
      const property = byKey.get(key);
      if (!property || excluded.has(key)) return [];
      return [
        { key, get: property.get, nested: property.nested === true, child: this.childOf(explicit.get(key)) },
      ];
    });
    this.steps.set(shape, steps);
    return steps;
  }

  render<R, C>(shape: Shape<R, C>, record: R, context: C): JsonObject {
    if (this.generic)
      return applyFields(this.nodes, FieldPlan.ALL.render(shape, record, context)) as JsonObject;
    const out: JsonObject = {};
    for (const step of this.resolve(shape)) {
      const value = step.get(record, context, step.child);
      if (value === undefined || value === null) continue;
      out[step.key] = step.nested ? value : step.child.apply(value);
    }
    return out;
  }

  /** A plain value (user, geometry, a list of plain objects) under this plan. */
  apply(value: unknown): unknown {
    return this === FieldPlan.ALL || value === null || typeof value !== 'object'
      ? value
      : applyFields(this.nodes, value);
  }
}
