import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, ImportFormat } from '../../modules/imports/import-formats';
import { ImportReport } from '../../modules/imports/import-report';
import { ImportWriter } from '../../modules/imports/import-writer';
import { ImportsService } from '../../modules/imports/imports.service';
import { CLI_ACTOR, Command, UsageError } from '../cli-support';

interface ImportParams {
  format: ImportFormat;
  path: string;
  mappingJson?: string;
  dryRun: boolean;
  strict?: boolean;
  json: boolean;
}

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

/** Imports a file or HSDS package folder: the same code as POST /v1/imports. */
export const importCommand: Command<ImportParams> = {
  usage: `import --format <${IMPORT_FORMATS.join('|')}> <path> [--mapping file] [--dry-run] [--strict] [--json]`,

  parse(args) {
    const { values, positionals } = parseArgs({
      args,
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
    if (!IMPORT_FORMATS.includes(format) || positionals.length !== 1) throw new UsageError(this.usage);
    const [path] = positionals;
    if (!existsSync(path)) throw new UsageError(`No such file or folder: ${path}`);
    if (values.mapping && !existsSync(values.mapping)) throw new UsageError(`No such mapping file: ${values.mapping}`);
    return {
      format,
      path,
      mappingJson: values.mapping ? readFileSync(values.mapping, 'utf8') : undefined,
      dryRun: values['dry-run'] ?? false,
      strict: values.strict,
      json: values.json ?? false,
    };
  },

  async run(p, db) {
    const report = await new ImportsService(new ImportWriter(db)).fromPath(p.path, {
      format: p.format,
      dryRun: p.dryRun,
      strict: p.strict,
      mappingJson: p.mappingJson,
      actor: CLI_ACTOR,
    });
    console.log(p.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return !report.committed && !report.dry_run ? 1 : 0;
  },
};
