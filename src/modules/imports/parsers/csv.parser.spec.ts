import { readFileSync } from 'fs';
import path from 'path';
import { ImportBatch } from '../import-batch';
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
  terms: {
    offers: { naloxone: ['service.naloxone.distribution'], 'test strips': ['service.drug-checking.fentanyl-test-strips'], 'walk-in': ['access.walk-in'] },
  },
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
      sheet(
        'Harm Reduction Co,1 Main St,Boston,MA,2108,42.357,-71.062,(617) 555-0100 x12,example.org,Mon-Fri 9am-5pm,"Spanish, vi, ASL",naloxone; test strips; walk-in',
      ),
      BASE,
    );
    expect(batch.rejected).toEqual([]);
    expect(batch.warnings).toEqual([]);
    const [org] = batch.organizations;
    expect(org).toMatchObject({ name: 'Harm Reduction Co', website: 'https://example.org' });
    expect(org.phones).toEqual([]); // the row's phone is the site's, where search reads it
    const [loc] = batch.locations;
    expect(loc).toMatchObject({ postal_code: '02108', latitude: 42.357, coordinates_approximate: false, languages: ['es', 'vi', 'ase'] });
    expect(loc.phones).toEqual([{ type: 'voice', number: '+16175550100', extension: '12', original_text: '(617) 555-0100 x12' }]);
    expect(loc.schedules).toEqual([{ byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '09:00', closes_at: '17:00', timezone: 'America/New_York' }]);
    expect(batch.services.map((s) => s.attributes)).toEqual([
      ['service.drug-checking.fentanyl-test-strips', 'access.walk-in'],
      ['service.naloxone.distribution', 'access.walk-in'],
    ]);
    expect(batch.serviceAtLocations).toHaveLength(2);
  });

  it('places a row without coordinates at its ZIP centroid (approximate), or rejects it when strict', () => {
    const csv = sheet('A,1 Main St,Boston,MA,02108,,,,,,,naloxone', 'B,1 Main St,Boston,MA,99999,,,,,,,naloxone');
    const loose = parseMappedCsv(csv, BASE);
    expect(loose.locations.map((l) => [l.name, l.coordinates_approximate])).toEqual([['A', true]]);
    expect(loose.warnings).toEqual([{ line: 2, message: expect.stringMatching(/no coordinates; placed at the centroid of ZIP 02108/) }]);
    expect(loose.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/no ZIP centroid/) }]); // 99999 is no USPS ZIP
    const strict = parseMappedCsv(csv, { ...BASE, strict: true });
    expect(strict.locations).toEqual([]);
    expect(strict.rejected.map((r) => r.line)).toEqual([2, 3]);
    expect(strict.rejected[0].reason).toMatch(/strict/);
  });

  it('rejects rows the location table would refuse, and rows with no service code', () => {
    const batch = parseMappedCsv(
      sheet(',1 Main St,Boston,MA,02108,42.3,-71,,,,,naloxone', 'A,,Boston,,02108,42.3,-71,,,,,naloxone', 'B,1 Main St,Boston,MA,02108,42.3,-71,,,,,walk-in'),
      BASE,
    );
    expect(batch.rejected).toEqual([
      { line: 2, reason: 'no organization name (column org)' },
      { line: 3, reason: 'a physical location needs address_1, state_province' },
      { line: 4, reason: 'no service.* taxonomy code from terms or constantTerms' },
    ]);
  });

  it('merges rows with the same external id, combining their codes', () => {
    const batch = parseMappedCsv(
      sheet(
        'A,1 Main St,Boston,MA,02108,42.3,-71,,,,,naloxone',
        'A,1 Main St,Boston,MA,2108,42.3,-71,,,,,test strips',
        'A,1 Main St,Boston,MA,02108,42.4,-71,,,,,naloxone',
      ),
      BASE,
    );
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
      expect.stringMatching(/language "Klingon"/),
      'phone "call us" holds words, not only a number; left out',
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
    ['1441', '01441'],
    ['736', '00736'],
    ['75211-2416', '75211-2416'],
    ['752112416', '75211-2416'],
    [' 02108 ', '02108'],
    ['ABCDE', null],
    ['0', null],
    ['123456', null],
    ['1441-1234', null],
  ])('%s -> %s', (raw, zip) => expect(normalizeUsZip(raw)).toBe(zip));
});

const describeIfData = describeWithSharedData('csv.parser: the Dallas GeoJSON as CSV', 'dallas-naloxone-2026/naloxone_locations.geojson');

