import { ImportBatch } from '../import-batch';
import { CsvColumns, CsvMapping, decodeText, emptyBatch, mapRecords, SourceRecord } from './csv.parser';

/**
 * GeoJSON FeatureCollection import, e.g. the Dallas County naloxone map
 * (dallas-naloxone-2026/naloxone_locations.geojson). Each feature's properties
 * become a record mapped exactly like a spreadsheet row (csv.parser.ts), with
 * the Point geometry filling the latitude/longitude columns; so a GeoJSON file
 * converted to CSV imports the same with docs/import-mapping.example.json.
 *
 * Default mapping (DALLAS_STYLE_MAPPING), property -> field:
 *   name -> organization and location name      address -> address_1
 *   city -> city        zip -> postal_code (ZIP+4 kept)     state: none in the data,
 *   'TX' comes from the mapping option defaultState
 *   external id = hash of name + address (stable across re-exports; the feature
 *   index is not: a new feature would shift every later one)
 *   hours_raw -> schedules via parseHours (America/Chicago); text it cannot read
 *   stays in hours_text with a warning ("hours based on trainings")
 *   access_247 true -> access.open-24-7 and a 00:00-24:00 daily schedule
 *   verified_on -> service assured_date
 *   mobile true, or a null geometry -> location_type 'mobile' (with
 *   transport.mobile-outreach); no point is invented for it and no
 *   service_area either (the source has none) - see the warning it gets
 *   source, geocode_method, category -> not used for fields (category only
 *   backs up type, below)
 *
 * type -> taxonomy, decided from the values in the file. All 27 non-OTP
 * features are Texas DSHS naloxone access points (the ArcGIS "NarcanSites"
 * layer), so every one offers naloxone. (access.no-prescription-needed is
 * left out: a row's access codes go on all its services, and it would also
 * land on peer support; the file does not say it either.)
 *   "Freestanding Dispenser" (5 self-serve boxes, e.g. in a community center
 *     and at gas stations) -> service.naloxone.vending-machine
 *   "Private Entity" (16 bars, stores, cafes that hand it out) -> service.naloxone.distribution
 *   "Community Health Clinic" (1), "Risk Reduction Group" (1, the mobile DFW
 *     Harm Reduction Access Movement) -> service.naloxone.distribution
 *   "Recovery Support Services" (4) -> service.naloxone.distribution + service.peer-support
 *   "Opioid Treatment Program (OTP)" (13, FindTreatment.gov) -> service.moud.methadone
 * category is the file author's own grouping, inferred from organization-name
 * keywords (its notes say so), so it adds nothing but the two codes it states
 * outright: otp_methadone -> service.moud.methadone, recovery_services ->
 * service.peer-support. harm_reduction, nightlife_venue, storefront_dispenser
 * and health_clinic describe the venue, not a service: no code.
 */
export type GeoJsonMapping = Partial<Omit<CsvMapping, 'columns'>> & { columns?: Partial<CsvColumns> };

export const DALLAS_STYLE_MAPPING: CsvMapping = {
  source: 'dallas-naloxone-2026',
  licence: 'CC BY 4.0',
  attribution: 'SaveSpots National Harm Reduction Program',
  timezone: 'America/Chicago',
  country: 'US',
  defaultState: 'TX',
  strict: false,
  columns: {
    externalId: ['name', 'address'],
    organizationName: 'name',
    address1: 'address',
    city: 'city',
    zip: 'zip',
    latitude: 'latitude',
    longitude: 'longitude',
    hours: 'hours_raw',
    assuredDate: 'verified_on',
    mobile: 'mobile',
  },
  terms: {
    type: {
      'Freestanding Dispenser': ['service.naloxone.vending-machine'],
      'Private Entity': ['service.naloxone.distribution'],
      'Community Health Clinic': ['service.naloxone.distribution'],
      'Risk Reduction Group': ['service.naloxone.distribution'],
      'Recovery Support Services': ['service.naloxone.distribution', 'service.peer-support'],
      'Opioid Treatment Program (OTP)': ['service.moud.methadone'],
    },
    category: {
      otp_methadone: ['service.moud.methadone'],
      recovery_services: ['service.peer-support'],
      harm_reduction: [],
      nightlife_venue: [],
      storefront_dispenser: [],
      health_clinic: [],
    },
    access_247: { true: ['access.open-24-7'], false: [] },
  },
  constantTerms: [],
};

export const DEFAULT_GEOJSON_MAPPING = DALLAS_STYLE_MAPPING;

interface Feature {
  type?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/**
 * Options override the Dallas defaults field by field (columns merged too);
 * a file from another state must set defaultState or a state column.
 * Line numbers are 1-based feature positions in `features`.
 */
export function parseGeoJson(json: string | Buffer, mapping?: GeoJsonMapping): ImportBatch {
  const m: CsvMapping = {
    ...DALLAS_STYLE_MAPPING,
    ...mapping,
    columns: { ...DALLAS_STYLE_MAPPING.columns, ...mapping?.columns },
  };
  const features = readFeatures(json);
  const batch = emptyBatch(m);
  const records: SourceRecord[] = [];
  features.forEach((feature, i) => {
    const record = toRecord(feature, i + 1, m);
    if ('reason' in record) batch.rejected.push({ line: i + 1, reason: record.reason });
    else records.push(record);
  });
  const mapped = mapRecords(records, m);
  return {
    ...mapped,
    rowsRead: features.length,
    rejected: [...batch.rejected, ...mapped.rejected].sort((a, b) => a.line - b.line),
  };
}

function readFeatures(json: string | Buffer): Feature[] {
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(json));
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error('expected a GeoJSON FeatureCollection with a features array');
  }
  return fc.features as Feature[];
}

/** A JSON value as text: null -> "", true -> "true", objects and arrays as JSON. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Properties as text (true -> "true", null -> ""), plus the point in the mapped coordinate columns. */
function toRecord(feature: Feature, line: number, m: CsvMapping): SourceRecord | { reason: string } {
  if (feature?.type !== 'Feature') return { reason: 'not a GeoJSON Feature' };
  const values: Record<string, string> = {};
  for (const [key, v] of Object.entries(feature.properties ?? {})) {
    values[key] = cellText(v);
  }
  const geometry = feature.geometry ?? null;
  if (geometry === null) return { line, values, mobile: true };
  if (geometry.type !== 'Point' || !Array.isArray(geometry.coordinates)) {
    return { reason: `geometry ${String(geometry.type)} is not supported (only Point, or null for a mobile program)` };
  }
  const [lon, lat] = geometry.coordinates as unknown[];
  if (m.columns.latitude && m.columns.longitude) {
    values[m.columns.latitude] = cellText(lat);
    values[m.columns.longitude] = cellText(lon);
  }
  return { line, values };
}
