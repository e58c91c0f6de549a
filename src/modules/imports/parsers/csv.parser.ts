import { createHash } from 'crypto';
import { parse } from 'csv-parse/sync';
import {
  ImportBatch,
  ImportedLocation,
  ImportedOrganization,
  ImportedPhone,
  ImportedSchedule,
  ImportWarning,
} from '../import-batch';
import { lookupUsZip } from '../../search/postal-codes';
import { parseHours } from './hours.parser';

/**
 * Spreadsheet import: any CSV export plus a small mapping (a JSON file, see
 * docs/import-mapping.example.json). The same record mapper also serves the
 * GeoJSON parser, whose features become records of their properties.
 *
 * One row = one site: an organization, one location and one service per
 * `service.*` taxonomy code the row maps to. Rows that share an external id
 * are merged (their taxonomy codes combined), so "one row per service" sheets
 * work too. Shared low-level helpers (ZIP, coordinates, keys, text decoding)
 * live here as well and are used by the SAMHSA parsers.
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
  phone?: string;
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
  'externalId', 'organizationName', 'locationName', 'description', 'address1', 'address2', 'city', 'state',
  'zip', 'latitude', 'longitude', 'phone', 'website', 'email', 'hours', 'languages', 'assuredDate', 'mobile',
];
const MAPPING_KEYS = [
  'source', 'licence', 'attribution', 'timezone', 'country', 'defaultState', 'strict', 'nullValues',
  'columns', 'terms', 'constantTerms',
];

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
    throw new Error(`mapping is not valid JSON: ${(e as Error).message}`);
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

const isComment = (key: string) => key.startsWith('$');

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
    problems.push(code.startsWith('principle.')
      ? `'${code}': principles are not attached directly; map to the practice.* codes that enact them`
      : `'${code}' is not a taxonomy code (service.*, access.*, transport.*, population.* or practice.*, lowercase, dot-separated; see docs/taxonomy.md)`);
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
  const sites = new Map<string, Site>();
  for (const record of records) {
    const site = mapRecord(record, mapping, batch);
    if (!site) continue;
    const first = sites.get(site.key);
    if (!first) {
      sites.set(site.key, site);
      continue;
    }
    batch.merged++;
    first.codes = [...new Set([...first.codes, ...site.codes])];
    if (site.fingerprint !== first.fingerprint) {
      const message = `same external id as line ${first.line} with other details; kept line ${first.line}'s details and combined the taxonomy codes`;
      batch.warnings.push({ line: record.line, message });
    }
  }
  for (const site of sites.values()) emitSite(site, batch);
  return batch;
}

/** One row, checked and normalized; the batch entries are built once rows are merged. */
interface Site {
  key: string;
  line: number;
  codes: string[];
  organization: ImportedOrganization;
  location: ImportedLocation;
  assuredDate: string | null;
  languages: string[];
  fingerprint: string;
}

function mapRecord(record: SourceRecord, m: CsvMapping, batch: ImportBatch): Site | null {
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
    address_1: get(c.address1), address_2: get(c.address2), city: get(c.city),
    state_province: get(c.state) ?? m.defaultState ?? null, postal_code: zip, country,
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
    warn('mobile program with no point and no service area: the location table needs one of the two for a non-physical location, so add a service_area before writing this record');
  }
  let approximate = point.approximate;
  if (!mobile && isPoBoxOnly(address.address_1)) {
    approximate = true;
    warn(`address ${JSON.stringify(address.address_1)} is a PO box: the point is probably the post office, not the site; marked approximate`);
  }
  if (!codes.some((code) => code.startsWith('service.'))) return reject('no service.* taxonomy code from terms or constantTerms');

  const hours = scheduleFor(get(c.hours), codes, m.timezone, warn);
  const organization: ImportedOrganization = {
    external_id: key, name, description: get(c.description) ?? '',
    website: checked(get(c.website), normalizeUrl, 'website', warn),
    email: checked(get(c.email), (v) => (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? v : null), 'email', warn),
    phones: phonesOf(get(c.phone), warn),
  };
  const location: ImportedLocation = {
    external_id: key, organization_external_id: key, location_type: mobile ? 'mobile' : 'physical',
    name: get(c.locationName) ?? name, ...address,
    latitude: point.latitude, longitude: point.longitude, coordinates_approximate: approximate,
    schedules: hours.schedules, hours_text: hours.text,
  };
  const assuredDate = checked(get(c.assuredDate), normalizeDate, 'verified date', warn);
  const languages = languagesOf(get(c.languages), warn);
  const fingerprint = JSON.stringify([organization, location, assuredDate, languages]);
  return { key, line, codes, organization, location, assuredDate, languages, fingerprint };
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

