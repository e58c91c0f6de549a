import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { writeHsdsPackage } from '../hsds-package.writer';
import { HSDS_TABLES } from '../hsds-tables';
import { parseHsdsPackage } from './hsds.parser';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../../test/support/skips';

const DATA = SHARED_DATA_DIR;
const EXAMPLE = path.join(DATA, 'hsds3-example');
const describeWithExample = describeWithSharedData('hsds.parser: the official HSDS 3.0 example', 'hsds3-example/datapackage.json');

const ORG = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
const LOCATION = '3a19ff88-4620-4d17-9830-ac1d859eb5d5';
const SERVICE = 'ac148810-d857-441c-9679-408f346de14b';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'hsds-parser-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Replaces text in one CSV of the package in `dir`, failing loudly when the text is not there. */
function edit(file: string, from: string, to: string): void {
  const p = path.join(dir, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(p, text.split(from).join(to));
}

describeWithExample('parseHsdsPackage: the official HSDS 3.0 example', () => {
  it('rejects the example, naming the out-of-range latitude and the dangling organization references', () => {
    const batch = parseHsdsPackage(EXAMPLE);
    const reasons = batch.rejected.map((r) => r.reason);
    expect(reasons).toEqual([
      "locations.csv line 2: organization_id '985e4a42-bd9f-4edc-911d-0243a4640aca' does not match any organization in organizations.csv",
      'locations.csv line 2: latitude 100 is out of range [-90, 90]',
      'locations.csv line 2: location_type physical needs a physical address in addresses.csv (found: postal on line 2, rejected)',
      `phones.csv line 2: number '"+44 1234 234567"' is not a phone number: it holds characters other than digits, spaces and ( ) + - . /`,
      "contacts.csv line 2: organization_id 'ae67a707-5893-4225-b0b1-320ab9cb596b' does not match any organization in organizations.csv",
      "contacts.csv line 2: service_at_location_id '93eaf18d-1cd2-4ec7-bffb-3c9172ee5070' does not match any service_at_location in service_at_location.csv",
      "addresses.csv line 2: postal_code 'ABC 1234' is not a US ZIP code (country US)",
      "service_areas.csv line 2: extent 'extent' is not GeoJSON (not valid JSON)",
      "taxonomy_terms.csv line 2: taxonomy_id '07ff6aee-a219-438c-b694-d2fcb6c5373b' does not match any taxonomy in taxonomies.csv",
    ]);
    expect(batch.rejected.every((r) => r.line === 2)).toBe(true);
    // longitude 101 is inside [-180, 180]: not a violation, whatever the example's notes say
    expect(reasons.some((r) => r.includes('longitude'))).toBe(false);
    // the rejected location takes its service_at_location and schedule with it; the rest is mapped
    expect(batch.locations).toEqual([]);
    expect(batch.serviceAtLocations).toEqual([]);
    expect(batch.organizations.map((o) => o.external_id)).toEqual([ORG]);
    expect(batch.services.map((s) => [s.external_id, s.languages])).toEqual([[SERVICE, ['ur']]]);
    expect(batch).toMatchObject({ source: 'hsds:human_services_data', rowsRead: 21, attribution: 'Human Services Data Specification' });
    expect(batch.formatVersion).toBe('HSDS 3.0.0 (datapackage.json version 3.0.0)');
    expect(batch.licence).toBe('Creative Commons Attribution-ShareAlike 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)');
    expect(batch.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        "service_at_location.csv line 2: not imported: its location '3a19ff88-4620-4d17-9830-ac1d859eb5d5' was rejected or not imported",
        'schedules.csv line 2: timezone 3 is a UTC offset, not a place; mapped to Etc/GMT-3 (no daylight saving time)',
        "taxonomy_terms.csv line 2: code 'code' looks like placeholder text",
        'contacts.csv: 1 row(s) not imported: ImportBatch has no place for HSDS contact',
      ]),
    );
  });

  it('our table layout (HSDS_TABLES, used by the writer) matches the official datapackage.json field for field', () => {
    const official = JSON.parse(readFileSync(path.join(EXAMPLE, 'datapackage.json'), 'utf8')) as {
      resources: Array<{
        name: string;
        path: string;
        schema: { fields: Array<{ name: string; type: string; format?: string; constraints?: { required?: boolean; enum?: string[] } }> };
      }>;
    };
    for (const table of HSDS_TABLES) {
      const resource = official.resources.find((r) => r.name === table.name)!;
      expect(resource.path).toBe(table.path);
      const ours = table.fields.filter((f) => !f.name.startsWith('x_'));
      const normalize = (f: { name: string; type: string; format?: string; constraints?: { required?: boolean; enum?: string[] } }) => [
        f.name,
        f.type,
        f.format ?? null,
        !!f.constraints?.required,
        f.constraints?.enum ?? null,
      ];
      expect(ours.map(normalize)).toEqual(resource.schema.fields.map(normalize));
    }
  });

  describe('a corrected copy', () => {
    beforeEach(() => {
      cpSync(EXAMPLE, dir, { recursive: true });
      edit('locations.csv', ',100,101,', ',40.7128,-74.006,');
      edit('locations.csv', '985e4a42-bd9f-4edc-911d-0243a4640aca', ORG);
      edit('contacts.csv', 'ae67a707-5893-4225-b0b1-320ab9cb596b', ORG);
      // the example holds more errors than the coordinates and organization ids:
      edit('contacts.csv', '93eaf18d-1cd2-4ec7-bffb-3c9172ee5070', 'e94c9f38-1e8f-4564-91d4-d53501ab1765');
      edit('taxonomy_terms.csv', '07ff6aee-a219-438c-b694-d2fcb6c5373b', '5c4d79d7-cc55-470e-9f1f-8cad074e4892');
      edit('phones.csv', '"""+44 1234 234567"""', '+44 1234 234567');
      edit('addresses.csv', 'ABC 1234,US,postal', '12345,US,physical');
      const extent = '{""type"":""Polygon"",""coordinates"":[[[-74.1,40.6],[-73.9,40.6],[-73.9,40.8],[-74.1,40.8],[-74.1,40.6]]]}';
      edit('service_areas.csv', ',extent,geojson,', `,"${extent}",geojson,`);
    });

    it('parses with no rejections and maps every table we import', () => {
      const batch = parseHsdsPackage(dir);
      expect(batch.rejected).toEqual([]);
      expect(batch.services).toEqual([
        expect.objectContaining({
          external_id: SERVICE,
          organization_external_id: ORG,
          status: 'active',
          languages: ['ur'],
          // E.164, with the text as the package wrote it
          phones: [expect.objectContaining({ number: '+441234234567', original_text: '+44 1234 234567', type: 'voice', extension: '100' })],
          attributes: [],
        }),
      ]);
      const [location] = batch.locations;
      expect(location).toMatchObject({
        external_id: LOCATION,
        organization_external_id: ORG,
        location_type: 'physical',
        name: 'MyCity Civic Center',
        latitude: 40.7128,
        longitude: -74.006,
        address_1: '1-30 Main Street',
        city: 'MyCity',
        state_province: 'MyState',
        postal_code: '12345',
        country: 'US',
        languages: ['ur'],
        service_area: { type: 'Polygon' },
      });
      expect(location.accessibility).toContain('induction loops');
      expect(batch.serviceAtLocations).toEqual([
        {
          service_external_id: SERVICE,
          location_external_id: LOCATION,
          description: 'Counselling Services provided by trained professionals in the MyCity area.',
          schedules: [expect.objectContaining({ byday: ['TH', 'FR'], opens_at: '10:00', closes_at: '18:00', timezone: 'Etc/GMT-3' })],
        },
      ]);
      // the example's taxonomy term has the placeholder code 'code', not one of ours
      expect(batch.warnings.map((w) => w.message)).toContain(
        "attributes.csv line 2: link_entity 'link_entity' is not organization, service or location; not imported",
      );
    });

    it('maps a UTC offset to defaultTimezone when the zone has that offset', () => {
      const batch = parseHsdsPackage(dir, { defaultTimezone: 'Europe/Istanbul' });
      expect(batch.serviceAtLocations[0].schedules?.[0].timezone).toBe('Europe/Istanbul');
      expect(batch.warnings.some((w) => w.message.includes('timezone 3'))).toBe(false);
    });

    it('strict mode rejects what would be lost: placeholders, unmapped tables and columns, the offset time zone', () => {
      const batch = parseHsdsPackage(dir, { strict: true, source: 'hsds-example' });
      const reasons = batch.rejected.map((r) => r.reason);
      expect(batch.source).toBe('hsds-example');
      expect(reasons).toEqual(
        expect.arrayContaining([
          "organizations.csv line 2: tax_status 'tax_status' looks like placeholder text",
          'funding.csv: 1 row(s) not imported: ImportBatch has no place for HSDS funding',
          'schedules.csv line 2: timezone 3 is a UTC offset, not a place; mapped to Etc/GMT-3 (no daylight saving time)',
        ]),
      );
      expect(batch.warnings.every((w) => w.message.includes('not imported: its'))).toBe(true);
      // rejected rows are left out: the placeholder tax_status takes the organization, and everything under it, along
      expect(batch.organizations).toEqual([]);
      expect(batch.locations).toEqual([]);
      expect(batch.warnings.map((w) => w.message)).toContain(`locations.csv line 2: not imported: its organization '${ORG}' was rejected`);
    });
  });
});

