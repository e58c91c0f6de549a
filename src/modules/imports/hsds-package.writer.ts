import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  HARM_REDUCTION_TAXONOMY_ID,
  HsdsAttribute,
  HsdsObject,
  HsdsPhone,
  LocationInput,
  OrganizationInput,
  ServiceAtLocationInput,
  ServiceInput,
  SourceInput,
  hasHsdsAddress,
  toHsdsProvenance,
  toHsdsLocation,
  toHsdsOrganization,
  toHsdsPhone,
  toHsdsService,
  toHsdsServiceAtLocation,
} from './hsds-export.mapper';
import { HARM_REDUCTION_TAXONOMY, HSDS_TABLES } from './hsds-tables';

/**
 * Writes our records as an HSDS 3.0 tabular package: datapackage.json plus one
 * CSV per table, in the layout of the official example (same file names,
 * columns in the official order, CRLF lines), limited to the 13 tables we use
 * (see HSDS_TABLES). Rows are the objects of hsds-export.mapper.ts flattened,
 * so the JSON and tabular exports say the same thing, and parseHsdsPackage
 * reads the package back into the same records (see the round-trip spec).
 *
 * A withheld (address_visibility 'approximate') or incomplete address is not
 * an HSDS address: what the record holds of it goes into the location's x_
 * columns (see hsds-tables.ts), never a withheld street.
 *
 * Listed in the result's `omitted`: service areas of locations no service
 * is offered at (not written: HSDS hangs service areas off services), and
 * incomplete public addresses with a street (written in x_address_1.. only,
 * so readers other than ours see no address).
 * A service_at_location's phones are written as its own (phones.csv
 * service_at_location_id), except those already written for their
 * organization, service or location (our API's merged list repeats them).
 */
export interface HsdsPackageRecords {
  organizations: OrganizationInput[];
  services: ServiceInput[];
  locations: LocationInput[];
  serviceAtLocations: ServiceAtLocationInput[];
}

export interface HsdsPackageOptions {
  /** datapackage name; the importer's default source is 'hsds:' + name */
  name?: string;
  title?: string;
  description?: string;
  /**
   * The licence of the directory's own records (those entered through its
   * API), as a Frictionless licence: name (SPDX id), title, path (URL).
   * Declared first, so an importer that takes one licence takes this one.
   */
  licence?: PackageLicence;
  /** The directory itself, declared as the package's first source. */
  publisher?: { title: string; path?: string };
}

/** A Data Package licence (https://specs.frictionlessdata.io/data-package/#licenses). */
export interface PackageLicence {
  name: string;
  title?: string;
  path?: string;
}

/** A Data Package source (title required); x_ properties: the data_source row it stands for. */
export interface PackageSource {
  title: string;
  path?: string;
  x_source_id?: string;
  x_licence?: string;
  x_attribution?: string;
}

export interface HsdsPackageResult {
  /** file names written, datapackage.json first */
  files: string[];
  /** data rows per CSV file */
  rows: Record<string, number>;
  /** what HSDS could not carry, one line per record */
  omitted: string[];
}

