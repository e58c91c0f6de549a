import { ImportBatch, ImportedLocation, ImportedOrganization, ImportedSchedule } from '../import-batch';
import { parseHours } from './hours.parser';
import {
  checked,
  decodeText,
  emptyBatch,
  encodingWarning,
  isObject,
  isPoBoxOnly,
  isStringArray,
  isTimeZone,
  languagesOf,
  normalizeDate,
  normalizeUrl,
  normalizeUsZip,
  parseCsvRows,
  phonesOf,
  resolvePoint,
  stableKey,
  unknownKeys,
  isComment,
} from './parser-utils';
import { emitSite, SiteRow } from './site-rows';

/**
 * Spreadsheet import: any CSV export plus a small mapping (a JSON file, see
 * docs/import-mapping.example.json). The same record mapper also serves the
 * GeoJSON parser, whose features become records of their properties.
 *
 * One row = one site: an organization, one location and one service per
 * `service.*` taxonomy code the row maps to. Rows that share an external id
 * (by default name + address) are one site; what they say about the services
 * there decides whether they merge or stay apart (site-rows.ts): rows that
 * differ only in service codes combine ("one row per service" sheets), rows
 * that differ in hours, access terms or verified date become distinct
 * services at the one location, listed in the report. The row's phone goes on
 * its location (a physical site) or its services (a mobile program), where
 * search reads phones. Shared low-level helpers (ZIP, coordinates, keys, text
 * decoding) live in parser-utils.ts and are used by the SAMHSA parsers.
 */

/** Which column (CSV header, or GeoJSON property) holds each field. */
export interface CsvColumns {
  /** one column holding a stable id, or several columns hashed into one (default: name + address) */
  externalId?: string | string[];
  organizationName: string;
  locationName?: string; // default: the organization name
  description?: string; // organization description
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  latitude?: string;
  longitude?: string;
  phone?: string; // one or more numbers ("; ", " | ", " or "), stored in E.164 on the site's location (a mobile program: its services)
  website?: string;
  email?: string;
  hours?: string; // free text, read by parseHours
  languages?: string; // comma-separated names ("Spanish") or codes ("es")
  assuredDate?: string; // date last verified -> service assured_date
  mobile?: string; // true/yes/1: a mobile program, not a fixed site
}

export interface CsvMapping {
  source: string; // data_source id: ^[a-z0-9][a-z0-9:._-]{1,99}$
  licence: string;
  attribution: string;
  timezone?: string; // IANA; required with columns.hours or access.open-24-7
  country?: string; // ISO 3166-1 alpha-2, default US
  defaultState?: string; // when there is no state column or the cell is empty
  strict?: boolean; // reject rows without coordinates instead of using the ZIP centroid
  nullValues?: string[]; // cells meaning "empty", default ['', 'NA', 'N/A', 'NULL', 'null']
  columns: CsvColumns;
  /** column -> cell value (case-insensitive) -> taxonomy codes; [] = known value, no code */
  terms?: Record<string, Record<string, string[]>>;
  constantTerms?: string[]; // codes every row gets
}

/** A row to map: values by column/property name, and where a person finds it. */
export interface SourceRecord {
  line: number;
  values: Record<string, string>;
  /** set by a format that knows the record is mobile (GeoJSON feature without geometry) */
  mobile?: boolean;
}

const DEFAULT_NULLS = ['', 'NA', 'N/A', 'NULL', 'null'];
const CODE = /^(service|access|transport|population|practice)(\.[a-z0-9-]+)+$/;
const COLUMN_KEYS: (keyof CsvColumns)[] = [
  'externalId',
  'organizationName',
  'locationName',
  'description',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
  'latitude',
  'longitude',
  'phone',
  'website',
  'email',
  'hours',
  'languages',
  'assuredDate',
  'mobile',
];
const MAPPING_KEYS = ['source', 'licence', 'attribution', 'timezone', 'country', 'defaultState', 'strict', 'nullValues', 'columns', 'terms', 'constantTerms'];

