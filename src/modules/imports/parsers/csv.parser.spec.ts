import { readFileSync } from 'fs';
import path from 'path';
import { CsvMapping, normalizeUsZip, parseCsvMapping, parseMappedCsv } from './csv.parser';
import { DALLAS_STYLE_MAPPING, parseGeoJson } from './geojson.parser';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../../test/support/skips';

const EXAMPLE = path.join(__dirname, '../../../../docs/import-mapping.example.json');
const DALLAS = path.join(SHARED_DATA_DIR, 'dallas-naloxone-2026/naloxone_locations.geojson');

const BASE: CsvMapping = {
  source: 'test-sheet',
  licence: 'CC0',
  attribution: 'Test',
  timezone: 'America/New_York',
  columns: {
    organizationName: 'org',
    address1: 'street',
    city: 'city',
    state: 'state',
    zip: 'zip',
    latitude: 'lat',
    longitude: 'lon',
    phone: 'phone',
    website: 'web',
    hours: 'hours',
    languages: 'languages',
  },
  terms: { offers: { naloxone: ['service.naloxone.distribution'], 'test strips': ['service.drug-checking.fentanyl-test-strips'], 'walk-in': ['access.walk-in'] } },
};
const SHEET_HEADER = 'org,street,city,state,zip,lat,lon,phone,web,hours,languages,offers';

describe('parseCsvMapping', () => {
  it('reads the example mapping, which is exactly the GeoJSON parser default (DALLAS_STYLE_MAPPING)', () => {
    expect(parseCsvMapping(readFileSync(EXAMPLE, 'utf8'))).toEqual(DALLAS_STYLE_MAPPING);
  });

  it.each<[string, unknown, RegExp]>([
    ['broken JSON', '{', /not valid JSON/],
    ['an array', [], /expected a JSON object/],
    ['a typo in a key', { ...BASE, colums: {} }, /unknown key "colums"/],
    ['no organization name', { ...BASE, columns: { city: 'city' } }, /columns.organizationName is required/],
    ['a bad source id', { ...BASE, source: 'My Source' }, /source must be a lowercase id/],
    ['no licence', { ...BASE, licence: '' }, /licence must be a non-empty string/],
    ['a made-up time zone', { ...BASE, timezone: 'America/Dallas' }, /not an IANA time zone/],
    ['hours without a time zone', { ...BASE, timezone: undefined }, /timezone is required/],
    ['latitude without longitude', { ...BASE, columns: { organizationName: 'org', latitude: 'lat' } }, /latitude and columns.longitude go together/],
    ['a bad taxonomy code', { ...BASE, constantTerms: ['Naloxone'] }, /'Naloxone' is not a taxonomy code/],
    ['a principle', { ...BASE, constantTerms: ['principle.non-judgmental'] }, /principles are not attached directly/],
    ['terms that are not lists', { ...BASE, terms: { offers: { naloxone: 'service.naloxone' } } }, /must be a list of taxonomy codes/],
    ['a non-string column', { ...BASE, columns: { organizationName: 3 } }, /columns.organizationName must be a column name/],
  ])('rejects %s with a clear message', (_, mapping, message) => {
    expect(() => parseCsvMapping(typeof mapping === 'string' ? mapping : JSON.stringify(mapping))).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => parseCsvMapping(JSON.stringify({ source: 'x', columns: {} }))).toThrow(/licence[\s\S]*attribution[\s\S]*organizationName/);
  });

  it('ignores "$" comment keys', () => {
    const mapping = parseCsvMapping(JSON.stringify({ ...BASE, $comment: 'hi', columns: { ...BASE.columns, $note: 'x' }, terms: { $why: 'y', ...BASE.terms } }));
    expect(mapping).toEqual(BASE);
  });
});

