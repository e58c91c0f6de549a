import { HSDS_LOCATION_TYPES, HSDS_SERVICE_STATUSES } from '../hsds-tables';
import { phoneProblem } from '../../../common/phones/phone-number';
import { HsdsReport } from './hsds-report';
import {
  COUNTRY_PATTERN,
  EMAIL_PATTERN,
  LANGUAGE_CODE_PATTERN,
  PHONE_TYPES,
  US_ZIP_PATTERN,
  WEB_URL_PATTERN,
  parseAreaExtent,
  rangeProblem,
} from './hsds-rules';
import { cell } from './hsds-schedules';
import { CsvRow, CsvTable, isDate } from './hsds-table-schema';

export interface RecordContext {
  /** tables by resource name ('location') */
  tables: Map<string, CsvTable>;
  report: HsdsReport;
  isOurTerm: (code: string) => boolean;
  /** null when no list of known codes was given (then only the shape is checked) */
  knownLanguages: ReadonlySet<string> | null;
  defaultTimezone?: string;
}

export interface Row extends CsvRow {
  file: string;
}

/** Every row of a table (rejected or not), with its file name. */
export function all(ctx: RecordContext, name: string): Row[] {
  const table = ctx.tables.get(name);
  return table ? table.rows.map((r) => ({ ...r, file: table.file })) : [];
}

/** The rows of a table not rejected so far. */
export function live(ctx: RecordContext, name: string): Row[] {
  return all(ctx, name).filter((r) => !ctx.report.isRejected(r.file, r.line));
}

export function fileOf(ctx: RecordContext, name: string): string {
  return ctx.tables.get(name)?.file ?? `${name}.csv`;
}

/**
 * Our rules on single rows, the ones the database enforces (so a batch that
 * passes can be written): required non-blank names, the service status
 * vocabulary, email and http(s) URL shapes, coordinate ranges, ISO country
 * and US ZIP codes, phone number shape, ISO 639 language codes, GeoJSON
 * service-area extents. A violation rejects the row; every rule is checked
 * on every row so the report names all of a row's problems at once.
 */
export function checkRows(ctx: RecordContext): void {
  const { report } = ctx;
  const each = (name: string, check: (row: Row, reject: (message: string) => void) => void) => {
    for (const row of all(ctx, name)) check(row, (message) => report.reject(row.file, row.line, message));
  };
  const contact = (row: Row, reject: (m: string) => void, emailField: string, urlField: string) => {
    const email = cell(row, emailField);
    if (email && !EMAIL_PATTERN.test(email)) reject(`${emailField} '${email}' is not an email address`);
    const url = cell(row, urlField);
    if (url && !WEB_URL_PATTERN.test(url)) reject(`${urlField} '${url}' is not an http(s) URL`);
  };
  // country and postal code of addresses.csv, or of our x_ address columns on locations.csv
  const place = (row: Row, reject: (m: string) => void, prefix: '' | 'x_') => {
    const country = cell(row, `${prefix}country`)?.toUpperCase() ?? null;
    if (country && !COUNTRY_PATTERN.test(country)) reject(`${prefix}country '${country}' is not an ISO 3166-1 alpha-2 code`);
    const zip = cell(row, `${prefix}postal_code`);
    if ((country ?? 'US') === 'US' && zip && !US_ZIP_PATTERN.test(zip)) {
      reject(`${prefix}postal_code '${zip}' is not a US ZIP code (${prefix}country ${country ?? 'US'})`);
    }
  };
  const oneOf = (row: Row, reject: (m: string) => void, field: string, values: readonly string[]) => {
    const value = cell(row, field);
    if (!value) reject(`${field} is required`);
    else if (!values.includes(value)) reject(`${field} '${value}' is not one of ${values.join(', ')}`);
  };

  each('organization', (row, reject) => {
    for (const f of ['name', 'description']) if (!cell(row, f)) reject(`${f} is required`);
    contact(row, reject, 'email', 'website');
  });
  each('service', (row, reject) => {
    if (!cell(row, 'name')) reject('name is required');
    oneOf(row, reject, 'status', HSDS_SERVICE_STATUSES);
    const assured = cell(row, 'assured_date');
    if (assured && !isDate(assured)) reject(`assured_date '${assured}' is not a date (YYYY-MM-DD)`);
    contact(row, reject, 'email', 'url');
  });
  each('location', (row, reject) => {
    oneOf(row, reject, 'location_type', HSDS_LOCATION_TYPES);
    const [lat, lng] = [cell(row, 'latitude'), cell(row, 'longitude')];
    for (const [field, value, limit] of [
      ['latitude', lat, 90],
      ['longitude', lng, 180],
    ] as const) {
      if (value === null || Number.isNaN(Number(value))) continue; // missing, or not a number (a type error)
      const problem = rangeProblem(field, Number(value), -limit, limit);
      if (problem) reject(problem);
    }
    if ((lat === null) !== (lng === null)) reject('latitude and longitude must be given together');
    const extensionType = cell(row, 'x_location_type');
    if (extensionType && extensionType !== 'mobile') reject(`x_location_type '${extensionType}' is not mobile`);
    place(row, reject, 'x_');
  });
  each('address', (row, reject) => place(row, reject, ''));
  each('phone', (row, reject) => {
    const number = cell(row, 'number');
    // the same rule as every other import and the write API (stored in E.164)
    const problem = number ? phoneProblem(number) : null;
    if (number && problem) reject(`number '${number}' is not a phone number: it ${problem}`);
    const type = cell(row, 'type');
    if (type && !(PHONE_TYPES as readonly string[]).includes(type.toLowerCase())) {
      report.loss(row.file, row.line, `type '${type}' is not one of ${PHONE_TYPES.join(', ')}; imported without a type`);
    }
  });
  each('language', (row, reject) => {
    const code = cell(row, 'code');
    if (!code) reject('code is required (an ISO 639 code such as en, es, ase)');
    else if (!LANGUAGE_CODE_PATTERN.test(code)) reject(`code '${code}' is not an ISO 639 code (2-3 lowercase letters)`);
    else if (ctx.knownLanguages && !ctx.knownLanguages.has(code)) reject(`code '${code}' is not a known ISO 639 language`);
  });
  each('service_area', (row, reject) => {
    const extent = cell(row, 'extent');
    const type = cell(row, 'extent_type')?.toLowerCase() ?? null;
    if (!extent) return;
    if (isGeoJsonExtent(extent, type)) {
      const parsed = parseAreaExtent(extent);
      if ('problem' in parsed) reject(parsed.problem);
    } else report.loss(row.file, row.line, `extent of extent_type '${type ?? ''}' is not imported (GeoJSON only)`);
  });
}

export function isGeoJsonExtent(extent: string, extentType: string | null): boolean {
  return extentType === 'geojson' || (extentType === null && extent.startsWith('{'));
}