describe('parseHsdsPackage: Table Schema and our rules on a package we write', () => {
  const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  beforeEach(() => {
    const point = { type: 'Point', coordinates: [-96.7657, 32.7495] };
    const address = { address_1: '1200 Example Ave', city: 'Dallas', state_province: 'TX', postal_code: '75215', country: 'US' };
    const schedule = { id: ID(9), byday: ['MO'], opens_at: '09:00', closes_at: '17:00', timezone: 'America/Chicago' };
    writeHsdsPackage(dir, {
      organizations: [
        { id: ID(1), name: 'First (fictional)', description: 'Line one\nline two' },
        { id: ID(2), name: 'Second (fictional)', description: 'Demo' },
      ],
      services: [{ id: ID(3), organization_id: ID(2), name: 'Naloxone', status: 'active', languages: ['es'] }],
      locations: [{ id: ID(4), organization_id: ID(2), location_type: 'physical', name: 'Site', geometry: point, address, schedules: [schedule] }],
      serviceAtLocations: [{ id: ID(5), service_id: ID(3), location_id: ID(4) }],
    });
  });

  it('reads the clean package without findings', () => {
    const batch = parseHsdsPackage(dir, { strict: true, licence: 'test' });
    expect(batch.rejected).toEqual([]);
    expect(batch.locations[0].schedules).toEqual([{ byday: ['MO'], opens_at: '09:00', closes_at: '17:00', timezone: 'America/Chicago', notes: null }]);
  });

  it('names file, line (counting multi-line cells), field and rule for each violation', () => {
    edit('organizations.csv', ID(2), ID(1)); // duplicate primary key; row 2 starts on line 4 (row 1 spans lines 2-3)
    edit('services.csv', ',active,', ',open,');
    edit('locations.csv', '32.7495', 'north');
    edit('languages.csv', ',es,', ',Spanish,');
    edit('schedules.csv', ',MO,', ',Monday,');
    const reasons = parseHsdsPackage(dir).rejected.map((r) => r.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        `organizations.csv line 4: id '${ID(1)}' is not unique (primary key, also on line 2)`,
        // ID(2) no longer exists, so what pointed at it dangles
        `services.csv line 2: organization_id '${ID(2)}' does not match any organization in organizations.csv`,
        "services.csv line 2: status 'open' is not one of active, inactive, defunct, temporarily closed",
        "locations.csv line 2: latitude 'north' is not a number",
        "languages.csv line 2: code 'Spanish' is not an ISO 639 code (2-3 lowercase letters)",
        "schedules.csv line 2: byday 'Monday' is not a comma-separated list of MO, TU, WE, TH, FR, SA, SU",
      ]),
    );
    // every declared table kept its official layout
    for (const t of HSDS_TABLES) expect(existsSync(path.join(dir, t.path))).toBe(true);
  });

  it('reports a package without datapackage.json instead of throwing', () => {
    unlinkSync(path.join(dir, 'datapackage.json'));
    expect(parseHsdsPackage(dir).rejected).toEqual([
      { line: 0, reason: 'datapackage.json: is missing: an HSDS 3.0 package declares its tables and their schemas there' },
    ]);
  });

  it('rejects a missing time zone unless defaultTimezone is given', () => {
    edit('schedules.csv', 'America/Chicago', '');
    edit('schedules.csv', ',-6,', ',,');
    expect(parseHsdsPackage(dir).rejected.map((r) => r.reason)).toEqual(['schedules.csv line 2: timezone is missing and no defaultTimezone was given']);
    expect(parseHsdsPackage(dir, { defaultTimezone: 'America/Denver' }).locations[0].schedules?.[0].timezone).toBe('America/Denver');
  });
});

