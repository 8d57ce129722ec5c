import type { MetadataStore } from '../metadata/store.js';

/**
 * Option codes as the loaded package release spells them (`Male` in the 2021 install, `MALE` in 1.0.X), read
 * from the metadata by option uid so generated values always match the option sets a client downloads.
 */
export class OptionCodes {
  private readonly sets = new Map<string, string[]>();

  constructor(private readonly metadata: MetadataStore) {}

  code(optionUid: string): string {
    const option = this.metadata.get('options', optionUid);
    if (!option || typeof option.code !== 'string') {
      throw new Error(
        `The dataset's metadata has no option ${optionUid} with a code; the generator needs it`,
      );
    }
    return option.code;
  }

  codesOf(optionSetUid: string): string[] {
    let codes = this.sets.get(optionSetUid);
    if (!codes) {
      const set = this.metadata.get('optionSets', optionSetUid);
      const refs = Array.isArray(set?.options) ? (set.options as Array<{ id: string }>) : [];
      codes = refs
        .map((r) => this.metadata.get('options', r.id))
        .flatMap((o) => (o && typeof o.code === 'string' ? [o.code] : []));
      if (codes.length === 0)
        throw new Error(`The dataset's metadata has no options for option set ${optionSetUid}`);
      this.sets.set(optionSetUid, codes);
    }
    return codes;
  }

  hasDataElement(uid: string): boolean {
    return this.metadata.get('dataElements', uid) !== undefined;
  }
}
