import type { OrgUnitTree } from '../metadata/orgUnitTree.js';

export const OU_MODES = ['SELECTED', 'CHILDREN', 'DESCENDANTS', 'ACCESSIBLE', 'CAPTURE', 'ALL'] as const;
export type OuMode = (typeof OU_MODES)[number];

export interface OrgUnitScope {
  mode: OuMode;
  orgUnits: string[];
}

/**
 * Which org units a tracker search covers. ACCESSIBLE and CAPTURE are the admin user's hierarchy, which in
 * the simulator is the whole tree (the admin is assigned to the root); ALL is everything.
 */
export class ScopeTest {
  private readonly selected: Set<string>;
  private readonly masks = new WeakMap<readonly string[], Uint8Array>();

  constructor(
    private readonly scope: OrgUnitScope,
    private readonly tree: OrgUnitTree,
  ) {
    this.selected = new Set(scope.orgUnits);
  }

  test(orgUnit: string): boolean {
    switch (this.scope.mode) {
      case 'ALL':
        return true;
      case 'ACCESSIBLE':
      case 'CAPTURE':
        return this.tree.get(orgUnit) !== undefined;
      case 'SELECTED':
        return this.selected.has(orgUnit);
      case 'CHILDREN':
        return this.selected.has(orgUnit) || this.selected.has(this.tree.parentId(orgUnit) ?? '');
      case 'DESCENDANTS': {
        const path = this.tree.path(orgUnit);
        return path !== undefined && path.split('/').some((p) => this.selected.has(p));
      }
    }
  }

  /** The test answered once per facility, so scanning 200 000 generated records costs an array read each. */
  mask(facilities: readonly string[]): Uint8Array {
    let mask = this.masks.get(facilities);
    if (!mask) {
      mask = new Uint8Array(facilities.length);
      facilities.forEach((f, i) => {
        if (mask && this.test(f)) mask[i] = 1;
      });
      this.masks.set(facilities, mask);
    }
    return mask;
  }
}
