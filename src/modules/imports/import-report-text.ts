import { ImportReport } from './import-report';

/** One kind of finding: how many rows it hit and the first few, with their lines. */
export interface FindingGroup {
  /** the message with its particular values masked: `phone "…" has too few digits for a US number; left out` */
  pattern: string;
  count: number;
  examples: { line: number; text: string }[];
}

/**
 * The same finding on many rows differs only in the values it quotes, the
 * numbers it names and the record keys it cites; masking those gives one
 * group per reason ("80 × service …: dropped unknown code '…'").
 */
export function findingPattern(text: string): string {
  return text
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b[0-9a-f]{24}(?:~[0-9a-f]{8})?(?::[a-z0-9.-]+)?/g, '…') // our site keys, with offer suffix and code
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '…')
    .replace(/\bline \d+\b/g, 'line N')
    .replace(/(?<![\w.])-?\d+(\.\d+)?(?![\w.])/g, 'N');
}

export function groupFindings(items: { line: number; text: string }[], examples = 3): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const item of items) {
    const pattern = findingPattern(item.text);
    const group = groups.get(pattern) ?? { pattern, count: 0, examples: [] };
    group.count++;
    if (group.examples.length < examples) group.examples.push(item);
    groups.set(pattern, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern));
}

/** "line 12: <text>", or the text alone when it names its own place (HSDS: "phones.csv line 2: ...") or has none (line 0). */
function located({ line, text }: { line: number; text: string }): string {
  return line > 0 && !text.includes(`line ${line}`) ? `line ${line}: ${text}` : text;
}

function section(title: string, items: { line: number; text: string }[]): string[] {
  if (!items.length) return [];
  const groups = groupFindings(items);
  const lines = [`  ${title} (${items.length}), by reason:`];
  for (const group of groups.slice(0, 25)) {
    const where = [...new Set(items.filter((i) => findingPattern(i.text) === group.pattern && i.line > 0).map((i) => i.line))];
    const at = where.length ? ` (line${where.length > 1 ? 's' : ''} ${where.slice(0, 8).join(', ')}${where.length > 8 ? ', …' : ''})` : '';
    if (group.count === 1) {
      lines.push(`    1 × ${located(group.examples[0])}`);
      continue;
    }
    lines.push(`    ${group.count} × ${group.pattern}${at}`);
    for (const example of group.examples) lines.push(`        e.g. ${located(example)}`);
  }
  if (groups.length > 25) lines.push(`    … and ${groups.length - 25} more reasons (use --json)`);
  return lines;
}

function headline(r: ImportReport): string {
  // a dry run never commits: what it says is what a real run would do
  if (r.dry_run)
    return `DRY RUN, nothing written: ${r.rejected.length ? `${r.rejected.length} rejected row(s); a strict import would write nothing` : 'would import'}`;
  return r.committed ? 'imported' : 'REJECTED, nothing written';
}

/**
 * The import report for a person at a terminal: what changed, and what was
 * left out and why, grouped by reason with the first rows of each (line
 * numbers as the source counts them; file-level findings carry none).
 */
export function formatImportReport(r: ImportReport): string {
  const row = (label: string, c: ImportReport['created']) =>
    `  ${label.padEnd(10)} ${String(c.organizations).padStart(7)} ${String(c.services).padStart(9)} ${String(c.locations).padStart(10)} ${String(c.service_at_locations).padStart(7)}`;
  const keptApart = r.kept_apart ?? [];
  const lines = [
    `${headline(r)}: ${r.source} (${r.format}), import ${r.import_id}`,
    ...(r.format_version ? [`  read as ${r.format_version}`] : []),
    `  rows read ${r.rows_read}, merged ${r.rows_merged}, kept apart ${keptApart.length}, rejected ${r.rejected.length}, warnings ${r.warnings.length}`,
    `  ${''.padEnd(10)} ${'orgs'.padStart(7)} ${'services'.padStart(9)} ${'locations'.padStart(10)} ${'links'.padStart(7)}`,
    row('created', r.created),
    row('updated', r.updated),
    row('unchanged', r.unchanged),
    row('deleted', r.deleted),
  ];
  if (keptApart.length) {
    lines.push(`  kept apart (${keptApart.length}): rows under one site key that differ, imported as separate services:`);
    for (const k of keptApart.slice(0, 20))
      lines.push(`    kept apart: ${k.name} at ${k.address}: differs in ${k.differs_in.join(', ')} (lines ${k.lines.join(', ')})`);
    if (keptApart.length > 20) lines.push(`    … and ${keptApart.length - 20} more (use --json)`);
  }
  lines.push(
    ...section(
      'rejected',
      r.rejected.map((x) => ({ line: x.line, text: x.reason })),
    ),
  );
  lines.push(
    ...section(
      'warnings: left out or changed',
      r.warnings.map((x) => ({ line: x.line, text: x.message })),
    ),
  );
  return lines.join('\n');
}
