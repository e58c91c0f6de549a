import { existsSync, readFileSync, readdirSync } from 'fs';
import { basename, isAbsolute, join, normalize } from 'path';
import { ImportBatch } from '../import-batch';
import { HSDS_EXTENSION_FIELDS, HSDS_REQUIRED_FILES, HSDS_TABLES, TableSchemaField } from '../hsds-tables';
import { mapHsdsRecords } from './hsds-records';
import { HsdsReport } from './hsds-report';
import { detectHsdsVersion, legacyPackageMessage } from './hsds-version';
import { isIanaTimeZone } from './hsds-rules';
import {
  CsvTable,
  DataPackage,
  DataPackageLicense,
  DataPackageResource,
  TableSchema,
  readCsvTable,
  validateForeignKeys,
  validateTable,
} from './hsds-table-schema';

export { HSDS_EXTENSION_FIELDS, HSDS_IMPORTED_FILES, HSDS_REQUIRED_FILES, HSDS_TABLES, HSDS_UNIMPORTED_FILES } from '../hsds-tables';

/**
 * Open Referral HSDS 3.0 tabular package (datapackage.json + CSVs) -> ImportBatch.
 *
 * Reads datapackage.json and the CSV files it declares, and checks:
 * 1. each table against its declared Table Schema: column types (string,
 *    number, integer, date, datetime, time, boolean), constraints (required,
 *    unique, enum, minimum, maximum, pattern, length), primary key uniqueness,
 *    foreign keys to the other tables of the package;
 * 2. our own rules, the database's constraints: coordinates in range, required
 *    names and descriptions, the service status vocabulary, phone number shape,
 *    weekly schedule forms (byday MO..SU, opens_at/closes_at HH:MM, a time
 *    zone), ISO 639 language codes, US ZIP codes, GeoJSON service areas, and a
 *    physical location needs coordinates and a physical address (addresses.csv,
 *    or our x_address_1.. columns), unless its address is withheld
 *    (x_address_visibility 'approximate': then the x_city.. columns give its area).
 *
 * Every violation is one `rejected` entry, e.g.
 *   "locations.csv line 2: latitude 100 is out of range [-90, 90]"
 *   "locations.csv line 2: organization_id '985e...' does not match any organization in organizations.csv"
 * (line 1 is the CSV header; line 0 the file as a whole). A rejected row is left
 * out of the batch, and so is what hangs off it (a warning says so). Whether to
 * write a batch that has rejections is the caller's decision.
 *
 * Mapping: organizations -> organizations; services (+ languages.csv,
 * phones.csv, attributes) -> services; locations (+ addresses.csv, the physical
 * one for physical sites; accessibility.csv as text; service_areas.csv GeoJSON
 * extents of the services offered there) -> locations; location_type physical
 * -> physical, postal and virtual -> virtual; service_at_location (+ schedules,
 * its own phones) -> serviceAtLocations. Attributes become our taxonomy codes when the term's
 * `code` is one of ours ('service.naloxone'); other terms are not imported.
 * Our `x_` extension columns (see hsds-tables.ts) restore what HSDS cannot say.
 */
export interface HsdsParseOptions {
  /** data_source id; default 'hsds:' + the datapackage name */
  source?: string;
  /** default: the datapackage's `licenses` (or `license`) */
  licence?: string;
  /** default: the datapackage's title and sources */
  attribution?: string;
  /**
   * false (default): problems that only lose information are warnings and the
   * rows are imported: tables, columns and taxonomy terms we cannot carry,
   * placeholder text, a UTC offset mapped to a fixed Etc/GMT zone, non-UUID
   * ids, header mismatches on optional columns.
   * true: those are rejections too (and the rows they concern are left out),
   * so a strict import without rejections is a lossless, guess-free one.
   */
  strict?: boolean;
  /** our taxonomy codes (taxonomy_term.code); default: any code of the shape service.*, access.*, transport.*, population.*, practice.* */
  taxonomyCodes?: Iterable<string>;
  /** ISO 639 codes known to iso_language; default: the shape only (2-3 lowercase letters) */
  languageCodes?: Iterable<string>;
  /** IANA zone for schedules that give none, or whose UTC offset it matches */
  defaultTimezone?: string;
}

const OUR_TERM_SHAPE = /^(service|access|transport|population|practice)(\.[a-z0-9-]+)+$/;
const PLAIN_RELATIVE_PATH = /^(?![a-z][a-z0-9+.-]*:)/i;

