/**
 * DHIS2 version strings as `/api/system/info` reports them: the Maven version of the build, e.g. `2.40.3`,
 * `2.39.0.1` (hotfix), `2.44-SNAPSHOT` or `2.36.4-EMBARGOED` (a suffix marks a pre-release of that number).
 */
export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  hotfix: number;
  /** The `-SNAPSHOT`-like suffix, if any. */
  suffix?: string;
}

const VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/;

/** Parses a DHIS2 version string; undefined when it is not one. */
export function parseVersion(version: string): ParsedVersion | undefined {
  const match = VERSION.exec(version.trim());
  if (!match) return undefined;
  const [, major, minor, patch, hotfix, suffix] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch ?? 0),
    hotfix: Number(hotfix ?? 0),
    ...(suffix ? { suffix } : {}),
  };
}

/** Negative, zero or positive like a sort comparator; a suffixed build sorts just before its plain number. */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  const parts = (v: ParsedVersion) => [v.major, v.minor, v.patch, v.hotfix];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < pa.length; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (a.suffix && !b.suffix) return -1;
  if (!a.suffix && b.suffix) return 1;
  return 0;
}
