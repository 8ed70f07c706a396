/** A plain aligned text table: the first three columns left-aligned (names), the rest right-aligned (figures). */
export function formatTable(header: string[], rows: string[][], title?: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i <= 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [...(title ? [title] : []), line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
