import { readFileSync } from 'fs';
import { parse } from 'csv-parse/sync';
import { HsdsReport } from './hsds-report';

/**
 * Frictionless Table Schema, as much of it as HSDS packages use: field types
 * string/number/integer/date/datetime/time/boolean, string formats
 * uuid/email/uri, constraints required/unique/enum/minimum/maximum/pattern/
 * minLength/maxLength, primaryKey and foreignKeys. Violations of declared
 * types and constraints are rejections; format hints (a non-UUID id) and
 * header mismatches on optional columns only lose information (warnings,
 * rejections in strict mode).
 */
export interface FieldDescriptor {
  name: string;
  type?: string;
  format?: string;
  constraints?: {
    required?: boolean;
    unique?: boolean;
    enum?: unknown[];
    minimum?: number | string;
    maximum?: number | string;
    pattern?: string;
    minLength?: number;
    maxLength?: number;
  };
  trueValues?: string[];
  falseValues?: string[];
}

export interface ForeignKeyDescriptor {
  fields: string | string[];
  reference: { resource: string; fields: string | string[] };
}

export interface TableSchema {
  fields: FieldDescriptor[];
  primaryKey?: string | string[];
  foreignKeys?: ForeignKeyDescriptor[];
  missingValues?: string[];
}

export interface DataPackageResource {
  name?: string;
  path?: string | string[];
  schema?: TableSchema | string;
  dialect?: { delimiter?: string };
}

export interface DataPackageLicense {
  name?: string;
  title?: string;
  type?: string;
  path?: string;
  url?: string;
}

export interface DataPackage {
  name?: string;
  title?: string;
  license?: DataPackageLicense;
  licenses?: DataPackageLicense[];
  contributors?: Array<{ title?: string }>;
  sources?: Array<{ title?: string }>;
  resources?: DataPackageResource[];
}

/** null: the cell is missing (one of the schema's missingValues, '' by default). */
export type Cell = string | null;

export interface CsvRow {
  /** 1-based line of the row's first physical line; the header is line 1 */
  line: number;
  cells: Record<string, Cell>;
}