describeIfData('the Dallas map exported to CSV, read with docs/import-mapping.example.json', () => {
  const COLUMNS = [
    'name',
    'address',
    'city',
    'zip',
    'type',
    'category',
    'access_247',
    'hours_raw',
    'source',
    'verified_on',
    'geocode_method',
    'mobile',
    'latitude',
    'longitude',
  ];
  type Cell = string | number | boolean | null | undefined;
  const quote = (v: Cell) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };

  it('gives the same records as parseGeoJson, each warning one line further down (the header)', () => {
    const json = readFileSync(DALLAS, 'utf8');
    const features = JSON.parse(json).features as { properties: Record<string, unknown>; geometry: { coordinates: number[] } | null }[];
    const csv = [
      COLUMNS.join(','),
      ...features.map((f) => {
        const values = { ...f.properties, latitude: f.geometry?.coordinates[1], longitude: f.geometry?.coordinates[0] } as Record<string, Cell>;
        return COLUMNS.map((c) => quote(values[c])).join(',');
      }),
    ].join('\n');
    const fromCsv = parseMappedCsv(csv, parseCsvMapping(readFileSync(EXAMPLE, 'utf8')));
    const fromGeoJson = parseGeoJson(json);
    for (const key of [
      'source',
      'licence',
      'attribution',
      'rowsRead',
      'organizations',
      'services',
      'locations',
      'serviceAtLocations',
      'rejected',
      'merged',
    ] as const) {
      expect(fromCsv[key]).toEqual(fromGeoJson[key]);
    }
    expect(fromCsv.warnings).toEqual(fromGeoJson.warnings.map((w) => ({ ...w, line: w.line + 1 })));
  });
});

