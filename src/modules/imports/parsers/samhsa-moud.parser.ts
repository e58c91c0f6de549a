import { ImportBatch, ImportWarning, RejectedRow } from '../import-batch';
import { decodeText, emptyBatch, encodingWarning, normalizeKeyPart, normalizeUsZip, parseCsvRows, resolvePoint, serviceLabel, stableKey } from './csv.parser';

/**
 * SAMHSA Treatment Locator MOUD sites, September 2020, as cleaned by the
 * Opioid Environment Policy Scan (samhsa-moud-2020/moud-sites.csv).
 *
 * The file has one row per site and medication; this makes one organization
 * and one location per site, offering one service per medication
 * (service.moud.buprenorphine / .methadone / .naltrexone).
 *
 * Site key: name1 + street1 + city + state + ZIP (5 digits), each lowercased
 * with punctuation and repeated spaces dropped ("Daymark Recovery  Services"
 * is "Daymark Recovery Services"). Rows under one key with different name2
 * (program names at one address: "Residential", "Outpatient Services") are
 * one location: a single name2 becomes a suffix of the location name, several
 * are listed in its description.
 *
 * Quirks handled:
 * - the column labelled Longitude holds the latitude and Latitude holds the
 *   longitude; the 15th, unnamed column repeats the latitude (used only when
 *   Longitude is NA). A row that is the right way round (a latitude-like value
 *   under Latitude and a value below -60 under Longitude) is read as such, with
 *   a warning, so a corrected file imports too;
 * - nulls are the string NA;
 * - ZIPs lost leading zeros (1441 -> 01441, 736 -> 00736);
 * - `category` reads naltrexone/vivitrol, not naltrexone;
 * - zip4 is ignored: it lost its zeros too and sometimes holds a PO box number
 *   ("P.O. Box 724" -> zip4 724), so it cannot be trusted to form a ZIP+4;
 * - rows repeating a site and medication (different name2 or street2, or
 *   byte-for-byte) add nothing but a program name; they count as merged.
 * Missing or invalid coordinates fall back to the ZIP centroid
 * (coordinates_approximate, warning); without one the row is rejected.
 */
export const SAMHSA_MOUD_SOURCE = {
  source: 'samhsa-moud-2020',
  licence: 'Public domain (US federal data)',
  attribution: 'SAMHSA Treatment Locator via the Opioid Environment Policy Scan (OEPS)',
};

const MEDICATIONS: Record<string, Medication> = {
  buprenorphine: 'buprenorphine',
  methadone: 'methadone',
  naltrexone: 'naltrexone',
  'naltrexone/vivitrol': 'naltrexone',
};
type Medication = 'buprenorphine' | 'methadone' | 'naltrexone';

/** Freely associated states: USPS ZIPs, but not the US (ISO 3166-1 country code). */
const NOT_US = new Set(['PW', 'FM', 'MH']);
const REQUIRED = ['name1', 'name2', 'street1', 'street2', 'city', 'state', 'zip', 'category', 'Longitude', 'Latitude'];

interface MoudRow {
  line: number;
  key: string;
  name1: string;
  name2: string | null;
  street1: string;
  street2: string | null;
  city: string;
  state: string;
  zip: string | null;
  medication: Medication;
  latitude: number;
  longitude: number;
  approximate: boolean;
}

export function parseSamhsaMoud(csv: string | Buffer): ImportBatch {
  const text = decodeText(csv);
  const batch = emptyBatch(SAMHSA_MOUD_SOURCE);
  const encoding = encodingWarning(text);
  if (encoding) batch.warnings.push(encoding);
  const rows = parseCsvRows(text);
  if (!rows.length) return batch;
  const column = columnIndex(rows[0].record);
  const sites = new Map<string, MoudRow[]>();
  for (const { record, line } of rows.slice(1)) {
    batch.rowsRead++;
    const row = readRow(record, line, column, batch.warnings, batch.rejected);
    if (!row) continue;
    const site = sites.get(row.key);
    if (site) site.push(row);
    else sites.set(row.key, [row]);
  }
  for (const site of sites.values()) emitSite(site, batch);
  batch.merged = batch.rowsRead - batch.rejected.length - sites.size;
  return batch;
}

function columnIndex(header: string[]): (name: string) => number {
  const names = header.map((h) => h.trim());
  const missing = REQUIRED.filter((n) => !names.includes(n));
  if (missing.length) throw new Error(`not the SAMHSA MOUD file: no column ${missing.join(', ')} in header ${names.join(',')}`);
  // the unnamed 15th column (repeated latitude) is the first empty header after Latitude
  const repeat = names.indexOf('', names.indexOf('Latitude'));
  return (name) => (name === 'latitudeRepeat' ? repeat : names.indexOf(name));
}

