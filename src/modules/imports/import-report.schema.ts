/**
 * The OpenAPI schema of ImportReport (import-report.ts), written out because
 * the report is a plain interface (the CLI prints the same object) and
 * @nestjs/swagger only reads classes. Keep the two together.
 */
const counts = {
  type: 'object',
  description: 'Records by kind.',
  required: ['organizations', 'services', 'locations', 'service_at_locations'],
  properties: Object.fromEntries(['organizations', 'services', 'locations', 'service_at_locations'].map((k) => [k, { type: 'integer', minimum: 0 }])),
  additionalProperties: false,
};

export const IMPORT_REPORT_SCHEMA = {
  type: 'object',
  required: [
    'import_id',
    'source',
    'format',
    'dry_run',
    'committed',
    'rows_read',
    'rows_merged',
    'created',
    'updated',
    'unchanged',
    'deleted',
    'rejected',
    'warnings',
    'kept_apart',
    'format_version',
  ],
  properties: {
    import_id: { type: 'string', format: 'uuid' },
    source: { type: 'string', description: 'Stable source name, part of every external id key.' },
    format: { type: 'string' },
    dry_run: { type: 'boolean' },
    committed: { type: 'boolean', description: 'false when nothing was written (dry run, or the import was rejected).' },
    rows_read: { type: 'integer', minimum: 0 },
    rows_merged: { type: 'integer', minimum: 0, description: 'Source rows folded into another record (duplicates, one row per medication, ...).' },
    created: counts,
    updated: counts,
    unchanged: counts,
    deleted: { ...counts, description: 'In the directory from this source before, absent from this file: soft-deleted.' },
    rejected: {
      type: 'array',
      items: { type: 'object', required: ['line', 'reason'], properties: { line: { type: 'integer' }, reason: { type: 'string' } } },
    },
    warnings: {
      type: 'array',
      items: { type: 'object', required: ['line', 'message'], properties: { line: { type: 'integer' }, message: { type: 'string' } } },
    },
    kept_apart: {
      type: 'array',
      description: 'Rows under one site key that differ in hours, access terms or verified date: kept as distinct services.',
      items: {
        type: 'object',
        required: ['lines', 'name', 'address', 'differs_in'],
        properties: {
          lines: { type: 'array', items: { type: 'integer' } },
          name: { type: 'string' },
          address: { type: 'string' },
          differs_in: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    format_version: { type: ['string', 'null'], description: "What the source was read as, when the format has versions ('HSDS 3.0.0')." },
  },
};