describe('parseMappedCsv', () => {
  const sheet = (...rows: string[]) => [SHEET_HEADER, ...rows].join('\n');

  it('maps a row: address, ZIP padding, phone, website, languages, hours, one service per service code', () => {
    const batch = parseMappedCsv(
      sheet('Harm Reduction Co,1 Main St,Boston,MA,2108,42.357,-71.062,(617) 555-0100 x12,example.org,Mon-Fri 9am-5pm,"Spanish, vi, ASL",naloxone; test strips; walk-in'),
      BASE,
    );
    expect(batch.rejected).toEqual([]);
    expect(batch.warnings).toEqual([]);
    const [org] = batch.organizations;
    expect(org).toMatchObject({ name: 'Harm Reduction Co', website: 'https://example.org', phones: [{ number: '617-555-0100', extension: '12', type: 'voice' }] });
    const [loc] = batch.locations;
    expect(loc).toMatchObject({ postal_code: '02108', latitude: 42.357, coordinates_approximate: false, languages: ['es', 'vi', 'ase'] });
    expect(loc.schedules).toEqual([{ byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '09:00', closes_at: '17:00', timezone: 'America/New_York' }]);
    expect(batch.services.map((s) => s.attributes)).toEqual([
      ['service.drug-checking.fentanyl-test-strips', 'access.walk-in'],
      ['service.naloxone.distribution', 'access.walk-in'],
    ]);
    expect(batch.serviceAtLocations).toHaveLength(2);
  });

  it('places a row without coordinates at its ZIP centroid (approximate), or rejects it when strict', () => {
    const csv = sheet('A,1 Main St,Boston,MA,02108,,,,,,,naloxone', 'B,1 Main St,Boston,MA,01441,,,,,,,naloxone');
    const loose = parseMappedCsv(csv, BASE);
    expect(loose.locations.map((l) => [l.name, l.coordinates_approximate])).toEqual([['A', true]]);
    expect(loose.warnings).toEqual([{ line: 2, message: expect.stringMatching(/no coordinates; placed at the centroid of ZIP 02108/) }]);
    expect(loose.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/no ZIP centroid/) }]); // 01441 is a PO-box ZIP
    const strict = parseMappedCsv(csv, { ...BASE, strict: true });
    expect(strict.locations).toEqual([]);
    expect(strict.rejected.map((r) => r.line)).toEqual([2, 3]);
    expect(strict.rejected[0].reason).toMatch(/strict/);
  });

  it('rejects rows the location table would refuse, and rows with no service code', () => {
    const batch = parseMappedCsv(sheet(',1 Main St,Boston,MA,02108,42.3,-71,,,,,naloxone', 'A,,Boston,,02108,42.3,-71,,,,,naloxone', 'B,1 Main St,Boston,MA,02108,42.3,-71,,,,,walk-in'), BASE);
    expect(batch.rejected).toEqual([
      { line: 2, reason: 'no organization name (column org)' },
      { line: 3, reason: 'a physical location needs address_1, state_province' },
      { line: 4, reason: 'no service.* taxonomy code from terms or constantTerms' },
    ]);
  });

  it('merges rows with the same external id, combining their codes', () => {
    const batch = parseMappedCsv(sheet('A,1 Main St,Boston,MA,02108,42.3,-71,,,,,naloxone', 'A,1 Main St,Boston,MA,2108,42.3,-71,,,,,test strips', 'A,1 Main St,Boston,MA,02108,42.4,-71,,,,,naloxone'), BASE);
    expect(batch.locations).toHaveLength(1);
    expect(batch.merged).toBe(2);
    expect(batch.services).toHaveLength(2);
    // the third row moves the point: kept the first, and said so
    expect(batch.warnings).toEqual([{ line: 4, message: expect.stringMatching(/same external id as line 2/) }]);
  });

  it('keeps unreadable hours as text, warns about unknown values, and drops bad phones and websites', () => {
    const batch = parseMappedCsv(sheet('A,1 Main St,Boston,MA,02108,42.3,-71,call us,not a site,by appointment,Klingon,naloxone; syringes'), BASE);
    expect(batch.locations[0].hours_text).toBe('by appointment');
    expect(batch.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/offers value "syringes" has no entry/),
      expect.stringMatching(/hours "by appointment" not understood/),
      expect.stringMatching(/website "not a site"/),
      expect.stringMatching(/phone "call us"/),
      expect.stringMatching(/language "Klingon"/),
    ]);
  });

  it('uses a single id column as the external id, and constantTerms on every row', () => {
    const mapping: CsvMapping = { ...BASE, columns: { ...BASE.columns, externalId: 'org' }, constantTerms: ['service.naloxone.by-mail'] };
    const batch = parseMappedCsv(sheet('SITE-7,1 Main St,Boston,MA,02108,42.3,-71,,,,,'), mapping);
    expect(batch.locations[0].external_id).toBe('SITE-7');
    expect(batch.services.map((s) => s.external_id)).toEqual(['SITE-7:service.naloxone.by-mail']);
  });

  it('names a missing column', () => {
    expect(() => parseMappedCsv('org,street\nA,B\n', BASE)).toThrow(/no column 'city'/);
  });
});

describe('normalizeUsZip', () => {
  it.each([
    ['1441', '01441'], ['736', '00736'], ['75211-2416', '75211-2416'], ['752112416', '75211-2416'],
    [' 02108 ', '02108'], ['ABCDE', null], ['0', null], ['123456', null], ['1441-1234', null],
  ])('%s -> %s', (raw, zip) => expect(normalizeUsZip(raw)).toBe(zip));
});

const describeIfData = describeWithSharedData('csv.parser: the Dallas GeoJSON as CSV', 'dallas-naloxone-2026/naloxone_locations.geojson');

describeIfData('the Dallas map exported to CSV, read with docs/import-mapping.example.json', () => {
  const COLUMNS = ['name', 'address', 'city', 'zip', 'type', 'category', 'access_247', 'hours_raw', 'source', 'verified_on', 'geocode_method', 'mobile', 'latitude', 'longitude'];
  const quote = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };

  it('gives the same records as parseGeoJson, each warning one line further down (the header)', () => {
    const json = readFileSync(DALLAS, 'utf8');
    const features = JSON.parse(json).features as { properties: Record<string, unknown>; geometry: { coordinates: number[] } | null }[];
    const csv = [
      COLUMNS.join(','),
      ...features.map((f) => {
        const values = { ...f.properties, latitude: f.geometry?.coordinates[1], longitude: f.geometry?.coordinates[0] } as Record<string, unknown>;
        return COLUMNS.map((c) => quote(values[c])).join(',');
      }),
    ].join('\n');
    const fromCsv = parseMappedCsv(csv, parseCsvMapping(readFileSync(EXAMPLE, 'utf8')));
    const fromGeoJson = parseGeoJson(json);
    for (const key of ['source', 'licence', 'attribution', 'rowsRead', 'organizations', 'services', 'locations', 'serviceAtLocations', 'rejected', 'merged'] as const) {
      expect(fromCsv[key]).toEqual(fromGeoJson[key]);
    }
    expect(fromCsv.warnings).toEqual(fromGeoJson.warnings.map((w) => ({ ...w, line: w.line + 1 })));
  });
});
