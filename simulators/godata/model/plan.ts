import { MODELS, type FieldSpec, type ModelSpec } from './schema.js';

export function modelSpec(model: string): ModelSpec {
  const spec = MODELS[model];
  if (!spec) throw new Error(`No model spec for ${model}`);
  return spec;
}

export interface ModelPlan {
  entries: Array<[string, FieldSpec]>;
  defaults: Array<[string, unknown]>;
}

const plans = new Map<string, ModelPlan>();

/** Entries and defaults of a model, computed once (person writes go through here 200k times). */
export function modelPlan(model: string): ModelPlan {
  let plan = plans.get(model);
  if (!plan) {
    const entries = Object.entries(modelSpec(model));
    plan = {
      entries,
      defaults: entries.filter(([, f]) => f.default !== undefined).map(([n, f]) => [n, f.default]),
    };
    plans.set(model, plan);
  }
  return plan;
}
