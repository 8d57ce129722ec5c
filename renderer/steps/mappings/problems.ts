import type { MappingProblem } from '../../../shared/views.js';

/** Problems whose path is `prefix` or lies under it (`outbreaks[0].caseMapping[3]` covers `…[3].source.attribute`). */
export function problemsUnder(problems: readonly MappingProblem[], prefix: string): MappingProblem[] {
  return problems.filter(
    (p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`),
  );
}

export function countBySeverity(problems: readonly MappingProblem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/** The first problem exactly at `path`, as an input's error text. */
export function problemAt(problems: readonly MappingProblem[], path: string): string | undefined {
  return problems.find((p) => p.path === path)?.message;
}
