export type Cell = string | number;

/** Numbers right-aligned with thousands separators, text left-aligned; columns from the first row's keys. */
export function formatTable(rows: ReadonlyArray<Record<string, Cell>>, columns?: readonly string[]): string {
  const first = rows[0];
  if (!first) return '';
  const keys = columns ?? Object.keys(first);
  const text = (value: Cell | undefined): string =>
    value === undefined
      ? ''
      : typeof value === 'number'
        ? value.toLocaleString('en-US', { maximumFractionDigits: 3 })
        : value;
  const body = rows.map((row) => keys.map((k) => text(row[k])));
  const widths = keys.map((k, i) => Math.max(k.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const numeric = keys.map((k) => rows.every((row) => row[k] === undefined || typeof row[k] === 'number'));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line([...keys]), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}