function emitSite(site: Site, batch: ImportBatch): void {
  const { key, codes } = site;
  const serviceCodes = codes.filter((c) => c.startsWith('service.')).sort();
  const shared = codes.filter((c) => c.startsWith('access.') || c.startsWith('population.')).sort();
  const transport = codes.filter((c) => c.startsWith('transport.'));
  if (site.location.location_type === 'mobile') transport.push('transport.mobile-outreach');
  const practices = codes.filter((c) => c.startsWith('practice.')).sort();
  batch.organizations.push({ ...site.organization, ...(practices.length ? { attributes: practices } : {}) });
  batch.locations.push({ ...site.location, attributes: [...new Set(transport)].sort(), languages: site.languages });
  // languages sit on the location (the row describes a site); url stays on the organization
  for (const code of serviceCodes) {
    const external_id = `${key}:${code}`;
    batch.services.push({
      external_id, organization_external_id: key, name: serviceLabel(code), status: 'active',
      assured_date: site.assuredDate, attributes: [code, ...shared],
    });
    batch.serviceAtLocations.push({ service_external_id: external_id, location_external_id: key });
  }
}

// ---------------------------------------------------------------- shared helpers

export function emptyBatch(m: { source: string; licence: string; attribution: string }): ImportBatch {
  return {
    source: m.source, licence: m.licence, attribution: m.attribution, rowsRead: 0, organizations: [],
    services: [], locations: [], serviceAtLocations: [], rejected: [], warnings: [], merged: 0,
  };
}

/** Bytes are UTF-8 when they decode as such, else Latin-1 (the SAMHSA OTP file is Latin-1). */
export function decodeText(input: string | Buffer): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return input.toString('latin1');
  }
}

/** U+FFFD in a string means bytes were decoded with the wrong encoding before they reached us. */
export function encodingWarning(text: string): ImportWarning | null {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return null;
  const line = text.slice(0, at).split('\n').length;
  return { line, message: 'text holds U+FFFD replacement characters: it was decoded with the wrong encoding; pass the raw bytes (Buffer)' };
}

/** CSV records with the 1-based line each starts on (header = line 1; blank lines skipped but counted). */
export function parseCsvRows(text: string): { record: string[]; line: number }[] {
  const rows = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  // info.lines is where a record ends (csv-parse counts a CR LF inside quotes twice)
  return rows.map(({ record, info }) => ({
    record,
    line: info.lines - record.reduce((n, field) => n + (field.match(/[\r\n]/g)?.length ?? 0), 0),
  }));
}