const CRLF = '\r\n';

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : JSON.stringify(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeHsdsPackage(dir: string, records: HsdsPackageRecords, options: HsdsPackageOptions = {}): HsdsPackageResult {
  const rows = new Map<string, HsdsObject[]>(HSDS_TABLES.map((t) => [t.name, []]));
  const add = (table: string, obj: HsdsObject) => rows.get(table)!.push(obj);
  const terms = new Map<string, HsdsObject>();
  const omitted: string[] = [];
  const phoneIds = new Set<string>();
  const addPhone = (phone: HsdsPhone) => {
    if (phoneIds.has(phone.id)) return;
    phoneIds.add(phone.id);
    add('phone', phone);
    phone.languages.forEach((l) => add('language', l));
  };
  const addAttribute = (attribute: HsdsAttribute) => {
    add('attribute', attribute);
    terms.set(attribute.taxonomy_term.id, attribute.taxonomy_term);
  };

  const sources = new Map<string, SourceInput>();
  const provenance = (record: { source?: SourceInput | null }) => {
    if (record.source) sources.set(record.source.id, record.source);
    return toHsdsProvenance(record.source);
  };

  for (const org of records.organizations) {
    const o = toHsdsOrganization(org);
    add('organization', { ...o, ...provenance(org) });
    o.phones.forEach(addPhone);
    o.attributes.forEach(addAttribute);
  }

  const locationsById = new Map(records.locations.map((l) => [l.id, l]));
  const sals = records.serviceAtLocations.map((s) => ({ ...s, location: s.location ?? locationsById.get(s.location_id) }));
  for (const service of records.services) {
    const s = toHsdsService(service, { serviceAtLocations: sals });
    add('service', { ...s, ...provenance(service) });
    s.languages.forEach((l) => add('language', l));
    s.attributes.forEach(addAttribute);
    s.phones.forEach(addPhone);
    s.service_areas.forEach((a) => add('service_area', a));
  }

  const offered = new Set(records.serviceAtLocations.map((s) => s.location_id));
  for (const location of records.locations) {
    const l = toHsdsLocation(location);
    add('location', { ...l, ...provenance(location) });
    l.addresses.forEach((a) => add('address', a));
    l.accessibility.forEach((a) => add('accessibility', a));
    l.languages.forEach((x) => add('language', x));
    l.phones.forEach(addPhone);
    l.schedules.forEach((x) => add('schedule', x));
    l.attributes.forEach(addAttribute);
    if (location.address && !hasHsdsAddress(location) && location.address_visibility !== 'approximate' && location.address.address_1) {
      // not a loss: our importer reads x_address_1.. back; other HSDS readers see no address
      omitted.push(
        `location ${location.id}: address incomplete (HSDS requires address_1, city, state_province, postal_code); written in the x_address_* columns only`,
      );
    }
    if (location.service_area && !offered.has(location.id)) {
      omitted.push(`location ${location.id}: service area not exported (HSDS service areas belong to services; none is offered here)`);
    }
  }

  for (const sal of records.serviceAtLocations) {
    const x = toHsdsServiceAtLocation({ ...sal, phones: undefined, service: undefined, location: undefined });
    add('service_at_location', { ...x, ...provenance(sal) });
    x.schedules.forEach((s) => add('schedule', s));
    (sal.phones ?? []).forEach((p) => addPhone(toHsdsPhone(p, { service_at_location_id: sal.id })));
  }

  terms.forEach((t) => add('taxonomy_term', t));
  if (terms.size > 0) add('taxonomy', { id: HARM_REDUCTION_TAXONOMY_ID, ...HARM_REDUCTION_TAXONOMY });

  mkdirSync(dir, { recursive: true });
  const result: HsdsPackageResult = { files: ['datapackage.json'], rows: {}, omitted };
  for (const table of HSDS_TABLES) {
    const header = table.fields.map((f) => f.name);
    const lines = [header.join(','), ...rows.get(table.name)!.map((obj) => header.map((h) => csvCell(obj[h])).join(','))];
    writeFileSync(join(dir, table.path), lines.join(CRLF) + CRLF);
    result.files.push(table.path);
    result.rows[table.path] = lines.length - 1;
  }
  const dataSources = [...sources.values()].sort((a, b) => a.id.localeCompare(b.id));
  const licenses = uniqueBy([...(options.licence ? [options.licence] : []), ...dataSources.map((ds) => packageLicence(ds.licence))], (l) => l.name);
  const packageSources: PackageSource[] = [
    ...(options.publisher ? [options.publisher] : []),
    ...dataSources.map((ds) => ({ title: ds.name, x_source_id: ds.id, x_licence: ds.licence, x_attribution: ds.attribution })),
  ];
  // Data Package v1 (https://specs.frictionlessdata.io/data-package/): licenses and sources need at least one item,
  // and a Table Schema's foreignKeys too (https://specs.frictionlessdata.io/table-schema/#foreign-keys), so empty lists are left out
  const datapackage = {
    name: options.name ?? 'harm-reduction-directory',
    title: options.title ?? 'Harm-reduction service directory (HSDS 3.0 export)',
    ...(options.description ? { description: options.description } : {}),
    profile: 'tabular-data-package',
    ...(licenses.length ? { licenses } : {}),
    ...(packageSources.length ? { sources: packageSources } : {}),
    resources: HSDS_TABLES.map((t) => ({
      name: t.name,
      path: t.path,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      profile: 'tabular-data-resource',
      schema: { primaryKey: 'id', fields: t.fields, ...(t.foreignKeys.length ? { foreignKeys: t.foreignKeys } : {}) },
    })),
  };
  writeFileSync(join(dir, 'datapackage.json'), JSON.stringify(datapackage, null, 2) + '\n');
  return result;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && !!seen.add(key(item)));
}

/** Licences whose text our data sources use, with their canonical links. */
const KNOWN_LICENCES: Record<string, PackageLicence> = {
  'CC-BY-4.0': { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' },
  'CC0-1.0': { name: 'CC0-1.0', title: 'Creative Commons Zero 1.0 (public domain dedication)', path: 'https://creativecommons.org/publicdomain/zero/1.0/' },
};

/**
 * A data_source licence (free text: 'CC BY 4.0', 'CC0-1.0', 'U.S. Government
 * work') -> a Data Package licence, whose name may only hold letters,
 * digits, '-', '.', '_': the text with other runs replaced by '-' ('CC BY
 * 4.0' -> the SPDX id 'CC-BY-4.0'); the title keeps the text as written.
 */
export function packageLicence(text: string): PackageLicence {
  const name =
    text
      .trim()
      .replace(/[^-a-zA-Z0-9._]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'unspecified';
  return KNOWN_LICENCES[name] ?? { name, title: text.trim() };
}
