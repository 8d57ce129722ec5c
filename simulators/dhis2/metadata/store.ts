import type { MetadataCollections, MetadataObject } from '../dataset/types.js';
import type { JsonObject } from '../fields.js';
import { OrgUnitTree } from './orgUnitTree.js';

/** Collection name → the schema's singular class name, for 404 messages. */
const KLASS: Record<string, string> = {
  organisationUnits: 'OrganisationUnit',
  organisationUnitLevels: 'OrganisationUnitLevel',
  organisationUnitGroups: 'OrganisationUnitGroup',
  organisationUnitGroupSets: 'OrganisationUnitGroupSet',
  programs: 'Program',
  programStages: 'ProgramStage',
  programStageSections: 'ProgramStageSection',
  dataElements: 'DataElement',
  trackedEntityAttributes: 'TrackedEntityAttribute',
  trackedEntityTypes: 'TrackedEntityType',
  relationshipTypes: 'RelationshipType',
  optionSets: 'OptionSet',
  options: 'Option',
  categoryCombos: 'CategoryCombo',
  categories: 'Category',
  categoryOptions: 'CategoryOption',
  categoryOptionCombos: 'CategoryOptionCombo',
};

/** Collections a client may ask for even when the dataset holds none of them. */
export const STANDARD_COLLECTIONS = Object.keys(KLASS);

const IDENTIFIABLE = ['id', 'href', 'name', 'code', 'created', 'lastUpdated'];
const NAMEABLE = [...IDENTIFIABLE, 'shortName', 'description'];

export function klassOf(collection: string): string {
  return KLASS[collection] ?? collection.replace(/s$/, '').replace(/^./, (c) => c.toUpperCase());
}

/**
 * The metadata a simulator serves, held as the export gave it (objects copied, never edited in place except
 * org units through the tree), plus the computed properties DHIS2 adds when serving (`displayName`, `href`,
 * `optionSetValue`, org-unit `children`/`ancestors`/`leaf` …).
 */
export class MetadataStore {
  private readonly collections = new Map<string, MetadataObject[]>();
  private readonly index = new Map<string, { collection: string; object: MetadataObject }>();
  readonly orgUnits: OrgUnitTree;
  /** Absolute `…/api` base for `href`, set once the server knows its URL. */
  apiBase = '';

  constructor(metadata: MetadataCollections, now: () => string) {
    for (const name of STANDARD_COLLECTIONS) this.collections.set(name, []);
    for (const [name, objects] of Object.entries(metadata)) {
      if (name === 'organisationUnits') continue;
      const copies = objects.map((o) => ({ ...o }));
      this.collections.set(name, copies);
      for (const object of copies)
        if (!this.index.has(object.id)) this.index.set(object.id, { collection: name, object });
    }
    this.orgUnits = new OrgUnitTree(metadata.organisationUnits ?? [], now);
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  has(collection: string): boolean {
    return this.collections.has(collection) || collection === 'organisationUnits';
  }

  list(collection: string): MetadataObject[] {
    if (collection === 'organisationUnits') return this.orgUnits.all();
    return this.collections.get(collection) ?? [];
  }

  get(collection: string, id: string): MetadataObject | undefined {
    if (collection === 'organisationUnits') return this.orgUnits.get(id);
    const hit = this.index.get(id);
    return hit?.collection === collection ? hit.object : undefined;
  }

  /** Any object by uid, whatever its collection (DHIS2 uids are unique across types). */
  lookup(id: string): { collection: string; object: MetadataObject } | undefined {
    const ou = this.orgUnits.get(id);
    return ou ? { collection: 'organisationUnits', object: ou } : this.index.get(id);
  }

  /** The object as served: stored properties plus computed ones. */
  view(collection: string, object: MetadataObject): JsonObject {
    const name = typeof object.name === 'string' ? object.name : undefined;
    const view: JsonObject = { ...object };
    if (this.apiBase) view.href = `${this.apiBase}/${collection}/${object.id}`;
    if (name !== undefined) {
      view.displayName = name;
      if (typeof object.shortName === 'string' || collection === 'organisationUnits')
        view.displayShortName = object.shortName ?? name;
    }
    if (typeof object.description === 'string') view.displayDescription = object.description;
    if (collection === 'dataElements' || collection === 'trackedEntityAttributes') {
      view.displayFormName = object.formName ?? name;
      view.optionSetValue = object.optionSet !== undefined;
    }
    if (collection === 'organisationUnits') Object.assign(view, this.orgUnits.computed(object.id));
    return view;
  }

  /** The served view of whatever a bare `{id}` reference points at; the reference itself when unknown. */
  resolve(ref: JsonObject): JsonObject {
    const keys = Object.keys(ref);
    if (keys.length !== 1 || typeof ref.id !== 'string') return ref;
    const hit = this.lookup(ref.id);
    return hit ? this.view(hit.collection, hit.object) : ref;
  }

  /** Property names for `*`: stored plus computed. */
  allKeys(obj: JsonObject): string[] {
    return Object.keys(obj);
  }

  preset(name: string, obj: JsonObject, collection: string): string[] | undefined {
    switch (name) {
      case 'identifiable':
        return IDENTIFIABLE;
      case 'nameable':
        return NAMEABLE;
      case 'owner':
      case 'persisted': {
        const stored = this.get(collection, String(obj.id));
        return stored ? Object.keys(stored) : Object.keys(obj);
      }
      case 'simple':
        return Object.keys(obj).filter((k) => typeof obj[k] !== 'object' || obj[k] === null);
      default:
        return undefined;
    }
  }
}