/** Lowercase, accents and punctuation dropped, spaces collapsed: "Daymark Recovery  Services" = "daymark recovery services". */
export function normalizeKeyPart(value: string | null | undefined): string {
  return (value ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A short opaque id for a list of values (each normalized), stable across re-imports. */
export function stableKey(parts: (string | null | undefined)[]): string {
  return createHash('sha256').update(parts.map(normalizeKeyPart).join('|')).digest('hex').slice(0, 24);
}

/** "1441" -> "01441", "736" -> "00736", "752112416" / "75211-2416" kept as ZIP+4; null if not a ZIP. */
export function normalizeUsZip(raw: string | null | undefined): string | null {
  const m = /^(\d{1,5})(?:-?(\d{4}))?$/.exec((raw ?? '').trim());
  if (!m || (m[2] && m[1].length !== 5) || /^0+$/.test(m[1])) return null;
  return m[1].padStart(5, '0') + (m[2] ? `-${m[2]}` : '');
}

export interface ResolvedPoint {
  latitude: number | null;
  longitude: number | null;
  approximate: boolean;
  /** why the given coordinates were not used (then the point, if any, is the ZIP centroid) */
  reason: string | null;
}

/** The given point when it is a real coordinate pair, else the ZIP centroid (approximate). */
export function resolvePoint(lat: string | null, lon: string | null, zip: string | null): ResolvedPoint {
  const [y, x] = [Number(lat), Number(lon)];
  const given = lat !== null && lon !== null && lat !== '' && lon !== '';
  const valid = given && Number.isFinite(y) && Number.isFinite(x) && Math.abs(y) <= 90 && Math.abs(x) <= 180 && !(y === 0 && x === 0);
  if (valid) return { latitude: y, longitude: x, approximate: false, reason: null };
  const reason = given ? `invalid coordinates (${lat}, ${lon})` : 'no coordinates';
  const centroid = zip ? lookupUsZip(zip) : null;
  return centroid
    ? { latitude: centroid.latitude, longitude: centroid.longitude, approximate: true, reason }
    : { latitude: null, longitude: null, approximate: false, reason };
}

export function isPoBoxOnly(address: string | null | undefined): boolean {
  return /^p\.?\s*o\.?\s*box\s+[\w-]+\.?$/i.test((address ?? '').trim());
}

/** "service.moud.methadone" -> "Methadone treatment"; other codes read from their last part. */
export function serviceLabel(code: string): string {
  const named: Record<string, string> = {
    'service.moud.buprenorphine': 'Buprenorphine treatment', 'service.moud.methadone': 'Methadone treatment',
    'service.moud.naltrexone': 'Naltrexone treatment', 'service.moud.telehealth-prescribing': 'MOUD by telehealth',
    'service.naloxone.distribution': 'Naloxone distribution', 'service.naloxone.vending-machine': 'Naloxone vending machine',
    'service.naloxone.by-mail': 'Naloxone by mail', 'service.testing-and-prevention.hiv-testing': 'HIV testing',
    'service.testing-and-prevention.hcv-testing': 'Hepatitis C (HCV) testing', 'service.testing-and-prevention.prep': 'PrEP for HIV prevention',
  };
  const words = code.split('.').pop()!.replace(/-/g, ' ');
  return named[code] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

function checked(value: string | null, normalize: (v: string) => string | null, what: string, warn: (m: string) => void) {
  if (value === null) return null;
  const result = normalize(value);
  if (result === null) warn(`${what} ${JSON.stringify(value)} is not valid; left empty`);
  return result;
}

function normalizeUrl(v: string): string | null {
  if (/^https?:\/\/\S+$/i.test(v)) return v;
  return /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(v) ? `https://${v}` : null;
}

/** YYYY-MM-DD (or an ISO timestamp, or M/D/YYYY) -> YYYY-MM-DD. */
function normalizeDate(v: string): string | null {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const iso = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : v.slice(0, 10);
  const d = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/** "(214) 555-0100 x12; 214-555-0101" -> phones the phone table accepts. */
function phonesOf(cell: string | null, warn: (m: string) => void): ImportedPhone[] {
  const phones: ImportedPhone[] = [];
  for (const part of (cell ?? '').split(/\s*[;|]\s*/).filter(Boolean)) {
    const ext = /\s*(?:x|ext\.?|extension)\s*(\d+)\s*$/i.exec(part);
    const raw = ext ? part.slice(0, ext.index) : part;
    const digits = raw.replace(/\D/g, '');
    const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
    const number = national.length === 10 ? `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`
      : /^\+?[0-9][0-9 ().-]{2,}$/.test(raw.trim()) ? raw.trim() : null;
    if (number) phones.push({ number, type: 'voice', extension: ext ? ext[1] : null });
    else warn(`phone ${JSON.stringify(part)} is not a phone number; left out`);
  }
  return phones;
}

/** ISO 639-1 codes ICU knows, minus deprecated ones (in, iw, ...) that iso_language does not hold. */
const LANGUAGE_CODES = new Map<string, string>();
(() => {
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  const deprecated = new Set(['bh', 'in', 'iw', 'ji', 'jw', 'mo', 'sh']);
  for (let a = 97; a < 123; a++) {
    for (let b = 97; b < 123; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !deprecated.has(code)) LANGUAGE_CODES.set(name.toLowerCase(), code).set(code, code);
    }
  }
  // ISO 639-3 codes in iso_language, common names, and FindTreatment.gov codes
  const extra: Record<string, string> = {
    ase: 'ase', asl: 'ase', 'american sign language': 'ase', 'sign language': 'ase', lkt: 'lkt', lakota: 'lkt',
    haw: 'haw', hawaiian: 'haw', chk: 'chk', chuukese: 'chk', yue: 'yue', cantonese: 'yue', cmn: 'cmn',
    mandarin: 'cmn', hmn: 'hmn', hmong: 'hmn', ilo: 'ilo', ilocano: 'ilo', ceb: 'ceb', cebuano: 'ceb',
    chr: 'chr', cherokee: 'chr', esu: 'esu', yupik: 'esu', tagalog: 'tl', farsi: 'fa', creole: 'ht',
    sp: 'es', f17: 'zh', f19: 'ht', f92: 'vi', f4: 'ar', f70: 'ru', n23: 'nv',
  };
  for (const [k, v] of Object.entries(extra)) LANGUAGE_CODES.set(k, v);
})();

function languagesOf(cell: string | null, warn: (m: string) => void): string[] {
  const codes = new Set<string>();
  for (const part of (cell ?? '').split(/\s*[,;/|]\s*/).filter(Boolean)) {
    const code = LANGUAGE_CODES.get(part.toLowerCase());
    if (code) codes.add(code);
    else warn(`language ${JSON.stringify(part)} not recognised; left out`);
  }
  return [...codes];
}

function isTimeZone(tz: unknown): boolean {
  if (typeof tz !== 'string' || !(tz === 'UTC' || /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(tz))) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Unknown keys are typos ("colums"); keys starting with $ are comments. */
function unknownKeys(o: Record<string, unknown>, allowed: readonly string[], where: string, problems: string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key) && !isComment(key)) problems.push(`${where}: unknown key "${key}"`);
  }
}
