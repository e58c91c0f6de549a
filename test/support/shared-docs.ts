/**
 * Independent readers of the files in ../shared, for tests that check
 * parsers against them without using the parsers' own code.
 */
import path from 'path';
import { SHARED_DATA_DIR } from './skips';

/** The shared folder beside the checkout (docs/ and data/): the parent of SHARED_DATA_DIR. */
export const SHARED = path.dirname(SHARED_DATA_DIR);

/** A quote-aware split of one CSV line, independent of csv-parse. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  return [...fields, field];
}

/** Every full code in docs/taxonomy.md (`service.moud` then `.methadone` on one line = service.moud.methadone). */
export function taxonomyCodes(markdown: string): Set<string> {
  const codes = new Set<string>();
  for (const line of markdown.split('\n')) {
    let base: string | null = null;
    for (const [, token] of line.matchAll(/`([a-z0-9.-]+)`/g)) {
      if (/^[a-z]+(\.[a-z0-9-]+)+$/.test(token)) {
        codes.add(token);
        base ??= token;
      } else if (token.startsWith('.') && base) codes.add(base + token);
    }
  }
  return codes;
}