function readRow(record: string[], line: number, column: (name: string) => number, warnings: ImportWarning[], rejected: RejectedRow[]): MoudRow | null {
  const get = (name: string): string | null => {
    const i = column(name);
    const v = i < 0 ? undefined : record[i]?.trim();
    return !v || v === 'NA' ? null : v;
  };
  const reject = (reason: string) => (rejected.push({ line, reason }), null);
  const [name1, street1, city, state] = [get('name1'), get('street1'), get('city'), get('state')];
  const missing = Object.entries({ name1, street1, city, state })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) return reject(`missing ${missing.join(', ')}`);
  const category = get('category');
  const medication = MEDICATIONS[(category ?? '').toLowerCase()];
  if (!medication) return reject(`category ${JSON.stringify(category)} is not buprenorphine, methadone or naltrexone`);
  const rawZip = get('zip');
  const zip = normalizeUsZip(rawZip);
  if (rawZip && !zip) warnings.push({ line, message: `ZIP ${JSON.stringify(rawZip)} is not a US ZIP code; left empty` });

  const [lat, lon] = orient(get('Longitude') ?? get('latitudeRepeat'), get('Latitude'), line, warnings);
  const point = resolvePoint(lat, lon, zip);
  if (point.latitude === null || point.longitude === null) return reject(`${point.reason}, and no ZIP centroid to fall back on (ZIP ${rawZip ?? 'NA'})`);
  if (point.reason) warnings.push({ line, message: `${point.reason}; placed at the centroid of ZIP ${zip} (approximate)` });

  const key = stableKey([name1, street1, city, state, zip ?? rawZip]);
  return {
    line,
    key,
    name1: name1!,
    name2: get('name2'),
    street1: street1!,
    street2: get('street2'),
    city: city!,
    state: state!.toUpperCase(),
    zip,
    medication,
    latitude: point.latitude,
    longitude: point.longitude,
    approximate: point.approximate,
  };
}

/**
 * [latitude, longitude] from the (swapped) Longitude and Latitude columns.
 * No US or territorial latitude is below -60, so a value that low under
 * "Longitude" means this row is the right way round.
 */
function orient(underLongitude: string | null, underLatitude: string | null, line: number, warnings: ImportWarning[]): [string | null, string | null] {
  const a = Number(underLongitude);
  const b = Number(underLatitude);
  if (underLongitude !== null && underLatitude !== null && a < -60 && b > 0 && b < 72) {
    warnings.push({ line, message: 'Longitude/Latitude columns are not swapped on this row (unlike the rest of the file); read as labelled' });
    return [underLatitude, underLongitude];
  }
  return [underLongitude, underLatitude];
}

function emitSite(rows: MoudRow[], batch: ImportBatch): void {
  const first = rows[0];
  const key = first.key;
  const programs = distinct(rows.map((r) => r.name2));
  const suites = distinct(rows.map((r) => r.street2));
  const point = rows.find((r) => !r.approximate) ?? first;
  batch.organizations.push({
    external_id: key,
    name: first.name1,
    description: 'Listed in the SAMHSA Behavioral Health Treatment Services Locator (September 2020) as offering medications for opioid use disorder.',
  });
  batch.locations.push({
    external_id: key,
    organization_external_id: key,
    location_type: 'physical',
    name: programs.length === 1 ? `${first.name1} - ${programs[0]}` : first.name1,
    description: programs.length > 1 ? `Programs at this address: ${programs.join('; ')}.` : null,
    latitude: point.latitude,
    longitude: point.longitude,
    coordinates_approximate: point.approximate,
    address_1: first.street1,
    address_2: suites.length ? suites.join('; ') : null,
    city: first.city,
    state_province: first.state,
    postal_code: first.zip,
    country: NOT_US.has(first.state) ? first.state : 'US',
  });
  const medications = (['buprenorphine', 'methadone', 'naltrexone'] as const).filter((m) => rows.some((r) => r.medication === m));
  for (const medication of medications) {
    const code = `service.moud.${medication}`;
    const external_id = `${key}:${medication}`;
    batch.services.push({
      external_id,
      organization_external_id: key,
      name: serviceLabel(code),
      description: `Medication for opioid use disorder: ${medication}.`,
      status: 'active',
      attributes: [code],
    });
    batch.serviceAtLocations.push({ service_external_id: external_id, location_external_id: key });
  }
}

/** Non-empty values, first spelling kept, compared without case or punctuation. */
function distinct(values: (string | null)[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (v && !seen.has(normalizeKeyPart(v))) seen.set(normalizeKeyPart(v), v);
  return [...seen.values()];
}
