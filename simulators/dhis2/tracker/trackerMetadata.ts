import type { MetadataObject } from '../dataset/types.js';
import type { MetadataStore } from '../metadata/store.js';
import { asText } from '../values.js';

export interface AttributeInfo {
  code?: string;
  displayName: string;
  valueType: string;
}

const refIds = (value: unknown, key: string): string[] =>
  Array.isArray(value)
    ? value.flatMap((item) => {
        const ref = (item as Record<string, unknown>)[key] as { id?: unknown } | undefined;
        return typeof ref?.id === 'string' ? [ref.id] : [];
      })
    : [];

/** The metadata facts tracker responses need, looked up once. */
export class TrackerMetadata {
  private readonly tetAttrs = new Map<string, string[]>();
  private readonly programAttrs = new Map<string, string[]>();
  private readonly attributes = new Map<string, AttributeInfo>();
  private readonly tetAttrSets = new Map<string, ReadonlySet<string>>();
  private readonly programAttrSets = new Map<string, ReadonlySet<string>>();

  constructor(readonly store: MetadataStore) {}

  program(uid: string): MetadataObject | undefined {
    return this.store.get('programs', uid);
  }

  programType(uid: string): string {
    return asText(this.program(uid)?.programType ?? 'WITH_REGISTRATION');
  }

  programTet(uid: string): string | undefined {
    const tet = this.program(uid)?.trackedEntityType as { id?: string } | undefined;
    return tet?.id;
  }

  hasStage(uid: string): boolean {
    return this.store.get('programStages', uid) !== undefined;
  }

  hasTet(uid: string): boolean {
    return this.store.get('trackedEntityTypes', uid) !== undefined;
  }

  tetAttributes(tet: string): string[] {
    let list = this.tetAttrs.get(tet);
    if (!list) {
      list = refIds(
        this.store.get('trackedEntityTypes', tet)?.trackedEntityTypeAttributes,
        'trackedEntityAttribute',
      );
      this.tetAttrs.set(tet, list);
    }
    return list;
  }

  programAttributes(program: string): string[] {
    let list = this.programAttrs.get(program);
    if (!list) {
      list = refIds(this.program(program)?.programTrackedEntityAttributes, 'trackedEntityAttribute');
      this.programAttrs.set(program, list);
    }
    return list;
  }

  tetAttributeSet(tet: string): ReadonlySet<string> {
    let set = this.tetAttrSets.get(tet);
    if (!set) this.tetAttrSets.set(tet, (set = new Set(this.tetAttributes(tet))));
    return set;
  }

  programAttributeSet(program: string): ReadonlySet<string> {
    let set = this.programAttrSets.get(program);
    if (!set) this.programAttrSets.set(program, (set = new Set(this.programAttributes(program))));
    return set;
  }

  attribute(uid: string): AttributeInfo {
    let info = this.attributes.get(uid);
    if (!info) {
      info = this.describe(uid);
      this.attributes.set(uid, info);
    }
    return info;
  }

  private describe(uid: string): AttributeInfo {
    const a = this.store.get('trackedEntityAttributes', uid);
    return {
      ...(typeof a?.code === 'string' ? { code: a.code } : {}),
      displayName: typeof a?.name === 'string' ? a.name : uid,
      valueType: typeof a?.valueType === 'string' ? a.valueType : 'TEXT',
    };
  }

  relationshipType(uid: string): { name: string; bidirectional: boolean } {
    const t = this.store.get('relationshipTypes', uid);
    return { name: typeof t?.name === 'string' ? t.name : uid, bidirectional: t?.bidirectional === true };
  }

  orgUnitName(uid: string): string | undefined {
    const name = this.store.orgUnits.get(uid)?.name;
    return typeof name === 'string' ? name : undefined;
  }
}