export function parseMappedCsv(csv: string | Buffer, mapping: CsvMapping): ImportBatch {
  validateCsvMapping(mapping);
  const text = decodeText(csv);
  const rows = parseCsvRows(text);
  if (!rows.length) return emptyBatch(mapping);
  const header = rows[0].record.map((h) => h.trim());
  const missing = mappedColumns(mapping).filter((c) => !header.includes(c));
  if (missing.length) {
    throw new Error(`CSV header has no column ${missing.map((c) => `'${c}'`).join(', ')} named in the mapping; header: ${header.join(', ')}`);
  }
  const records = rows.slice(1).map(({ record, line }) => ({
    line,
    values: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])),
  }));
  const batch = mapRecords(records, mapping);
  const encoding = encodingWarning(text);
  if (encoding) batch.warnings.unshift(encoding);
  return batch;
}

/** Reads and checks a mapping file; the Error lists every problem found. */
export function parseCsvMapping(json: string): CsvMapping {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new Error(`mapping is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  validateCsvMapping(value);
  return withoutComments(value);
}

/** The mapping without its "$..." comment keys (top level, columns, terms). */
function withoutComments(m: CsvMapping): CsvMapping {
  const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([k]) => !isComment(k))) as T;
  const out = strip(m);
  out.columns = strip(m.columns);
  if (m.terms) out.terms = strip(m.terms);
  return out;
}

export function validateCsvMapping(m: unknown): asserts m is CsvMapping {
  const problems: string[] = [];
  if (!isObject(m)) throw new Error('bad mapping: expected a JSON object');
  const str = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  unknownKeys(m, MAPPING_KEYS, 'mapping', problems);
  if (!(typeof m.source === 'string' && /^[a-z0-9][a-z0-9:._-]{1,99}$/.test(m.source))) {
    problems.push('source must be a lowercase id such as "dallas-naloxone-2026" (letters, digits, : . _ -)');
  }
  for (const key of ['licence', 'attribution']) if (!str(m[key])) problems.push(`${key} must be a non-empty string`);
  if (m.timezone !== undefined && !isTimeZone(m.timezone)) {
    problems.push(`timezone ${JSON.stringify(m.timezone)} is not an IANA time zone such as "America/Chicago"`);
  }
  if (m.country !== undefined && !(typeof m.country === 'string' && /^[A-Z]{2}$/.test(m.country))) {
    problems.push('country must be an ISO 3166-1 alpha-2 code such as "US"');
  }
  if (m.defaultState !== undefined && !str(m.defaultState)) problems.push('defaultState must be a non-empty string');
  if (m.strict !== undefined && typeof m.strict !== 'boolean') problems.push('strict must be true or false');
  if (m.nullValues !== undefined && !isStringArray(m.nullValues)) problems.push('nullValues must be an array of strings');
  validateColumns(m.columns, problems);
  const codes = validateTerms(m.terms, m.constantTerms, problems);
  const cols = isObject(m.columns) ? m.columns : {};
  if (m.timezone === undefined && (cols.hours !== undefined || codes.includes('access.open-24-7'))) {
    problems.push('timezone is required when columns.hours is set or a term maps to access.open-24-7');
  }
  if (problems.length) throw new Error(`bad mapping:\n- ${problems.join('\n- ')}`);
}

function validateColumns(columns: unknown, problems: string[]): void {
  if (!isObject(columns)) {
    problems.push('columns must be an object naming at least columns.organizationName');
    return;
  }
  unknownKeys(columns, COLUMN_KEYS, 'columns', problems);
  for (const [key, v] of Object.entries(columns)) {
    const ok = typeof v === 'string' ? v !== '' : key === 'externalId' && isStringArray(v) && v.length > 0;
    if (!ok && !isComment(key)) problems.push(`columns.${key} must be a column name${key === 'externalId' ? ' or a non-empty list of column names' : ''}`);
  }
  if (columns.organizationName === undefined) problems.push('columns.organizationName is required');
  if ((columns.latitude === undefined) !== (columns.longitude === undefined)) problems.push('columns.latitude and columns.longitude go together');
}

/** Checks terms and constantTerms; returns every code they use. */
function validateTerms(terms: unknown, constant: unknown, problems: string[]): string[] {
  const codes: string[] = [];
  if (terms !== undefined) {
    if (!isObject(terms)) problems.push('terms must map a column name to { "cell value": ["taxonomy.code", ...] }');
    else {
      for (const [column, values] of Object.entries(terms)) {
        if (isComment(column)) continue;
        if (!isObject(values)) {
          problems.push(`terms.${column} must map cell values to lists of taxonomy codes`);
          continue;
        }
        for (const [value, list] of Object.entries(values)) {
          if (!isStringArray(list)) problems.push(`terms.${column}[${JSON.stringify(value)}] must be a list of taxonomy codes`);
          else codes.push(...list);
        }
      }
    }
  }
  if (constant !== undefined) {
    if (!isStringArray(constant)) problems.push('constantTerms must be a list of taxonomy codes');
    else codes.push(...constant);
  }
  for (const code of new Set(codes)) {
    if (CODE.test(code)) continue;
    problems.push(
      code.startsWith('principle.')
        ? `'${code}': principles are not attached directly; map to the practice.* codes that enact them`
        : `'${code}' is not a taxonomy code (service.*, access.*, transport.*, population.* or practice.*, lowercase, dot-separated; see docs/taxonomy.md)`,
    );
  }
  return codes;
}

function mappedColumns(m: CsvMapping): string[] {
  const named = COLUMN_KEYS.flatMap((k) => m.columns[k] ?? []);
  return [...new Set([...named, ...Object.keys(m.terms ?? {}).filter((k) => !isComment(k))])];
}

/** Records -> batch. Exported for the GeoJSON parser. */
export function mapRecords(records: SourceRecord[], mapping: CsvMapping): ImportBatch {
  const batch = emptyBatch(mapping);
  batch.rowsRead = records.length;
  const sites = new Map<string, SiteRow[]>();
  for (const record of records) {
    const row = mapRecord(record, mapping, batch);
    if (!row) continue;
    const group = sites.get(row.key);
    if (group) group.push(row);
    else sites.set(row.key, [row]);
  }
  for (const rows of sites.values()) emitSite(rows, batch);
  return batch;
}

function mapRecord(record: SourceRecord, m: CsvMapping, batch: ImportBatch): SiteRow | null {
  const { line } = record;
  const nulls = new Set(m.nullValues ?? DEFAULT_NULLS);
  const get = (column?: string): string | null => {
    const v = column === undefined ? undefined : record.values[column]?.trim();
    return v === undefined || nulls.has(v) ? null : v;
  };
  const warn = (message: string) => batch.warnings.push({ line, message });
  const reject = (reason: string) => (batch.rejected.push({ line, reason }), null);
  const c = m.columns;
  const name = get(c.organizationName);
  if (!name) return reject(`no organization name (column ${c.organizationName})`);
  const country = m.country ?? 'US';
  const rawZip = get(c.zip);
  const zip = rawZip && country === 'US' ? normalizeUsZip(rawZip) : rawZip;
  if (rawZip && !zip) warn(`ZIP ${JSON.stringify(rawZip)} is not a US ZIP code; left empty`);
  const key = siteKey(record, m, zip, get);
  if (!key) return reject(`no external id (column ${String(c.externalId)})`);

  const codes = rowCodes(m, get, warn);
  const mobile = record.mobile === true || /^(true|yes|y|t|1)$/i.test(get(c.mobile) ?? '');
  const address = {
    address_1: get(c.address1),
    address_2: get(c.address2),
    city: get(c.city),
    state_province: get(c.state) ?? m.defaultState ?? null,
    postal_code: zip,
    country,
  };
  const missing = (['address_1', 'city', 'state_province'] as const).filter((f) => !address[f]);
  if (!mobile && missing.length) return reject(`a physical location needs ${missing.join(', ')}`);

  const point = resolvePoint(get(c.latitude), get(c.longitude), country === 'US' ? zip : null);
  if (!mobile && point.reason && (m.strict || point.latitude === null)) {
    const why = m.strict ? ' (strict mapping: no ZIP-centroid fallback)' : ', and no ZIP centroid to fall back on';
    return reject(`${point.reason}${why}`);
  }
  if (point.reason && point.latitude !== null) warn(`${point.reason}; placed at the centroid of ZIP ${zip} (approximate)`);
  if (mobile && point.latitude === null) {
    warn(
      'mobile program with no point and no service area: the location table needs one of the two for a non-physical location, so add a service_area before writing this record',
    );
  }
  let approximate = point.approximate;
  if (!mobile && isPoBoxOnly(address.address_1)) {
    approximate = true;
    warn(`address ${JSON.stringify(address.address_1)} is a PO box: the point is probably the post office, not the site; marked approximate`);
  }
  if (!codes.some((code) => code.startsWith('service.'))) return reject('no service.* taxonomy code from terms or constantTerms');

  const hours = scheduleFor(get(c.hours), codes, m.timezone, warn);
  const organization: ImportedOrganization = {
    external_id: key,
    name,
    description: get(c.description) ?? '',
    website: checked(get(c.website), normalizeUrl, 'website', warn),
    email: checked(get(c.email), (v) => (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? v : null), 'email', warn),
    // the row's phone is the site's (site-rows.ts); an empty list keeps the record, and so its
    // change-detection hash, what it was before phones moved, so an upgrade does not rewrite every organization
    phones: [],
  };
  const location: ImportedLocation = {
    external_id: key,
    organization_external_id: key,
    location_type: mobile ? 'mobile' : 'physical',
    name: get(c.locationName) ?? name,
    ...address,
    latitude: point.latitude,
    longitude: point.longitude,
    coordinates_approximate: approximate,
  };
  return {
    key,
    line,
    codes,
    organization,
    location,
    schedules: hours.schedules,
    hoursText: hours.text,
    assuredDate: checked(get(c.assuredDate), normalizeDate, 'verified date', warn),
    languages: languagesOf(get(c.languages), warn),
    phones: phonesOf(get(c.phone), warn, country),
  };
}

/** The site's external id: one id column as is, or the hash of several (the ZIP normalized first). */
function siteKey(record: SourceRecord, m: CsvMapping, zip: string | null, get: (c?: string) => string | null): string | null {
  const c = m.columns;
  if (typeof c.externalId === 'string') return get(c.externalId);
  const columns = c.externalId ?? [c.organizationName, c.address1, c.city, c.state, c.zip].filter((x): x is string => !!x);
  return stableKey(columns.map((col) => (col === c.zip ? zip : get(col))));
}

function rowCodes(m: CsvMapping, get: (c?: string) => string | null, warn: (msg: string) => void): string[] {
  const codes = new Set(m.constantTerms ?? []);
  for (const [column, table] of Object.entries(m.terms ?? {})) {
    const cell = isComment(column) ? null : get(column);
    if (!cell) continue;
    const lookup = new Map(Object.entries(table).map(([k, v]) => [k.trim().toLowerCase(), v]));
    // the whole cell first, then its parts ("naloxone; test strips")
    const parts = lookup.has(cell.toLowerCase()) ? [cell] : cell.split(/\s*[;,|]\s*/);
    for (const part of parts) {
      const found = lookup.get(part.toLowerCase());
      if (found) found.forEach((code) => codes.add(code));
      else warn(`${column} value ${JSON.stringify(part)} has no entry in terms.${column}; ignored`);
    }
  }
  return [...codes];
}

/** Hours text -> schedules; a 24/7 term without readable hours means 00:00-24:00 daily. */
function scheduleFor(text: string | null, codes: string[], timezone: string | undefined, warn: (m: string) => void) {
  const parsed = timezone ? parseHours(text, timezone) : { schedules: [] as ImportedSchedule[], unparsed: text };
  if (parsed.unparsed) warn(`hours ${JSON.stringify(parsed.unparsed)} not understood; kept as text`);
  const is247 = (s: ImportedSchedule[]) => s.length === 1 && s[0].byday.length === 7 && s[0].opens_at === '00:00' && s[0].closes_at === '24:00';
  let schedules = parsed.schedules;
  if (is247(schedules) && !codes.includes('access.open-24-7')) codes.push('access.open-24-7');
  if (codes.includes('access.open-24-7') && timezone) {
    if (!schedules.length) schedules = parseHours('24/7', timezone).schedules;
    else if (!is247(schedules)) warn('marked open 24/7 but the hours say otherwise; kept the hours');
  }
  return { schedules, text: parsed.unparsed };
}

// kept importable from here for the SAMHSA and GeoJSON parsers
export {
  emptyBatch,
  decodeText,
  encodingWarning,
  parseCsvRows,
  normalizeKeyPart,
  stableKey,
  normalizeUsZip,
  ResolvedPoint,
  resolvePoint,
  isPoBoxOnly,
  serviceLabel,
} from './parser-utils';
