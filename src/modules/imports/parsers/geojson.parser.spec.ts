import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { ImportBatch } from '../import-batch';
import { DALLAS_STYLE_MAPPING, parseGeoJson } from './geojson.parser';
import { SHARED, taxonomyCodes } from '../../../../test/support/shared-docs';
import { describeIf, skippedBecause } from '../../../../test/support/skips';

const FILE = path.join(SHARED, 'data/dallas-naloxone-2026/naloxone_locations.geojson');
const TAXONOMY = path.join(SHARED, 'docs/taxonomy.md');

const feature = (properties: Record<string, unknown>, coordinates: [number, number] | null = [-96.8, 32.78]) => ({
  type: 'Feature',
  properties: {
    name: 'Site',
    address: '1 Elm St',
    city: 'Dallas',
    zip: '75226',
    type: 'Private Entity',
    category: 'harm_reduction',
    access_247: false,
    hours_raw: null,
    verified_on: '2026-02-12',
    mobile: false,
    ...properties,
  },
  geometry: coordinates && { type: 'Point', coordinates },
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('parseGeoJson on small inputs', () => {
  it('maps a feature to an organization, a location with its hours and a service per code', () => {
    const batch = parseGeoJson(collection(feature({ type: 'Recovery Support Services', category: 'recovery_services', hours_raw: 'M-F: 8a-5p' })));
    const [loc] = batch.locations;
    expect([loc.latitude, loc.longitude, loc.state_province, loc.postal_code]).toEqual([32.78, -96.8, 'TX', '75226']);
    expect(loc.schedules).toEqual([{ byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '08:00', closes_at: '17:00', timezone: 'America/Chicago' }]);
    expect(batch.services.map((s) => [s.name, s.attributes, s.assured_date])).toEqual([
      ['Naloxone distribution', ['service.naloxone.distribution'], '2026-02-12'],
      ['Peer support', ['service.peer-support'], '2026-02-12'],
    ]);
    expect(batch.source).toBe('dallas-naloxone-2026');
  });

  it('turns access_247 into access.open-24-7 and a 24/7 schedule, even without hours', () => {
    const batch = parseGeoJson(collection(feature({ type: 'Freestanding Dispenser', access_247: true })));
    expect(batch.locations[0].schedules).toEqual([
      { byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens_at: '00:00', closes_at: '24:00', timezone: 'America/Chicago' },
    ]);
    expect(batch.services[0].attributes).toEqual(['service.naloxone.vending-machine', 'access.open-24-7']);
  });

  it('makes a null geometry a mobile location without a point, and says what the schema will need', () => {
    const batch = parseGeoJson(collection(feature({ address: null, zip: null, mobile: true }, null)));
    expect(batch.locations[0]).toMatchObject({ location_type: 'mobile', latitude: null, longitude: null, attributes: ['transport.mobile-outreach'] });
    expect(batch.warnings).toEqual([{ line: 1, message: expect.stringMatching(/service_area/) }]);
  });

  it('keys records by name + address, not position, and takes options over the Dallas defaults', () => {
    const a = feature({ name: 'A' });
    const b = feature({ name: 'B' });
    const ids = (batch: ImportBatch) => batch.locations.map((l) => l.external_id).sort();
    expect(ids(parseGeoJson(collection(a, b)))).toEqual(ids(parseGeoJson(collection(b, a))));
    const other = parseGeoJson(collection(a), { source: 'okc-naloxone', defaultState: 'OK', timezone: 'America/Chicago' });
    expect([other.source, other.locations[0].state_province, other.licence]).toEqual(['okc-naloxone', 'OK', 'CC BY 4.0']);
  });

  it('rejects other geometries and features, by 1-based position', () => {
    const polygon = { ...feature({}), geometry: { type: 'Polygon', coordinates: [] } };
    const batch = parseGeoJson(collection(feature({}), polygon, { type: 'Nope' }));
    expect(batch.rowsRead).toBe(3);
    expect(batch.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/Polygon is not supported/) },
      { line: 3, reason: 'not a GeoJSON Feature' },
    ]);
  });

  it('throws on what is not a FeatureCollection', () => {
    expect(() => parseGeoJson('{"type":"Feature"}')).toThrow(/FeatureCollection/);
    expect(() => parseGeoJson('{')).toThrow(/not valid JSON/);
  });
});

const describeIfData = describeIf(existsSync(FILE), 'geojson.parser: the real file', `needs ${FILE} (set SHARED_DATA_DIR to the shared/data folder)`);