describe('rows that share a site key: merged when they agree, kept apart when they do not', () => {
  // one fictional organization, one address; the columns a statewide list has
  const MAPPING: CsvMapping = {
    source: 'test-keep-apart',
    licence: 'CC0',
    attribution: 'Test',
    timezone: 'America/Chicago',
    columns: {
      organizationName: 'name',
      address1: 'street',
      city: 'city',
      state: 'state',
      zip: 'zip',
      latitude: 'lat',
      longitude: 'lon',
      phone: 'phone',
      hours: 'hours',
      assuredDate: 'verified',
      mobile: 'mobile',
    },
    terms: {
      type: {
        dispenser: ['service.naloxone.vending-machine'],
        office: ['service.naloxone.distribution'],
        'test strips': ['service.drug-checking.fentanyl-test-strips'],
        'walk-in': ['access.walk-in'],
      },
    },
  };
  const HEADER = 'name,street,city,state,zip,lat,lon,phone,hours,verified,type,mobile';
  const DISPENSER = 'Northgate Mutual Aid (fictional),100 Fictional Ave,Dallas,TX,75201,32.78,-96.80,(214) 555-0101,24/7,2026-03-01,dispenser,';
  const OFFICE = 'Northgate Mutual Aid (fictional),100 Fictional Ave,Dallas,TX,75201,32.78,-96.80,(214) 555-0101,Mon-Fri 8am-5pm,2026-01-15,office; walk-in,';
  const STRIPS =
    'Northgate Mutual Aid (fictional),100 Fictional Ave,Dallas,TX,75201,32.78,-96.80,(214) 555-0101,Mon-Fri 8am-5pm,2026-01-15,test strips; walk-in,';
  const parse = (...rows: string[]) => parseMappedCsv([HEADER, ...rows].join('\n'), MAPPING);
  const WEEKDAYS = { byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '08:00', closes_at: '17:00', timezone: 'America/Chicago' };
  const ALWAYS = { byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens_at: '00:00', closes_at: '24:00', timezone: 'America/Chicago' };

  it('a 24/7 dispenser and the 8-5 office at one address stay two offers, each with its own hours, terms and date', () => {
    const batch = parse(DISPENSER, OFFICE, DISPENSER, STRIPS);
    expect(batch.rejected).toEqual([]);
    expect([batch.organizations.length, batch.locations.length]).toEqual([1, 1]);
    // 4 rows, 2 offers: the repeated dispenser row is an exact duplicate, the strips row differs from the office only in its service code
    expect(batch.merged).toBe(2);
    expect(batch.keptApart).toEqual([
      {
        lines: [2, 3],
        name: 'Northgate Mutual Aid (fictional)',
        address: '100 Fictional Ave, Dallas',
        differs_in: ['hours', 'access terms', 'verified date', 'service codes'],
      },
    ]);
    const [location] = batch.locations;
    expect(location.schedules).toEqual([]); // no site-wide hours: they differ by offer
    expect(location.phones).toEqual([{ type: 'voice', number: '+12145550101', extension: null, original_text: '(214) 555-0101' }]);
    const offers = batch.services.map((s) => {
      const link = batch.serviceAtLocations.find((l) => l.service_external_id === s.external_id)!;
      return [s.name, s.assured_date, s.attributes, link.schedules];
    });
    expect(offers).toEqual([
      ['Naloxone vending machine', '2026-03-01', ['service.naloxone.vending-machine', 'access.open-24-7'], [ALWAYS]],
      // one service per code, in code order
      ['Fentanyl test strips', '2026-01-15', ['service.drug-checking.fentanyl-test-strips', 'access.walk-in'], [WEEKDAYS]],
      ['Naloxone distribution', '2026-01-15', ['service.naloxone.distribution', 'access.walk-in'], [WEEKDAYS]],
    ]);
    expect(batch.services.every((s) => /^[0-9a-f]{24}~[0-9a-f]{8}:service\./.test(s.external_id))).toBe(true);
  });

  it('keys kept-apart offers by what they say, so re-reading the file in another row order gives the same records', () => {
    const ids = (b: ImportBatch) => b.services.map((s) => s.external_id).sort();
    const forward = parse(DISPENSER, OFFICE, STRIPS);
    expect(ids(parse(STRIPS, DISPENSER, OFFICE))).toEqual(ids(forward));
    expect(ids(parse(DISPENSER, OFFICE, STRIPS))).toEqual(ids(forward));
  });

  it('rows that agree on hours, terms and date combine their codes under the plain site key, and say nothing', () => {
    const batch = parse(OFFICE, STRIPS);
    expect(batch.keptApart).toBeUndefined();
    expect(batch.merged).toBe(1);
    expect(batch.locations[0].schedules).toEqual([WEEKDAYS]);
    expect(batch.services.map((s) => s.external_id.split(':')[1])).toEqual(['service.drug-checking.fentanyl-test-strips', 'service.naloxone.distribution']);
    expect(batch.services.every((s) => !s.external_id.includes('~'))).toBe(true);
    expect(batch.warnings).toEqual([]);
  });

  it('a date alone keeps two otherwise equal rows apart; the hours they share stay on the site', () => {
    const later = OFFICE.replace('2026-01-15', '2026-02-20');
    const batch = parse(OFFICE, later);
    expect(batch.keptApart).toEqual([expect.objectContaining({ lines: [2, 3], differs_in: ['verified date'] })]);
    expect(batch.locations[0].schedules).toEqual([WEEKDAYS]);
    expect(batch.serviceAtLocations.every((l) => l.schedules === undefined)).toBe(true);
    expect(batch.services.map((s) => s.assured_date)).toEqual(['2026-01-15', '2026-02-20']);
  });

  it('kept-apart offers with their own numbers carry them on their services, not on the shared site', () => {
    const batch = parse(DISPENSER.replace('(214) 555-0101', ''), OFFICE.replace('(214) 555-0101', '214.555.0188 ext. 4'));
    expect(batch.locations[0].phones).toBeUndefined();
    expect(batch.services.map((s) => s.phones)).toEqual([
      undefined,
      [{ type: 'voice', number: '+12145550188', extension: '4', original_text: '214.555.0188 ext. 4' }],
    ]);
  });

  it("a mobile program's phone goes on its services (it has no site a caller walks into)", () => {
    const van = 'Northgate Van (fictional),,Dallas,TX,75201,,,+1 214 555 0177,,2026-03-01,office,true';
    const batch = parse(van);
    expect(batch.locations[0]).toMatchObject({ location_type: 'mobile' });
    expect(batch.locations[0].phones).toBeUndefined();
    expect(batch.services[0].phones).toEqual([{ type: 'voice', number: '+12145550177', extension: null, original_text: '+1 214 555 0177' }]);
  });

  it('a number that does not parse is left out with a warning naming its line and text', () => {
    const batch = parse(OFFICE.replace('(214) 555-0101', '(214) 123-4567; 988'));
    expect(batch.locations[0].phones).toBeUndefined();
    expect(batch.warnings).toEqual([
      { line: 2, message: 'phone "(214) 123-4567" is not a valid US number (no such area code or exchange); left out' },
      { line: 2, message: 'phone "988" has too few digits for a US number; left out' },
    ]);
  });
});
