import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, ImportFormat } from '../../modules/imports/import-formats';
import { ImportReport } from '../../modules/imports/import-report';
import { formatImportReport } from '../../modules/imports/import-report-text';
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

/** The text report (src/modules/imports/import-report-text.ts); --json prints the report object itself. */
export const formatReport = (r: ImportReport): string => formatImportReport(r);

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
    const report = await new ImportsService(new ImportWriter(db), db).fromPath(p.path, {
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
