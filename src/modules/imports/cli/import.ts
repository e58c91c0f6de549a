/**
 * npm run import -- --format <hsds|samhsa-moud|samhsa-otp|geojson|csv> <path> [--mapping <file>] [--dry-run] [--strict] [--json]
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the app first).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../config/app-config';
import { dataSourceOptions } from '../../../database/data-source-options';
import { startEmbeddedPostgres } from '../../../database/embedded-postgres';
import { IMPORT_FORMATS, ImportFormat } from '../import-formats';
import { ImportReport } from '../import-report';
import { ImportWriter } from '../import-writer';
import { ImportsService } from '../imports.service';

export function formatReport(r: ImportReport): string {
  const row = (label: string, c: ImportReport['created']) =>
    `  ${label.padEnd(10)} ${String(c.organizations).padStart(7)} ${String(c.services).padStart(9)} ${String(c.locations).padStart(10)} ${String(c.service_at_locations).padStart(7)}`;
  const lines = [
    `${r.dry_run ? 'DRY RUN: ' : ''}${r.committed ? (r.dry_run ? 'would import' : 'imported') : 'REJECTED, nothing written'}: ${r.source} (${r.format}), import ${r.import_id}`,
    `  rows read ${r.rows_read}, merged ${r.rows_merged}, rejected ${r.rejected.length}, warnings ${r.warnings.length}`,
    `  ${''.padEnd(10)} ${'orgs'.padStart(7)} ${'services'.padStart(9)} ${'locations'.padStart(10)} ${'links'.padStart(7)}`,
    row('created', r.created),
    row('updated', r.updated),
    row('unchanged', r.unchanged),
    row('deleted', r.deleted),
    ...r.rejected.slice(0, 50).map((x) => `  rejected line ${x.line}: ${x.reason}`),
    ...(r.rejected.length > 50 ? [`  ... and ${r.rejected.length - 50} more rejected rows (use --json)`] : []),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      strict: { type: 'boolean' },
      json: { type: 'boolean', default: false },
    },
  });
  const format = values.format as ImportFormat;
  if (!IMPORT_FORMATS.includes(format) || positionals.length !== 1) {
    throw new Error(`usage: npm run import -- --format <${IMPORT_FORMATS.join('|')}> <path> [--mapping file] [--dry-run] [--strict] [--json]`);
  }
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR);
  const db = new DataSource(dataSourceOptions(config.DATABASE_URL ?? embedded!.url, 1));
  await db.initialize();
  try {
    if (await db.showMigrations()) throw new Error('The database has pending migrations: run `npm run db:migrate` first.');
    const report = await new ImportsService(new ImportWriter(db)).fromPath(positionals[0], {
      format,
      dryRun: values['dry-run'],
      strict: values.strict,
      mappingJson: values.mapping ? readFileSync(values.mapping, 'utf8') : undefined,
      actor: { apiKeyId: null, label: 'cli' },
    });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    if (!report.committed && !report.dry_run) process.exitCode = 1;
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