/** Columns whose values reach the batch; values in any other column of these tables are reported as not imported. */
const MAPPED_COLUMNS: Record<string, readonly string[]> = {
  organization: ['id', 'name', 'description', 'email', 'website'],
  // last_modified: bookkeeping, deliberately not imported (the database stamps its own)
  service: [
    'id',
    'organization_id',
    'name',
    'description',
    'url',
    'email',
    'status',
    'eligibility_description',
    'fees_description',
    'alert',
    'assured_date',
    'last_modified',
  ],
  location: ['id', 'location_type', 'organization_id', 'name', 'description', 'transportation', 'latitude', 'longitude', ...HSDS_EXTENSION_FIELDS.location],
  service_at_location: ['id', 'service_id', 'location_id', 'description'],
  address: ['id', 'location_id', 'address_1', 'address_2', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
  phone: [
    'id',
    'location_id',
    'service_id',
    'organization_id',
    'contact_id',
    'service_at_location_id',
    'number',
    'extension',
    'type',
    'description',
    ...HSDS_EXTENSION_FIELDS.phone,
  ],
  schedule: [
    'id',
    'service_id',
    'location_id',
    'service_at_location_id',
    'timezone',
    'freq',
    'interval',
    'wkst',
    'byday',
    'opens_at',
    'closes_at',
    'description',
    'notes',
    ...HSDS_EXTENSION_FIELDS.schedule,
  ],
  language: ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code'],
  accessibility: ['id', 'location_id', 'description', 'details', 'url'],
  service_area: ['id', 'service_id', 'description', 'extent', 'extent_type', ...HSDS_EXTENSION_FIELDS.service_area],
  attribute: ['id', 'link_id', 'taxonomy_term_id', 'link_entity'],
  // reference data, read to resolve attributes
  taxonomy_term: [],
  taxonomy: [],
};

export function parseHsdsPackage(dir: string, options: HsdsParseOptions = {}): ImportBatch {
  if (options.defaultTimezone !== undefined && !isIanaTimeZone(options.defaultTimezone)) {
    throw new Error(`defaultTimezone '${options.defaultTimezone}' is not an IANA time zone`);
  }
  const report = new HsdsReport(options.strict ?? false);
  const found = readDataPackage(dir, report);
  const version = detectHsdsVersion(dir, found);
  // an HSDS 1.x/2.x package read as 3.0 yields hundreds of findings that all mean "wrong version": say that once
  const pkg = version.legacy ? null : found;
  const batch: ImportBatch = {
    source: options.source ?? `hsds:${slug(pkg?.name ?? basename(dir))}`,
    licence: options.licence ?? licenceOf(pkg?.licenses?.[0] ?? pkg?.license) ?? 'unspecified',
    attribution: options.attribution ?? attributionOf(pkg, dir),
    rowsRead: 0,
    organizations: [],
    services: [],
    locations: [],
    serviceAtLocations: [],
    rejected: [],
    warnings: [],
    merged: 0,
    formatVersion: `${version.label} (${version.evidence})`,
  };
  if (version.legacy) report.reject('', 0, legacyPackageMessage(version));
  else if (!found && !existsSync(join(dir, 'datapackage.json'))) {
    report.reject('datapackage.json', 0, 'is missing: an HSDS 3.0 package declares its tables and their schemas there');
  }
  if (pkg && version.legacyFiles.length) {
    report.warn(
      'datapackage.json',
      0,
      `declares ${version.label}, but the folder also holds HSDS 1.x/2.x tables (${version.legacyFiles.join(', ')}), which 3.0 does not read: if this is an older package, convert it (README, "Importing HSDS")`,
    );
  }
  if (pkg) {
    if (!options.licence && batch.licence === 'unspecified') report.warn('datapackage.json', 0, 'declares no licence');
    const tables = loadTables(dir, pkg, report);
    batch.rowsRead = [...tables.values()].reduce((n, t) => n + t.rows.length, 0);
    const codes = options.taxonomyCodes ? new Set(options.taxonomyCodes) : null;
    const mapped = mapHsdsRecords({
      tables,
      report,
      isOurTerm: (code) => (codes ? codes.has(code) : OUR_TERM_SHAPE.test(code)),
      knownLanguages: options.languageCodes ? new Set(options.languageCodes) : null,
      defaultTimezone: options.defaultTimezone,
    });
    Object.assign(batch, mapped);
  }
  batch.rejected = report.rejected();
  batch.warnings = report.warned();
  return batch;
}

function readDataPackage(dir: string, report: HsdsReport): DataPackage | null {
  const path = join(dir, 'datapackage.json');
  if (!existsSync(path)) return null; // rejected by the caller, once it knows which version the folder holds
  try {
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as DataPackage;
    if (!Array.isArray(pkg.resources)) {
      report.reject('datapackage.json', 0, 'declares no resources');
      return null;
    }
    return pkg;
  } catch (err) {
    report.reject('datapackage.json', 0, `is not valid JSON (${(err as Error).message})`);
    return null;
  }
}

/**
 * Reads and validates every CSV resource. Returns the tables by canonical
 * HSDS resource name ('location'), matching official names or file names.
 */
function loadTables(dir: string, pkg: DataPackage, report: HsdsReport): Map<string, CsvTable> {
  const byDeclaredName = new Map<string, CsvTable>();
  const byCanonicalName = new Map<string, CsvTable>();
  const resources = (pkg.resources ?? []).filter((r): r is DataPackageResource & { path: string | string[] } => !!r.path);
  const files = resources.map((r) => (Array.isArray(r.path) ? r.path[0] : r.path));
  report.setFileOrder(files);

  resources.forEach((resource, i) => {
    const file = files[i];
    const declaredName = resource.name ?? basename(file, '.csv');
    if (Array.isArray(resource.path) && resource.path.length > 1) report.loss(file, 0, 'only the first file of a multi-file resource is read');
    if (isAbsolute(file) || normalize(file).startsWith('..') || !PLAIN_RELATIVE_PATH.test(file)) {
      report.reject(file, 0, 'path must be a file inside the package folder');
      return;
    }
    const spec = HSDS_TABLES.find((t) => t.name === declaredName || t.path === basename(file));
    const canonical = spec?.name ?? declaredName;
    const filePath = join(dir, file);
    if (!existsSync(filePath)) {
      if ((HSDS_REQUIRED_FILES as readonly string[]).includes(basename(file))) report.reject(file, 0, 'is declared in datapackage.json but missing');
      else report.warn(file, 0, 'is declared in datapackage.json but missing');
      return;
    }
    const schema = schemaOf(dir, resource, file, spec?.fields, report);
    const table = readCsvTable(filePath, canonical, file, schema ?? { fields: [] }, report, resource.dialect?.delimiter);
    if (schema) validateTable(table, report);
    byDeclaredName.set(declaredName, table);
    byCanonicalName.set(canonical, table);
    checkContent(table, report);
  });

  for (const required of HSDS_REQUIRED_FILES) {
    if (!files.some((f) => basename(f) === required)) report.reject(required, 0, 'is required but not declared in datapackage.json');
  }
  for (const extra of readdirSync(dir).filter((f) => f.endsWith('.csv') && !files.some((d) => basename(d) === f))) {
    report.warn(extra, 0, 'is not declared in datapackage.json; ignored');
  }
  validateForeignKeys(byDeclaredName, report);
  return byCanonicalName;
}

function schemaOf(dir: string, resource: DataPackageResource, file: string, official: TableSchemaField[] | undefined, report: HsdsReport): TableSchema | null {
  if (typeof resource.schema === 'object' && Array.isArray(resource.schema.fields)) return resource.schema;
  if (typeof resource.schema === 'string' && !isAbsolute(resource.schema) && !normalize(resource.schema).startsWith('..')) {
    try {
      return JSON.parse(readFileSync(join(dir, resource.schema), 'utf8')) as TableSchema;
    } catch (err) {
      report.reject(file, 0, `its Table Schema ${resource.schema} cannot be read (${(err as Error).message})`);
      return null;
    }
  }
  if (official) {
    report.loss(file, 0, 'declares no Table Schema; validated against the official HSDS 3.0 one');
    return { fields: official, primaryKey: 'id' };
  }
  report.loss(file, 0, 'declares no Table Schema; not validated');
  return null;
}

/** Placeholder text, unimported tables and columns: information a person should know is not coming through. */
function checkContent(table: CsvTable, report: HsdsReport): void {
  const { file, rows, header, name } = table;
  for (const row of rows) {
    for (const column of header) {
      const value = row.cells[column];
      if (value && value.trim().toLowerCase() === column.toLowerCase()) {
        report.loss(file, row.line, `${column} '${value}' looks like placeholder text`);
      }
    }
  }
  const mapped = MAPPED_COLUMNS[name];
  if (!mapped) {
    if (rows.length > 0) report.loss(file, 0, `${rows.length} row(s) not imported: ImportBatch has no place for HSDS ${name}`);
    return;
  }
  if (mapped.length === 0) return;
  const unmapped = header.filter((c) => !mapped.includes(c) && rows.some((r) => r.cells[c]?.trim()));
  if (unmapped.length > 0) report.loss(file, 1, `column(s) ${unmapped.join(', ')} not imported`);
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9:._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 90) || 'package'
  );
}

function licenceOf(licence: DataPackageLicense | undefined): string | null {
  if (!licence) return null;
  const label = licence.title ?? licence.name ?? licence.type;
  const link = licence.path ?? licence.url;
  return label && link ? `${label} (${link})` : (label ?? link ?? null);
}

function attributionOf(pkg: DataPackage | null, dir: string): string {
  const title = pkg?.title ?? pkg?.name ?? basename(dir);
  const by = [...(pkg?.sources ?? []), ...(pkg?.contributors ?? [])].map((s) => s.title).filter(Boolean);
  return by.length ? `${title} (${by.join(', ')})` : title;
}