export interface CsvTable {
  /** resource name ('location') */
  name: string;
  /** file name as declared ('locations.csv') */
  file: string;
  schema: TableSchema;
  header: string[];
  rows: CsvRow[];
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Reads one CSV, keeping each row's starting line. CSV syntax errors reject the whole file. */
export function readCsvTable(filePath: string, name: string, file: string, schema: TableSchema, report: HsdsReport, delimiter = ','): CsvTable {
  const table: CsvTable = { name, file, schema, header: [], rows: [] };
  let records: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    records = parse(readFileSync(filePath), {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (err) {
    const { lines, message } = err as { lines?: number; message: string };
    report.reject(file, lines ?? 0, `is not valid CSV (${message})`);
    return table;
  }
  const missing = new Set(schema.missingValues ?? ['']);
  let previousEnd = 0;
  let previousEmpty = 0;
  for (const { record, info } of records) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (table.header.length === 0) {
      table.header = record.map((h) => h.trim());
      continue;
    }
    if (record.length !== table.header.length) {
      report.reject(file, line, `row has ${record.length} values but the header has ${table.header.length} columns`);
    }
    const cells: Record<string, Cell> = {};
    table.header.forEach((h, i) => (cells[h] = i < record.length && !missing.has(record[i]) ? record[i] : null));
    table.rows.push({ line, cells });
  }
  return table;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^(([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?|24:00(:00)?)(Z|[+-]\d{2}:?\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** '' when the value fits the type, else what it should have been. */
function typeProblem(field: FieldDescriptor, value: string): string {
  switch (field.type ?? 'string') {
    case 'number':
      return NUMBER.test(value) || ['NaN', 'INF', '-INF'].includes(value) ? '' : 'a number';
    case 'integer':
      return INTEGER.test(value) ? '' : 'an integer';
    case 'date':
      return isDate(value) ? '' : 'a date (YYYY-MM-DD)';
    case 'datetime':
      return DATETIME.test(value) && isDate(value.slice(0, 10)) ? '' : 'a date-time (ISO 8601)';
    case 'time':
      return TIME.test(value) ? '' : 'a time (HH:MM or HH:MM:SS)';
    case 'boolean': {
      const values = [...(field.trueValues ?? ['true', 'True', 'TRUE', '1']), ...(field.falseValues ?? ['false', 'False', 'FALSE', '0'])];
      return values.includes(value) ? '' : 'a boolean (true or false)';
    }
    default:
      return '';
  }
}

function formatProblem(field: FieldDescriptor, value: string): string {
  if (field.type && field.type !== 'string') return '';
  if (field.format === 'uuid') return UUID.test(value) ? '' : 'a UUID';
  if (field.format === 'email') return EMAIL.test(value) ? '' : 'an email address';
  if (field.format === 'uri') return URI.test(value) ? '' : 'a URI';
  return '';
}

const isNumeric = (field: FieldDescriptor) => field.type === 'number' || field.type === 'integer';

function compare(field: FieldDescriptor, value: string, bound: number | string): number {
  return isNumeric(field) ? Number(value) - Number(bound) : value < String(bound) ? -1 : value > String(bound) ? 1 : 0;
}

/** Header, types, constraints, uniqueness and primary key of one table. */
export function validateTable(table: CsvTable, report: HsdsReport): void {
  const { file, schema, header } = table;
  const declared = new Set(schema.fields.map((f) => f.name));
  const seenHeader = new Set<string>();
  for (const name of header) {
    if (seenHeader.has(name)) report.reject(file, 1, `column ${name} appears twice in the header`);
    seenHeader.add(name);
    if (!declared.has(name)) report.loss(file, 1, `column ${name} is not declared in datapackage.json; not imported`);
  }
  const pk = asList(schema.primaryKey);
  for (const field of schema.fields) {
    const c = field.constraints ?? {};
    if (!seenHeader.has(field.name)) {
      if (c.required) report.reject(file, 1, `required column ${field.name} is missing`);
      else report.loss(file, 1, `declared column ${field.name} is missing from the header`);
      continue;
    }
    const firstLine = new Map<string, number>();
    const checkUnique = c.unique && !(pk.length === 1 && pk[0] === field.name);
    for (const { line, cells } of table.rows) {
      const value = cells[field.name];
      if (value === null || value === undefined) {
        if (c.required) report.reject(file, line, `${field.name} is required`);
        continue;
      }
      const typeIssue = typeProblem(field, value);
      if (typeIssue) {
        report.reject(file, line, `${field.name} '${value}' is not ${typeIssue}`);
        continue;
      }
      const formatIssue = formatProblem(field, value);
      if (formatIssue) report.loss(file, line, `${field.name} '${value}' is not ${formatIssue} (format ${field.format})`);
      if (c.enum && !c.enum.map(String).includes(value)) {
        report.reject(file, line, `${field.name} '${value}' is not one of ${c.enum.map(String).join(', ')}`);
      }
      if (c.minimum !== undefined && compare(field, value, c.minimum) < 0) {
        report.reject(file, line, `${field.name} ${value} is below the minimum ${c.minimum}`);
      }
      if (c.maximum !== undefined && compare(field, value, c.maximum) > 0) {
        report.reject(file, line, `${field.name} ${value} is above the maximum ${c.maximum}`);
      }
      if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(value)) {
        report.reject(file, line, `${field.name} '${value}' does not match the pattern ${c.pattern}`);
      }
      if (c.minLength !== undefined && value.length < c.minLength) {
        report.reject(file, line, `${field.name} is shorter than ${c.minLength} characters`);
      }
      if (c.maxLength !== undefined && value.length > c.maxLength) {
        report.reject(file, line, `${field.name} is longer than ${c.maxLength} characters`);
      }
      if (checkUnique) {
        const first = firstLine.get(value);
        if (first !== undefined) report.reject(file, line, `${field.name} '${value}' is not unique (also on line ${first})`);
        else firstLine.set(value, line);
      }
    }
  }
  if (pk.length > 0 && pk.every((f) => seenHeader.has(f))) {
    const firstLine = new Map<string, number>();
    for (const { line, cells } of table.rows) {
      const values = pk.map((f) => cells[f]);
      if (values.some((v) => v === null)) continue; // reported as required above, or not a key at all
      const key = values.join('\u0000');
      const first = firstLine.get(key);
      if (first !== undefined) {
        report.reject(file, line, `${pk.join(', ')} '${values.join("', '")}' is not unique (primary key, also on line ${first})`);
      } else firstLine.set(key, line);
    }
  }
}

/** Every declared foreign key whose target table is in the package. */
export function validateForeignKeys(tables: Map<string, CsvTable>, report: HsdsReport): void {
  for (const table of tables.values()) {
    for (const fk of table.schema.foreignKeys ?? []) {
      const fields = asList(fk.fields);
      const refFields = asList(fk.reference.fields);
      const target = fk.reference.resource === '' ? table : tables.get(fk.reference.resource);
      const rows = table.rows.filter(({ cells }) => fields.every((f) => cells[f] !== null && cells[f] !== undefined));
      if (rows.length === 0) continue;
      if (!target) {
        report.loss(table.file, 0, `${fields.join(', ')} refers to ${fk.reference.resource}, which is not in the package; not checked`);
        continue;
      }
      const keys = new Set(target.rows.map(({ cells }) => refFields.map((f) => cells[f]).join('\u0000')));
      for (const { line, cells } of rows) {
        const values = fields.map((f) => cells[f] as string);
        if (!keys.has(values.join('\u0000'))) {
          report.reject(table.file, line, `${fields.join(', ')} '${values.join("', '")}' does not match any ${fk.reference.resource} in ${target.file}`);
        }
      }
    }
  }
}
