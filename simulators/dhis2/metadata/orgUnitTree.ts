import type { Geometry, MetadataObject } from '../dataset/types.js';

export interface NewOrgUnit {
  id: string;
  name: string;
  parent: string;
  shortName?: string;
  code?: string;
  openingDate?: string;
  geometry?: Geometry;
}

/**
 * The organisation-unit hierarchy. `path` and `level` are kept consistent with `parent` on every change;
 * scope checks for tracker queries (SELECTED / CHILDREN / DESCENDANTS) read the current paths, so a moved
 * facility takes its records with it.
 */
export class OrgUnitTree {
  private readonly units = new Map<string, MetadataObject>();
  private readonly childIds = new Map<string, string[]>();

  constructor(
    units: MetadataObject[],
    private readonly now: () => string,
  ) {
    for (const unit of units) this.units.set(unit.id, { ...unit });
    for (const unit of this.units.values()) {
      const parent = this.parentIdOf(unit);
      if (parent) this.childList(parent).push(unit.id);
    }
    for (const root of this.roots()) this.repath(root.id);
  }

  all(): MetadataObject[] {
    return [...this.units.values()];
  }

  get(id: string): MetadataObject | undefined {
    return this.units.get(id);
  }

  roots(): MetadataObject[] {
    return this.all().filter((u) => !this.parentIdOf(u));
  }

  path(id: string): string | undefined {
    const path = this.units.get(id)?.path;
    return typeof path === 'string' ? path : undefined;
  }

  level(id: string): number {
    return Number(this.units.get(id)?.level ?? 0);
  }

  parentId(id: string): string | undefined {
    const unit = this.units.get(id);
    return unit ? this.parentIdOf(unit) : undefined;
  }

  children(id: string): string[] {
    return this.childIds.get(id) ?? [];
  }

  /** True when `id` is `ancestor` or lies below it. */
  isWithin(id: string, ancestor: string): boolean {
    return this.path(id)?.split('/').includes(ancestor) ?? false;
  }

  /** The properties DHIS2 computes when serving a unit. */
  computed(id: string): Record<string, unknown> {
    const children = this.children(id);
    const path = this.path(id) ?? `/${id}`;
    return {
      children: children.map((c) => ({ id: c })),
      leaf: children.length === 0,
      ancestors: path
        .split('/')
        .filter((p) => p && p !== id)
        .map((a) => ({ id: a })),
    };
  }

  add(unit: NewOrgUnit): MetadataObject {
    if (this.units.has(unit.id)) throw new Error(`Organisation unit ${unit.id} already exists`);
    if (!this.units.has(unit.parent))
      throw new Error(`Parent organisation unit ${unit.parent} does not exist`);
    const stamp = this.now();
    const created: MetadataObject = {
      id: unit.id,
      name: unit.name,
      shortName: unit.shortName ?? unit.name.slice(0, 50),
      ...(unit.code ? { code: unit.code } : {}),
      created: stamp,
      lastUpdated: stamp,
      openingDate: unit.openingDate ?? `${stamp.slice(0, 10)}T00:00:00.000`,
      parent: { id: unit.parent },
      ...(unit.geometry ? { geometry: unit.geometry } : {}),
      attributeValues: [],
      translations: [],
    };
    this.units.set(unit.id, created);
    this.childList(unit.parent).push(unit.id);
    this.repath(unit.id);
    return created;
  }

  rename(id: string, name: string, shortName?: string): MetadataObject {
    const unit = this.require(id);
    unit.name = name;
    unit.shortName = shortName ?? name.slice(0, 50);
    unit.lastUpdated = this.now();
    return unit;
  }

  /** Re-parents a unit; paths and levels below it follow, only the moved unit's `lastUpdated` changes. */
  move(id: string, newParent: string): MetadataObject {
    const unit = this.require(id);
    this.require(newParent);
    if (this.isWithin(newParent, id)) throw new Error(`Cannot move ${id} below itself (${newParent})`);
    const oldParent = this.parentIdOf(unit);
    if (oldParent)
      this.childIds.set(
        oldParent,
        this.children(oldParent).filter((c) => c !== id),
      );
    unit.parent = { id: newParent };
    this.childList(newParent).push(id);
    unit.lastUpdated = this.now();
    this.repath(id);
    return unit;
  }

  close(id: string, closedDate: string): MetadataObject {
    const unit = this.require(id);
    unit.closedDate = closedDate;
    unit.lastUpdated = this.now();
    return unit;
  }

  private require(id: string): MetadataObject {
    const unit = this.units.get(id);
    if (!unit) throw new Error(`Organisation unit ${id} does not exist`);
    return unit;
  }

  private parentIdOf(unit: MetadataObject): string | undefined {
    const parent = unit.parent as { id?: unknown } | undefined;
    return typeof parent?.id === 'string' ? parent.id : undefined;
  }

  private childList(id: string): string[] {
    let list = this.childIds.get(id);
    if (!list) this.childIds.set(id, (list = []));
    return list;
  }

  private repath(id: string): void {
    const unit = this.require(id);
    const parent = this.parentIdOf(unit);
    const parentPath = parent ? this.path(parent) : '';
    const path = `${parentPath ?? ''}/${id}`;
    unit.path = path;
    unit.level = path.split('/').length - 1;
    for (const child of this.children(id)) this.repath(child);
  }
}