describe('parseHsdsPackage: locations without an HSDS address (our x_ address columns)', () => {
  const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const point = { type: 'Point', coordinates: [-96.76, 32.76] };
  const area = { address_1: null, city: 'Dallas', state_province: 'TX', postal_code: '75215', country: 'US' };
  const write = (location: Record<string, unknown>) =>
    writeHsdsPackage(dir, {
      organizations: [{ id: ID(1), name: 'Org (fictional)', description: 'Demo' }],
      services: [],
      locations: [{ id: ID(2), organization_id: ID(1), location_type: 'physical', name: 'Site', geometry: point, address: area, ...location }],
      serviceAtLocations: [],
    });

  it('imports a withheld-address site from the x_ columns alone: no addresses.csv row, no street', () => {
    write({ address_visibility: 'approximate' });
    expect(readFileSync(path.join(dir, 'addresses.csv'), 'utf8').trim().split('\r\n')).toHaveLength(1);
    const batch = parseHsdsPackage(dir, { strict: true, licence: 'test' });
    expect(batch.rejected).toEqual([]);
    expect(batch.locations[0]).toMatchObject({
      location_type: 'physical',
      address_visibility: 'approximate',
      address_1: null,
      address_2: null,
      city: 'Dallas',
      state_province: 'TX',
      postal_code: '75215',
      country: 'US',
      latitude: 32.76,
      longitude: -96.76,
    });
  });

  it('defaults the country to US and accepts a withheld address with no area at all', () => {
    write({ address_visibility: 'approximate', address: null });
    const [location] = parseHsdsPackage(dir, { strict: true, licence: 'test' }).locations;
    expect(location).toMatchObject({ address_visibility: 'approximate', city: null, state_province: null, postal_code: null, country: 'US' });
  });

  it('checks x_postal_code and x_country like an address', () => {
    write({ address_visibility: 'approximate' });
    edit('locations.csv', ',75215,US', ',7521,usa');
    expect(parseHsdsPackage(dir).rejected.map((r) => r.reason)).toEqual(["locations.csv line 2: x_country 'USA' is not an ISO 3166-1 alpha-2 code"]);
    edit('locations.csv', ',7521,usa', ',7521,US');
    expect(parseHsdsPackage(dir).rejected.map((r) => r.reason)).toEqual(["locations.csv line 2: x_postal_code '7521' is not a US ZIP code (x_country US)"]);
  });

  it('rejects a public physical site whose x_ columns give no street', () => {
    write({ address_visibility: 'approximate' });
    edit('locations.csv', ',approximate,', ',,');
    expect(parseHsdsPackage(dir).rejected.map((r) => r.reason)).toEqual([
      'locations.csv line 2: location_type physical needs a physical address in addresses.csv, or x_address_1, x_city and x_state_province',
    ]);
  });

  it('prefers an addresses.csv row to the x_ columns, and says so', () => {
    write({ address: { ...area, address_1: '1200 Example Ave' } });
    edit('locations.csv', ',,,,,,\r\n', ',,,Fort Worth,TX,,US\r\n');
    const batch = parseHsdsPackage(dir, { licence: 'test' });
    expect(batch.rejected).toEqual([]);
    expect(batch.locations[0]).toMatchObject({ address_1: '1200 Example Ave', city: 'Dallas' });
    expect(batch.warnings.map((w) => w.message)).toEqual([
      'locations.csv line 2: x_address_1..x_country are not imported: the address on addresses.csv line 2 is',
    ]);
  });
});