describeIfData('parseGeoJson on the Dallas naloxone map (dallas-naloxone-2026)', () => {
  type Props = Record<string, string | boolean | null>;
  let features: { properties: Props; geometry: { coordinates: [number, number] } | null }[];
  let batch: ImportBatch;

  beforeAll(() => {
    features = JSON.parse(readFileSync(FILE, 'utf8')).features;
    batch = parseGeoJson(readFileSync(FILE, 'utf8'));
  });

  it('makes one organization and one location per feature: 40 features, nothing merged or rejected', () => {
    expect(features).toHaveLength(40);
    for (const list of [batch.organizations, batch.locations]) expect(list).toHaveLength(features.length);
    expect([batch.rowsRead, batch.merged, batch.rejected.length]).toEqual([40, 0, 0]);
  });

  it('offers 44 services: one per service code of each type (13 OTP, 16 private, 5 dispensers, 4 recovery x2, 2 others)', () => {
    // the decision documented in geojson.parser.ts, counted from the file's own type values
    const servicesPerType: Record<string, number> = {
      'Opioid Treatment Program (OTP)': 1,
      'Private Entity': 1,
      'Freestanding Dispenser': 1,
      'Recovery Support Services': 2,
      'Community Health Clinic': 1,
      'Risk Reduction Group': 1,
    };
    const expected = features.reduce((n, f) => n + servicesPerType[f.properties.type as string], 0);
    expect(batch.services).toHaveLength(expected);
    expect(batch.serviceAtLocations).toHaveLength(expected);
    expect(expected).toBe(44);
    const methadone = batch.services.filter((s) => s.attributes!.includes('service.moud.methadone')).length;
    expect(methadone).toBe(features.filter((f) => f.properties.category === 'otp_methadone').length);
  });

  it('warns twice: the unreadable "hours based on trainings" (kept as text) and the mobile program without a point', () => {
    const unreadable = features.findIndex((f) => f.properties.hours_raw === 'hours based on trainings') + 1;
    const mobile = features.findIndex((f) => f.geometry === null) + 1;
    expect(batch.warnings.map((w) => w.line)).toEqual([unreadable, mobile]);
    expect(batch.locations.filter((l) => l.hours_text).map((l) => l.hours_text)).toEqual(['hours based on trainings']);
  });

  it('reads every other hours_raw into schedules, and access_247 into 24/7', () => {
    const withHours = features.filter((f) => f.properties.hours_raw && f.properties.hours_raw !== 'hours based on trainings').length;
    expect(batch.locations.filter((l) => l.schedules!.length > 0)).toHaveLength(withHours);
    const allDay = features.filter((f) => f.properties.access_247 === true).length;
    expect(batch.locations.filter((l) => l.schedules!.some((s) => s.closes_at === '24:00' && s.opens_at === '00:00' && s.byday.length === 7))).toHaveLength(
      allDay,
    );
    expect(new Set(batch.services.filter((s) => s.attributes!.includes('access.open-24-7')).map((s) => s.organization_external_id)).size).toBe(allDay);
  });

  it('keeps the points of the 39 located features and the one mobile program without one', () => {
    const located = features.filter((f) => f.geometry !== null);
    expect(batch.locations.filter((l) => l.latitude !== null)).toHaveLength(located.length);
    const byName = new Map(batch.locations.map((l) => [l.name, l]));
    for (const f of located) {
      const l = byName.get(f.properties.name as string)!;
      expect([l.longitude, l.latitude]).toEqual(f.geometry!.coordinates);
    }
    expect(batch.locations.filter((l) => l.location_type === 'mobile').map((l) => l.name)).toEqual(['DFW Harm Reduction Access Movement']);
  });

  it('copies verified_on into assured_date, TX from defaultState and ZIP+4 as is', () => {
    const byOrg = new Map(batch.organizations.map((o) => [o.external_id, o.name]));
    const verified = new Map(features.map((f) => [f.properties.name, f.properties.verified_on]));
    expect(batch.services.filter((s) => (s.assured_date ?? null) !== verified.get(byOrg.get(s.organization_external_id)!))).toEqual([]);
    expect(new Set(batch.locations.map((l) => l.state_province))).toEqual(new Set(['TX']));
    expect(batch.locations.find((l) => l.name === 'Metro Treatment of Texas L.P.')?.postal_code).toBe('75211-2416');
  });

  (existsSync(TAXONOMY) ? it : skippedBecause(`needs ${TAXONOMY}`))('uses only taxonomy codes from docs/taxonomy.md', () => {
    const codes = taxonomyCodes(readFileSync(TAXONOMY, 'utf8'));
    const used = [...batch.services.flatMap((s) => s.attributes ?? []), ...batch.locations.flatMap((l) => l.attributes ?? [])];
    expect(used.filter((c) => !codes.has(c))).toEqual([]);
    const mapped = Object.values(DALLAS_STYLE_MAPPING.terms!).flatMap((t) => Object.values(t).flat());
    expect(mapped.filter((c) => !codes.has(c))).toEqual([]);
  });
});
