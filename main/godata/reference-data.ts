import type { GoDataReferenceItem } from './model.js';
import type { GoDataContext } from './context.js';
import { GoDataError, isRecord } from './errors.js';
import { asArray, filterParams, paginate, type LoopBackFilter } from './filter.js';

export const CATEGORY_PREFIX = 'LNG_REFERENCE_DATA_CATEGORY_';

/**
 * Property types of a Go.Data model as `/system-settings/model-definition` describes them: a type name
 * (`"string"`, `"date"` …), `[type]` for arrays, or a nested object for embedded models.
 */
export type ModelDefinition = Record<string, unknown>;

/** Reference data (§5) and model definitions (§4.2): what the mapping layer validates tokens and fields against. */
export class ReferenceDataApi {
  constructor(private readonly ctx: GoDataContext) {}

  async list(filter?: LoopBackFilter, signal?: AbortSignal): Promise<GoDataReferenceItem[]> {
    const path = '/api/reference-data';
    const answer = await this.ctx.session.call({ method: 'GET', path, params: filterParams(filter), signal });
    return asArray<GoDataReferenceItem>(answer, path);
  }

  /** Every item of a category, given as `GENDER` or `LNG_REFERENCE_DATA_CATEGORY_GENDER`. */
  async byCategory(category: string, signal?: AbortSignal): Promise<GoDataReferenceItem[]> {
    const categoryId = categoryIdOf(category);
    const items: GoDataReferenceItem[] = [];
    for await (const page of paginate((filter) => this.list(filter, signal), { where: { categoryId } }))
      items.push(...page);
    return items;
  }

  /** The model's property types; unknown model names are a validation error listing what exists. */
  async modelDefinition(model: string, signal?: AbortSignal): Promise<ModelDefinition> {
    const path = '/api/system-settings/model-definition';
    let answer: unknown;
    try {
      answer = await this.ctx.session.call({ method: 'GET', path, params: { model }, signal });
    } catch (error) {
      // Go.Data answers an unknown model with a 500 INTERNAL_ERROR: it is the caller's mistake, not an outage.
      if (error instanceof GoDataError && error.status === 500) {
        throw new GoDataError({
          kind: 'validation',
          message: `Go.Data has no model "${model}": ${error.message}`,
          status: 500,
          code: error.code,
          details: error.details,
          cause: error,
        });
      }
      throw error;
    }
    if (!isRecord(answer)) {
      throw new GoDataError({
        kind: 'not-godata',
        url: path,
        message: `Go.Data answered a model definition that is not an object (${path})`,
      });
    }
    return answer;
  }
}

export function categoryIdOf(category: string): string {
  return category.startsWith('LNG_') ? category : `${CATEGORY_PREFIX}${category}`;
}
