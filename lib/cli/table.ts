/** The one table printer of the project's reports: aligned plain text for terminals, or GitHub markdown. */

export type Align = 'left' | 'right';

export interface TableOptions {
  /** Alignment per column. @default every column left */
  readonly align?: readonly Align[];
  /** A line of dashes under the header. @default true */
  readonly rule?: boolean;
  /** Columns whose cells are never padded (a long last column of free text). @default [] */
  readonly unpadded?: readonly number[];
}

/** Columns separated by two spaces, each as wide as its widest cell; trailing spaces trimmed. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], opts: TableOptions = {}): string {
  const align = opts.align ?? [];
  const unpadded = new Set(opts.unpadded ?? []);
  const widths = header.map((h, c) => (unpadded.has(c) ? 0 : Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (unpadded.has(c) ? cell : align[c] === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const lines = [line(header)];
  if (opts.rule ?? true) lines.push(widths.map((w, c) => '-'.repeat(unpadded.has(c) ? header[c].length : w)).join('  '));
  return [...lines, ...rows.map(line)].join('\n');
}

/** A GitHub-flavoured markdown table; `|` in cells is escaped. */
export function formatMarkdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  opts: Pick<TableOptions, 'align'> = {},
): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const align = opts.align ?? [];
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map((_, c) => (align[c] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