describe('HSDS versions: 1.x and 2.x packages are recognized and rejected with the way forward', () => {
  const FIXTURES = path.join(__dirname, '../../../../test/fixtures');
  const copy = (fixture: string, only = (f: string) => f !== 'README.md') => {
    for (const f of readdirSync(path.join(FIXTURES, fixture)).filter(only)) cpSync(path.join(FIXTURES, fixture, f), path.join(dir, f));
  };

  it('an Ohana-style 1.x folder (regular_schedules.csv, no datapackage.json): one rejection naming the version, nothing mapped', () => {
    copy('hsds-1x-ohana-style');
    const batch = parseHsdsPackage(dir);
    expect(batch.rejected).toEqual([
      {
        line: 0,
        reason:
          'HSDS 1.x package detected (regular_schedules.csv, holiday_schedules.csv, mail_addresses.csv, no datapackage.json): ' +
          'this importer reads HSDS 3.0 tabular packages; convert it to HSDS 3.0 (tables and columns: see README, "Importing HSDS") and import the converted folder',
      },
    ]);
    expect(batch.warnings).toEqual([]);
    expect([batch.rowsRead, batch.organizations.length, batch.locations.length]).toEqual([0, 0, 0]);
    expect(batch.formatVersion).toMatch(/^HSDS 1\.x /);
  });

  it('a 2.0.1 datapackage.json: named by its declared version', () => {
    copy('hsds-2x');
    const batch = parseHsdsPackage(dir);
    expect(batch.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^HSDS 2\.0\.1 package detected \(datapackage\.json version 2\.0\.1\): .*README, "Importing HSDS"/),
    ]);
    expect(batch.organizations).toEqual([]);
  });

  it('by tables alone: 2.x attribute tables, or tables both 1.x and 2.x had', () => {
    copy('hsds-2x', (f) => f.endsWith('.csv'));
    expect(parseHsdsPackage(dir).rejected[0].reason).toMatch(
      /^HSDS 2\.x package detected \(service_attributes\.csv, services_at_location\.csv, no datapackage\.json\)/,
    );
    unlinkSync(path.join(dir, 'service_attributes.csv'));
    expect(parseHsdsPackage(dir).rejected[0].reason).toMatch(/^HSDS 1\.x\/2\.x package detected \(services_at_location\.csv, no datapackage\.json\)/);
  });

  it('an HSDS profile URL with a version counts as declared', () => {
    copy('hsds-2x');
    const pkg = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
    delete pkg.version;
    writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify({ ...pkg, profile: 'https://example.org/profiles/hsds-1.1/datapackage.json' }));
    expect(parseHsdsPackage(dir).rejected[0].reason).toMatch(/^HSDS 1\.1 package detected \(datapackage\.json profile /);
  });

  it('a package without a version or old tables is read as 3.0, and the report says it was assumed', () => {
    writeHsdsPackage(dir, { organizations: [], services: [], locations: [], serviceAtLocations: [] }, { name: 'fictional-empty' });
    const pkg = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
    expect(parseHsdsPackage(dir).formatVersion).toMatch(/^HSDS 3\.0/); // our own export declares it
    delete pkg.version;
    delete pkg.title;
    writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify(pkg));
    const batch = parseHsdsPackage(dir);
    expect(batch.formatVersion).toBe('HSDS 3.0 (assumed: datapackage.json declares no version)');
    expect(batch.rejected).toEqual([]);
  });

  describeWithExample('1.x tables under an HSDS 3 datapackage.json (the mix issue 12 tried)', () => {
    it('is read as 3.0.0, and a warning first names the 1.x tables it holds', () => {
      copy('hsds-1x-ohana-style');
      cpSync(path.join(EXAMPLE, 'datapackage.json'), path.join(dir, 'datapackage.json'));
      const batch = parseHsdsPackage(dir);
      expect(batch.formatVersion).toBe('HSDS 3.0.0 (datapackage.json version 3.0.0)');
      expect(batch.warnings[0].message).toBe(
        'datapackage.json: declares HSDS 3.0.0, but the folder also holds HSDS 1.x/2.x tables (regular_schedules.csv, holiday_schedules.csv, mail_addresses.csv), ' +
          'which 3.0 does not read: if this is an older package, convert it (README, "Importing HSDS")',
      );
      expect(batch.rejected.length).toBeGreaterThan(0); // the 1.x columns do not fit the 3.0 schemas
    });
  });
});
