import { AppError } from '../../shared/result.js';
import { STAGES } from '../../shared/stages.js';
import type { MappingState } from '../../shared/views.js';
import {
  checkMappingAgainstMetadata,
  covid19DefaultMapping,
  parseMappingConfig,
  type MappingConfig,
} from '../mapping/index.js';
import type { AppContext } from './context.js';
import type { MetadataService } from './metadata.js';

/** The user's mapping: the saved one, or the COVID-19 default until one is saved. */
export class MappingService {
  constructor(
    private readonly ctx: AppContext,
    private readonly metadata: MetadataService,
  ) {}

  current(): { config: MappingConfig; isDefault: boolean; updatedAt?: string } {
    const saved = this.ctx.store.mappings.get();
    if (!saved) return { config: covid19DefaultMapping(), isDefault: true };
    const parsed = parseMappingConfig(saved.config);
    if (!parsed.ok) {
      throw new AppError(
        'validation',
        'The saved mapping can no longer be read; reset it or fix it in the JSON view.',
        Object.fromEntries(parsed.errors.map((e) => [e.path || '(mapping)', e.message])),
      );
    }
    return { config: parsed.config, isDefault: false, updatedAt: saved.updatedAt };
  }

  /** A mapping counts as configured once the user saved (or accepted) one. */
  configured(): boolean {
    return this.ctx.store.mappings.get() !== undefined;
  }

  state(): MappingState {
    const current = this.current();
    const cached = this.metadata.cached();
    const problems = cached
      ? checkMappingAgainstMetadata(current.config, cached.metadata).map((e) => ({
          path: e.path,
          message: e.message,
          severity: 'error' as const,
        }))
      : [];
    return { ...current, problems };
  }

  save(input: unknown): MappingState {
    const parsed = parseMappingConfig(input);
    if (!parsed.ok) {
      throw new AppError(
        'validation',
        `The mapping has ${parsed.errors.length} problem(s)`,
        Object.fromEntries(parsed.errors.map((e) => [e.path || '(mapping)', e.message])),
      );
    }
    this.ctx.store.mappings.save(parsed.config);
    this.forgetWatermarks();
    this.ctx.emit('stagesChanged', {});
    return this.state();
  }

  reset(): MappingState {
    return this.save(covid19DefaultMapping());
  }

  /** A changed mapping changes documents: the next runs re-read everything (unchanged documents are still not re-sent). */
  private forgetWatermarks(): void {
    const dhis2 = this.ctx.store.connections.get('dhis2');
    const godata = this.ctx.store.connections.get('godata');
    if (!dhis2 || !godata) return;
    const target = this.ctx.store.forTarget(dhis2.url, godata.url);
    for (const stage of STAGES) target.progress.clearWatermarks(stage);
  }
}
