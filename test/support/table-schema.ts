import { parse } from 'csv-parse/sync';

/**
 * A small, independent checker of CSV files against the Table Schema of a
 * Frictionless Data Package (https://specs.frictionlessdata.io/table-schema/,
 * v1), for the types the HSDS 3.0 package uses. Written from the spec, not
 * from our writer, so a test can catch the writer breaking it (Python's
 * frictionless, the reference validator, is not reachable here).
 *
 * Per the spec: the empty string is the (default) missing value; a missing
 * value passes every check but `required`; `primaryKey` values are unique and
 * present; a foreign key's non-missing values exist in the referenced field.
 */
export interface SchemaField {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: unknown[]; pattern?: string; minimum?: number; maximum?: number };
}

export interface PackageResource {
  name: string;
  path: string;
  schema: {
    fields: SchemaField[];
    primaryKey?: string | string[];
    foreignKeys?: { fields: string | string[]; reference: { resource: string; fields: string | string[] } }[];
  };
}

export interface CellError {
  file: string;
  /** 1-based data row (the header is row 0) */
  row: number;
  field: string;
  value: string;
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^(NaN|INF|-INF)$/;
// boolean: the spec's default trueValues / falseValues
const BOOLEANS = ['true', 'True', 'TRUE', '1', 'false', 'False', 'FALSE', '0'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// time, default format: HH:MM:SS (ISO 8601 time of day; 24:00:00 is not one in Python's datetime.time, which frictionless uses)
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
// datetime, default format: YYYY-MM-DDThh:mm:ssZ; fractional seconds and an offset as frictionless-py also accepts
const DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isUri(text: string): boolean {
  try {
    return !!new URL(text).protocol;
  } catch {
    return false;
  }
}

/** Why a non-missing cell is not a value of its field's type and format, or null. */
export function typeError(field: SchemaField, value: string): string | null {
  switch (field.type) {
    case 'string':
      if (field.format === 'uuid' && !UUID.test(value)) return 'not a uuid';
      if (field.format === 'email' && !EMAIL.test(value)) return 'not an email';
      if (field.format === 'uri' && !isUri(value)) return 'not a uri';
      return null;
    case 'integer':
      return INTEGER.test(value) ? null : 'not an integer';
    case 'number':
      return NUMBER.test(value) ? null : 'not a number';
    case 'boolean':
      return BOOLEANS.includes(value) ? null : 'not a boolean';
    case 'date':
      return isCalendarDate(value) ? null : 'not a date (YYYY-MM-DD)';
    case 'time':
      return TIME.test(value) ? null : 'not a time (HH:MM:SS)';
    case 'datetime': {
      const m = DATETIME.exec(value);
      return m && isCalendarDate(m[1]) ? null : 'not a datetime (YYYY-MM-DDThh:mm:ssZ)';
    }
    default:
      return `type '${field.type}' is not one this checker knows`;
  }
}

const list = (x: string | string[]) => (Array.isArray(x) ? x : [x]);

/**
 * Every cell of every resource checked against its field (type, format,
 * required, enum, pattern, unique), then primary and foreign keys across the
 * resources. `files` maps resource path to CSV text. Returns the cells
 * checked and the errors found.
 */
export function validateTables(resources: PackageResource[], files: Record<string, string>): { cells: number; errors: CellError[] } {
  const errors: CellError[] = [];
  const tables = new Map<string, Record<string, string>[]>();
  let cells = 0;
  for (const resource of resources) {
    const file = resource.path;
    const text = files[file];
    if (text === undefined) {
      errors.push({ file, row: 0, field: '', value: '', reason: 'file declared in datapackage.json is missing' });
      continue;
    }
    const [header, ...rows]: string[][] = parse(text, { bom: true });
    const names = resource.schema.fields.map((f) => f.name);
    if (JSON.stringify(header) !== JSON.stringify(names)) {
      errors.push({ file, row: 0, field: '', value: header.join(','), reason: `header is not the schema's fields in order (${names.join(',')})` });
    }
    const records = rows.map((cellsOfRow) => Object.fromEntries(header.map((h, i) => [h, cellsOfRow[i] ?? ''])));
    tables.set(resource.name, records);
    rows.forEach((r, i) => {
      if (r.length !== header.length) errors.push({ file, row: i + 1, field: '', value: '', reason: `${r.length} cells, header has ${header.length}` });
    });
    for (const field of resource.schema.fields) {
      const seen = new Set<string>();
      records.forEach((record, i) => {
        const value = record[field.name] ?? '';
        cells++;
        const fail = (reason: string) => errors.push({ file, row: i + 1, field: field.name, value, reason });
        const c = field.constraints ?? {};
        if (value === '') {
          if (c.required) fail('required');
          return;
        }
        const wrong = typeError(field, value);
        if (wrong) return fail(wrong);
        if (c.enum && !c.enum.map(String).includes(value)) fail(`not one of ${c.enum.join(', ')}`);
        if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(value)) fail(`does not match ${c.pattern}`);
        if (c.minimum !== undefined && Number(value) < c.minimum) fail(`below ${c.minimum}`);
        if (c.maximum !== undefined && Number(value) > c.maximum) fail(`above ${c.maximum}`);
        if (c.unique && seen.has(value)) fail('not unique');
        seen.add(value);
      });
    }
  }

  for (const resource of resources) {
    const records = tables.get(resource.name) ?? [];
    const { primaryKey, foreignKeys = [] } = resource.schema;
    if (primaryKey) {
      const seen = new Set<string>();
      records.forEach((record, i) => {
        const key = JSON.stringify(list(primaryKey).map((f) => record[f]));
        if (list(primaryKey).some((f) => !record[f]))
          errors.push({ file: resource.path, row: i + 1, field: String(primaryKey), value: key, reason: 'primary key missing' });
        else if (seen.has(key)) errors.push({ file: resource.path, row: i + 1, field: String(primaryKey), value: key, reason: 'primary key repeated' });
        seen.add(key);
      });
    }
    for (const fk of foreignKeys) {
      const target = tables.get(fk.reference.resource);
      if (!target) {
        errors.push({ file: resource.path, row: 0, field: String(fk.fields), value: '', reason: `foreign key to unknown resource ${fk.reference.resource}` });
        continue;
      }
      const keyOf = (record: Record<string, string>, fields: string[]) => JSON.stringify(fields.map((f) => record[f] ?? ''));
      const present = new Set(target.map((r) => keyOf(r, list(fk.reference.fields))));
      records.forEach((record, i) => {
        const fields = list(fk.fields);
        if (fields.every((f) => !record[f])) return; // a missing reference is allowed (the field is not required)
        if (!present.has(keyOf(record, fields))) {
          errors.push({
            file: resource.path,
            row: i + 1,
            field: fields.join(','),
            value: keyOf(record, fields),
            reason: `not found in ${fk.reference.resource}`,
          });
        }
      });
    }
  }
  return { cells, errors };
}
