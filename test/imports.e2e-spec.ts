import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { bearer, createKeys } from './support/api-keys';
import { geodesicDistanceMeters } from './support/geodesic';
import { gql } from './support/graphql';
import { expectProblem } from './support/problem';
import { cliResult } from './support/child-app';
import { startTestApp } from './support/test-app';
import { describeWithSharedData, SHARED_DATA_DIR } from './support/skips';
import { writeHsdsPackage } from '../src/modules/imports/hsds-package.writer';
import { expectProjectionCurrent } from './support/search-projection';

const DATA = SHARED_DATA_DIR;
const describeWithData = describeWithSharedData(
  'imports of real public datasets',
  'samhsa-moud-2020',
  'samhsa-otp-2022',
  'dallas-naloxone-2026',
  'hsds3-example',
);

const TEST_SOURCES = [
  'test-nul-csv',
  'test-nul-geojson',
  'hsds:test-hidden',
  'samhsa-moud-2020',
  'samhsa-otp-2022',
  'dallas-naloxone-2026',
  'dallas-naloxone-2026-csv',
  'hsds:test-fixed',
  'test-forced-failure',
];

/** Our own simple normalization for the independent counts: lowercase, single spaces. */
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

describeWithData('imports of real public datasets', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;
  let keys: Awaited<ReturnType<typeof createKeys>>;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
    keys = await createKeys(app, 'imports');
  });
  // every write this suite makes must leave the search projection equal to a rebuild
  afterEach(() => expectProjectionCurrent(app.get(DataSource)));
  afterAll(async () => {
    // leave the shared test database as the other specs expect it
    await db.query(`DELETE FROM organization WHERE source_id = ANY($1)`, [TEST_SOURCES]);
    await db.query(`DELETE FROM data_source WHERE id = ANY($1)`, [TEST_SOURCES]);
    await db.query(`DROP TRIGGER IF EXISTS test_fail_at_row ON location`);
    await db.query(`DROP FUNCTION IF EXISTS test_fail_at_row()`);
    await app.close();
  });

  const upload = (body: object) => request(url).post('/v1/imports').set(bearer(keys.write)).send(body);
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const liveCount = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE deleted_at IS NULL`))[0].n;

  it('OTP directory: one methadone program per distinct row; a second import changes nothing', async () => {
    const text = readFileSync(join(DATA, 'samhsa-otp-2022/otp-directory.csv'), 'latin1');
    const rows: string[][] = parse(text, { from_line: 2 });
    // 1,831 rows, one of them repeated exactly (an exact duplicate is one program)
    const distinct = new Set(rows.map((r) => JSON.stringify(r))).size;
    expect(rows.length).toBe(1831);
    expect(distinct).toBe(1830);

    const first = await upload({ format: 'samhsa-otp', content: text }).expect(200);
    expect(first.body).toMatchObject({
      committed: true,
      rows_read: 1831,
      rows_merged: 1831 - distinct,
      created: { organizations: distinct, services: distinct, locations: distinct, service_at_locations: distinct },
      rejected: [],
      kept_apart: [], // the one repeated row is an exact duplicate
    });
    const again = await upload({ format: 'samhsa-otp', content: text }).expect(200);
    expect(total(again.body.created) + total(again.body.updated) + total(again.body.deleted)).toBe(0);
    expect(again.body.unchanged.locations).toBe(distinct);

    // records carry their source and licence
    const [{ id }] = await db.query(`SELECT id FROM location WHERE source_id = 'samhsa-otp-2022' LIMIT 1`);
    const location = (await request(url).get(`/v1/locations/${id}`).expect(200)).body;
    expect(location.source).toMatchObject({ id: 'samhsa-otp-2022', licence: expect.stringMatching(/public domain/i) });
  });

  it('after the OTP import, methadone search returns the same nearest programs as an independent computation over the CSV', async () => {
    const text = readFileSync(join(DATA, 'samhsa-otp-2022/otp-directory.csv'), 'latin1');
    const rows: Record<string, string>[] = parse(text, { columns: true });
    const points: [number, number][] = [
      [39.2904, -76.6122], // Baltimore
      [42.3601, -71.0589], // Boston
      [41.4993, -81.6944], // Cleveland
      [36.1627, -86.7816], // Nashville
      [40.7608, -111.891], // Salt Lake City
    ];
    for (const [lat, lng] of points) {
      const expected = [
        ...new Map(
          rows
            .map((r) => ({ name: norm(r.ID), d: geodesicDistanceMeters(lat, lng, Number(r.Latitude), Number(r.Longitude)) }))
            .filter((r) => r.d <= 50_000)
            .sort((a, b) => a.d - b.d)
            .map((r) => [`${r.name}@${r.d.toFixed(0)}`, r]),
        ).values(),
      ].slice(0, 5);
      expect(expected.length).toBeGreaterThan(0);
      const res = await request(url)
        .get('/v1/search')
        .query({ near: `${lat},${lng}`, radius: 50, service: 'service.moud.methadone', limit: 5 })
        .expect(200);
      const got = res.body.data.map((r: { organization: { name: string }; distance_m: number }) => ({ name: norm(r.organization.name), d: r.distance_m }));
      expect(got.map((g: { name: string }) => g.name)).toEqual(expected.map((e) => e.name));
      got.forEach((g: { d: number }, i: number) => expect(Math.abs(g.d - expected[i].d)).toBeLessThan(expected[i].d * 0.005 + 1));
    }
  });

  it('MOUD list: rows per medication merge into one location per site; a second import changes nothing', async () => {
    const text = readFileSync(join(DATA, 'samhsa-moud-2020/moud-sites.csv'), 'utf8');
    const rows: Record<string, string>[] = parse(text, { columns: (h: string[]) => h.map((c, i) => c || `col${i}`) });
    const site = (r: Record<string, string>) => [r.name1, r.street1, r.city, r.state].map(norm).join('|') + '|' + r.zip.padStart(5, '0');
    const sites = new Set(rows.map(site)).size; // 6,311 distinct sites
    const offers = new Set(rows.map((r) => `${site(r)}|${r.category}`)).size; // 10,307 site + medication pairs
    expect(rows.length).toBe(10_556);

    const first = await upload({ format: 'samhsa-moud', content: text }).expect(200);
    expect(first.body).toMatchObject({
      committed: true,
      rows_read: 10_556,
      rows_merged: 10_556 - sites,
      created: { organizations: sites, locations: sites, services: offers, service_at_locations: offers },
      rejected: [],
      kept_apart: [], // rows of one site differ only in medication (one service each) and program name
    });
    const again = await upload({ format: 'samhsa-moud', content: text }).expect(200);
    expect(total(again.body.created) + total(again.body.updated) + total(again.body.deleted)).toBe(0);

    // every medication maps to the taxonomy, and ZIPs that lost their leading zero got it back
    const codes = await db.query(`
      SELECT DISTINCT a.taxonomy_term_code AS code FROM attribute a JOIN service s ON s.id = a.service_id
       WHERE s.source_id = 'samhsa-moud-2020' AND a.taxonomy_term_code LIKE 'service.moud.%' ORDER BY 1`);
    expect(codes.map((c: { code: string }) => c.code)).toEqual(['service.moud.buprenorphine', 'service.moud.methadone', 'service.moud.naltrexone']);
    const shortZip = rows.find((r) => r.state === 'MA' && /^\d{4}$/.test(r.zip))!;
    expect(shortZip).toBeDefined();
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM location WHERE source_id = 'samhsa-moud-2020' AND postal_code = $1 AND state_province = 'MA'`,
      [`0${shortZip.zip}`],
    );
    expect(n).toBeGreaterThan(0);
  }, 120_000); // two full imports of ~7,000 rows on one embedded connection

  it('Dallas naloxone map: as GeoJSON, then converted to CSV with a mapping; re-imports change nothing', async () => {
    const geojson = readFileSync(join(DATA, 'dallas-naloxone-2026/naloxone_locations.geojson'), 'utf8');
    const features = JSON.parse(geojson).features as {
      geometry: { coordinates: [number, number] } | null;
      properties: Record<string, string | number | boolean | null>;
    }[];
    expect(features).toHaveLength(40); // 40 access points, one of them mobile (null geometry)

    const first = await upload({ format: 'geojson', content: geojson }).expect(200);
    expect(first.body).toMatchObject({
      committed: true,
      rows_read: 40,
      rows_merged: 0,
      created: { organizations: 40, locations: 40 },
      rejected: [],
      kept_apart: [],
    });
    const again = await upload({ format: 'geojson', content: geojson }).expect(200);
    expect(total(again.body.created) + total(again.body.updated) + total(again.body.deleted)).toBe(0);
    const [{ n: mobile }] = await db.query(`SELECT count(*)::int AS n FROM location WHERE source_id = 'dallas-naloxone-2026' AND location_type = 'mobile'`);
    expect(mobile).toBe(features.filter((f) => f.geometry === null).length);

    // the same features as a spreadsheet export
    const columns = [
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
    const cell = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
    const csv = [
      columns.join(','),
      ...features.map((f) =>
        columns
          .map((c) => (c === 'latitude' ? cell(f.geometry?.coordinates[1]) : c === 'longitude' ? cell(f.geometry?.coordinates[0]) : cell(f.properties[c])))
          .join(','),
      ),
    ].join('\n');
    const mapping = JSON.parse(readFileSync(resolve(__dirname, '../docs/import-mapping.example.json'), 'utf8'));
    // under the GeoJSON import's own source name: the very same records, so nothing changes
    const same = await upload({ format: 'csv', content: csv, mapping }).expect(200);
    expect(same.body).toMatchObject({ committed: true, rows_read: 40, created: { locations: 0 }, updated: { locations: 0 }, unchanged: { locations: 40 } });
    // under a source of its own: 40 new listings, then nothing on a second run
    const own = { ...mapping, source: 'dallas-naloxone-2026-csv' };
    const created = await upload({ format: 'csv', content: csv, mapping: own }).expect(200);
    expect(created.body).toMatchObject({ committed: true, created: { organizations: 40, locations: 40 }, rejected: [] });
    const rerun = await upload({ format: 'csv', content: csv, mapping: own }).expect(200);
    expect(total(rerun.body.created) + total(rerun.body.updated) + total(rerun.body.deleted)).toBe(0);
  });

  describe('a one-letter typo in a mapping (issue 12: vending-machines for vending-machine)', () => {
    const typoMapping = (source: string) => {
      const mapping = JSON.parse(readFileSync(resolve(__dirname, '../docs/import-mapping.example.json'), 'utf8'));
      expect(mapping.terms.type['Freestanding Dispenser']).toEqual(['service.naloxone.vending-machine']);
      mapping.terms.type['Freestanding Dispenser'] = ['service.naloxone.vending-machines'];
      return { ...mapping, source };
    };
    const everything = async () => [
      ...(await Promise.all(['organization', 'service', 'location', 'service_at_location'].map(liveCount))),
      ...(await Promise.all(['change_log', 'audit_log', 'data_source'].map(async (t) => (await db.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n))),
      (await db.query(`SELECT last_imported_at FROM data_source WHERE id = 'dallas-naloxone-2026'`))[0]?.last_imported_at ?? null,
    ];

    it('over HTTP: 400 naming the code and the closest known ones, before any row is read; nothing changes', async () => {
      const geojson = readFileSync(join(DATA, 'dallas-naloxone-2026/naloxone_locations.geojson'), 'utf8');
      const before = await everything();
      // the source the Dallas test above imported: this run would have soft-deleted its 5 dispensers
      const dispensers = async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM service WHERE source_id = 'dallas-naloxone-2026' AND deleted_at IS NULL AND name = 'Naloxone vending machine'`,
          )
        )[0].n;
      const dispensersBefore = await dispensers();
      const res = await upload({ format: 'geojson', content: geojson, mapping: typoMapping('dallas-naloxone-2026') });
      expectProblem(res, 400, 'INVALID_PARAMETER', 'mapping.terms.type["Freestanding Dispenser"]');
      expect(res.body.invalid_params).toEqual([
        {
          name: 'mapping.terms.type["Freestanding Dispenser"]',
          reason: expect.stringMatching(
            /^'service\.naloxone\.vending-machines' is not a taxonomy code of this directory; closest: service\.naloxone\.vending-machine, /,
          ),
        },
      ]);
      expect(res.body.detail).toContain('service.naloxone.vending-machine,');
      expect(await everything()).toEqual(before);
      expect(await dispensers()).toBe(dispensersBefore);
      expect(dispensersBefore).toBe(5); // the 5 "Freestanding Dispenser" features

      // the same mapping on the CSV export of the map, and a dry run: refused alike
      const dry = await upload({
        format: 'csv',
        content: 'name,address,city,zip,type,category,access_247,hours_raw,verified_on,mobile,latitude,longitude\n',
        mapping: typoMapping('test-typo'),
        dry_run: true,
      });
      expectProblem(dry, 400, 'INVALID_PARAMETER', 'mapping.terms.type["Freestanding Dispenser"]');
      expect(await everything()).toEqual(before);
    });

    it('from the CLI: exit 1, the message names the right code, and nothing was written', () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'hrd-import-typo-'));
      try {
        const mappingFile = join(dataDir, 'typo-mapping.json');
        writeFileSync(mappingFile, JSON.stringify(typoMapping('dallas-naloxone-2026')));
        const file = join(DATA, 'dallas-naloxone-2026/naloxone_locations.geojson');
        const result = cliResult(dataDir, ['import', '--format', 'geojson', file, '--mapping', mappingFile]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(
          `mapping.terms.type["Freestanding Dispenser"]: 'service.naloxone.vending-machines' is not a taxonomy code of this directory; closest: service.naloxone.vending-machine,`,
        );
        expect(result.stdout).not.toMatch(/imported:/);
        // nothing of it is in the folder: a dry run of the right mapping would still create all 40 sites
        const dry = cliResult(dataDir, ['import', '--format', 'geojson', file, '--dry-run']);
        expect(dry.status).toBe(0);
        expect(dry.stdout).toMatch(/^\s+created\s+40\s+\d+\s+40\s+\d+$/m);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 240_000);
  });

  describe('phones, merges and HSDS versions with small fictional files', () => {
    const MAPPING = {
      source: 'test-phones-merges',
      licence: 'CC0-1.0',
      attribution: 'Fictional test rows',
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
          'walk-in': ['access.walk-in'],
        },
      },
    };
    const HEADER = 'name,street,city,state,zip,lat,lon,phone,hours,verified,type,mobile';
    afterAll(async () => {
      await db.query(`DELETE FROM organization WHERE source_id = 'test-phones-merges'`);
      await db.query(`DELETE FROM data_source WHERE id = 'test-phones-merges'`);
    });

    it("a row's phone reaches search results, in E.164 with the source's text kept; a bad one is a warning naming its line", async () => {
      // Amarillo, TX: no demo data within 5 km
      const csv = [
        HEADER,
        'Canyon Phone Test Site (fictional),1 Fictional Rd,Amarillo,TX,79101,35.2001,-101.8301,(806) 555-0140,,2026-03-01,office,',
        'Canyon Phone Test Van (fictional),,Amarillo,TX,79101,35.2011,-101.8311,806.555.0141 x7,,2026-03-01,office,true',
        'Canyon Bad Phone Site (fictional),3 Fictional Rd,Amarillo,TX,79101,35.2021,-101.8321,(806) 123-4567,,2026-03-01,office,',
      ].join('\n');
      const res = await upload({ format: 'csv', content: csv, mapping: MAPPING }).expect(200);
      expect(res.body).toMatchObject({ committed: true, rejected: [] });
      expect(res.body.warnings).toEqual([{ line: 4, message: 'phone "(806) 123-4567" is not a valid US number (no such area code or exchange); left out' }]);

      const search = await request(url)
        .get('/v1/search')
        .query({ near: '35.2001,-101.8301', radius: 5, service: 'service.naloxone.distribution', limit: 20 })
        .expect(200);
      const listings = [...search.body.data, ...(search.body.reaching ?? [])] as {
        organization: { name: string };
        phones: { number: string; original_text: string | null; extension: string | null }[];
      }[];
      const phonesOf = (name: string) => listings.find((l) => l.organization.name === name)?.phones.map((p) => [p.number, p.extension, p.original_text]);
      expect(phonesOf('Canyon Phone Test Site (fictional)')).toEqual([['+18065550140', null, '(806) 555-0140']]);
      expect(phonesOf('Canyon Phone Test Van (fictional)')).toEqual([['+18065550141', '7', '806.555.0141 x7']]);
      expect(phonesOf('Canyon Bad Phone Site (fictional)')).toEqual([]);
      // on the location (the site) and the service (the van), not the organization
      const [{ n: orgPhones }] = await db.query(
        `SELECT count(*)::int AS n FROM phone p JOIN organization o ON o.id = p.organization_id WHERE o.source_id = 'test-phones-merges'`,
      );
      expect(orgPhones).toBe(0);

      const graphql = await gql<{ search: { data: { organization: { name: string }; phones: { number: string; originalText: string | null }[] }[] } }>(
        url,
        `{ search(near: "35.2001,-101.8301", radius: 5, service: "service.naloxone.distribution", limit: 20) { data { organization { name } phones { number originalText } } } }`,
      );
      expect(graphql.errors).toBeUndefined();
      expect(graphql.data!.search.data.find((d) => d.organization.name === 'Canyon Phone Test Site (fictional)')!.phones).toEqual([
        { number: '+18065550140', originalText: '(806) 555-0140' },
      ]);
    });

    it('a 24/7 dispenser and the 8-5 office at one address stay two listings, each open when it is; re-imports in any order change nothing', async () => {
      // Lubbock, TX; the same organization, street address and phone on both rows
      const site = 'Caprock Mutual Aid (fictional),100 Fictional Ave,Lubbock,TX,79401,33.5779,-101.8552,(806) 555-0150';
      const dispenser = `${site},24/7,2026-03-01,dispenser,`;
      const office = `${site},Mon-Fri 8am-5pm,2026-01-15,office; walk-in,`;
      const text = (...rows: string[]) => [HEADER, ...rows].join('\n');
      const first = await upload({ format: 'csv', content: text(dispenser, office, dispenser), mapping: MAPPING }).expect(200);
      expect(first.body).toMatchObject({
        committed: true,
        rows_merged: 1, // the repeated dispenser row
        kept_apart: [
          {
            lines: [2, 3],
            name: 'Caprock Mutual Aid (fictional)',
            address: '100 Fictional Ave, Lubbock',
            differs_in: ['hours', 'access terms', 'verified date', 'service codes'],
          },
        ],
      });
      expect(first.body.created).toMatchObject({ locations: 1, services: 2, service_at_locations: 2 });

      // Wednesday 4 November 2026, 02:00 and 10:00 in Lubbock (CST, UTC-6)
      const openAt = async (at: string) => {
        const res = await request(url)
          .get('/v1/search')
          .query({ near: '33.5779,-101.8552', radius: 2, service: 'service.naloxone', open_at: at, limit: 20 })
          .expect(200);
        return (res.body.data as { organization: { name: string }; service: { name: string; assured_date: string | null } }[])
          .filter((r) => r.organization.name === 'Caprock Mutual Aid (fictional)')
          .map((r) => [r.service.name, r.service.assured_date])
          .sort();
      };
      expect(await openAt('2026-11-04T08:00:00Z')).toEqual([['Naloxone vending machine', '2026-03-01']]);
      expect(await openAt('2026-11-04T16:00:00Z')).toEqual([
        ['Naloxone distribution', '2026-01-15'],
        ['Naloxone vending machine', '2026-03-01'],
      ]);

      for (const rows of [
        [dispenser, office, dispenser],
        [office, dispenser],
      ]) {
        const again = await upload({ format: 'csv', content: text(...rows), mapping: MAPPING }).expect(200);
        expect(total(again.body.created) + total(again.body.updated) + total(again.body.deleted)).toBe(0);
      }
    });

    it('an HSDS 1.x (Ohana-style) package: rejected with the version and the way forward, nothing written', async () => {
      const dir = resolve(__dirname, 'fixtures/hsds-1x-ohana-style');
      const files = Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f.endsWith('.csv'))
          .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
      );
      expect(files['datapackage.json']).toBeUndefined();
      const before = await Promise.all(['organization', 'service', 'location'].map(liveCount));
      const res = await upload({ format: 'hsds', files }).expect(200);
      expect(res.body).toMatchObject({
        committed: false,
        rows_read: 0,
        format_version: expect.stringMatching(/^HSDS 1\.x \(regular_schedules\.csv, holiday_schedules\.csv, mail_addresses\.csv, no datapackage\.json\)$/),
      });
      expect(res.body.rejected).toEqual([
        {
          line: 0,
          reason: expect.stringMatching(
            /^HSDS 1\.x package detected \(regular_schedules\.csv, .*\): this importer reads HSDS 3\.0 tabular packages; convert it to HSDS 3\.0 .*README, "Importing HSDS"/,
          ),
        },
      ]);
      expect(await Promise.all(['organization', 'service', 'location'].map(liveCount))).toEqual(before);
    });
  });

  it('rejects the official HSDS example, naming its errors, and writes nothing; a corrected copy imports', async () => {
    const dir = join(DATA, 'hsds3-example');
    const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const before = await liveCount('organization');
    const res = await upload({ format: 'hsds', files }).expect(200);
    expect(res.body.committed).toBe(false);
    const reasons = res.body.rejected.map((r: { reason: string }) => r.reason).join('\n');
    expect(reasons).toMatch(/locations\.csv line 2: latitude 100 is out of range/);
    expect(reasons).toMatch(/locations\.csv line 2: organization_id '[^']+' does not match any organization/);
    expect(await liveCount('organization')).toBe(before);

    // the corrected copy: the coordinates and organization ids, plus the example's other deliberate errors
    const orgId = parse<Record<string, string>>(files['organizations.csv'], { columns: true })[0].id;
    const edit = (file: string, from: string, to: string) => {
      expect(files[file]).toContain(from);
      files[file] = files[file].split(from).join(to);
    };
    edit('locations.csv', ',100,101,', ',40.7128,-74.006,');
    edit('locations.csv', '985e4a42-bd9f-4edc-911d-0243a4640aca', orgId);
    edit('contacts.csv', 'ae67a707-5893-4225-b0b1-320ab9cb596b', orgId);
    edit('contacts.csv', '93eaf18d-1cd2-4ec7-bffb-3c9172ee5070', parse<Record<string, string>>(files['service_at_location.csv'], { columns: true })[0].id);
    edit('taxonomy_terms.csv', '07ff6aee-a219-438c-b694-d2fcb6c5373b', parse<Record<string, string>>(files['taxonomies.csv'], { columns: true })[0].id);
    edit('phones.csv', '"""+44 1234 234567"""', '+44 1234 234567');
    edit('addresses.csv', 'ABC 1234,US,postal', '12345,US,physical');
    edit(
      'service_areas.csv',
      ',extent,geojson,',
      ',"{""type"":""Polygon"",""coordinates"":[[[-74.1,40.6],[-73.9,40.6],[-73.9,40.8],[-74.1,40.8],[-74.1,40.6]]]}",geojson,',
    );
    edit('datapackage.json', '"name": "human_services_data"', '"name": "test-fixed"');
    const retry = await upload({ format: 'hsds', files }).expect(200);
    expect(retry.body.rejected).toEqual([]);
    expect(res.body.format_version).toBe('HSDS 3.0.0 (datapackage.json version 3.0.0)');
    expect(retry.body).toMatchObject({
      committed: true,
      source: 'hsds:test-fixed',
      created: { organizations: 1, services: 1, locations: 1, service_at_locations: 1 },
    });
  });

  it('a failure at row N of an import leaves nothing written', async () => {
    const geojson = JSON.parse(readFileSync(join(DATA, 'dallas-naloxone-2026/naloxone_locations.geojson'), 'utf8'));
    // a database-level failure while the 30th location is being inserted
    geojson.features[29].properties.name = 'FORCED FAILURE';
    await db.query(`CREATE FUNCTION test_fail_at_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name LIKE 'FORCED FAILURE%' THEN RAISE EXCEPTION 'forced failure at row 30'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER test_fail_at_row BEFORE INSERT ON location FOR EACH ROW EXECUTE FUNCTION test_fail_at_row()`);
    const counts = async () => Promise.all(['organization', 'service', 'location', 'service_at_location'].map(liveCount));
    const [changesBefore] = await db.query(`SELECT count(*)::int AS n FROM change_log`);
    const before = await counts();
    const mapping = { source: 'test-forced-failure', licence: 'CC BY 4.0', attribution: 'test' };
    const res = await upload({ format: 'geojson', content: JSON.stringify(geojson), mapping });
    expect(res.status).toBe(500);
    expect(await counts()).toEqual(before);
    expect((await db.query(`SELECT count(*)::int AS n FROM change_log`))[0].n).toBe(changesBefore.n);
    expect((await db.query(`SELECT count(*)::int AS n FROM data_source WHERE id = 'test-forced-failure'`))[0].n).toBe(0);
  });

  describe('text PostgreSQL cannot store (NUL, lone surrogates) in any cell: 400 naming the line, nothing written', () => {
    const counts = async () => [
      ...(await Promise.all(['organization', 'service', 'location', 'service_at_location'].map(liveCount))),
      (await db.query(`SELECT count(*)::int AS n FROM change_log`))[0].n,
      (await db.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n,
    ];
    const expectRejectedAt = async (body: object, where: RegExp) => {
      const before = await counts();
      const res = await upload(body);
      expectProblem(res, 400, 'INVALID_PARAMETER');
      expect(res.body.detail).toMatch(where);
      expect(JSON.stringify(res.body)).not.toContain('\\u0000');
      expect(await counts()).toEqual(before);
    };
    const otpWithCell = (line: number, from: RegExp, to: string) => {
      const lines = readFileSync(join(DATA, 'samhsa-otp-2022/otp-directory.csv'), 'latin1').split('\n');
      lines[line - 1] = lines[line - 1].replace(from, to);
      return lines.join('\n');
    };

    it('SAMHSA OTP CSV with a NUL on line 201 (the issue body)', async () => {
      await expectRejectedAt({ format: 'samhsa-otp', content: otpWithCell(201, /[A-Za-z]/, 'A\u0000') }, /line 201\b/);
    });

    it('a mapped CSV with a NUL in a cell, and one in a column the mapping does not use', async () => {
      const mapping = JSON.parse(readFileSync(resolve(__dirname, '../docs/import-mapping.example.json'), 'utf8'));
      const header = 'name,address,city,zip,type,category,access_247,hours_raw,source,verified_on,geocode_method,mobile,latitude,longitude';
      const row = (name: string, source = 'x') => `${name},1 Main St,Dallas,75201,Private Entity,harm_reduction,false,,${source},,,false,32.78,-96.8`;
      const csv = [header, row('Site A (fictional)'), row('Site B (fictional)'), row('Site \u0000C (fictional)')].join('\n');
      await expectRejectedAt({ format: 'csv', content: csv, mapping: { ...mapping, source: 'test-nul-csv' } }, /line 4\b/);
      const unused = [header, row('Site A (fictional)'), row('Site B (fictional)', 'so\u0000urce')].join('\n');
      await expectRejectedAt({ format: 'csv', content: unused, mapping: { ...mapping, source: 'test-nul-csv' } }, /line 3\b/);
    });

    it('GeoJSON with an escaped NUL or a lone surrogate in a property of feature 30', async () => {
      for (const bad of ['NUL\u0000name', 'lone \ud800 surrogate']) {
        const geojson = JSON.parse(readFileSync(join(DATA, 'dallas-naloxone-2026/naloxone_locations.geojson'), 'utf8'));
        geojson.features[29].properties.name = bad;
        const mapping = { source: 'test-nul-geojson', licence: 'CC BY 4.0', attribution: 'test' };
        await expectRejectedAt({ format: 'geojson', content: JSON.stringify(geojson), mapping }, /(line|feature) 30\b/);
      }
    });

    it('an HSDS package with a NUL in organizations.csv', async () => {
      const dir = join(DATA, 'hsds3-example');
      const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      const [header, first, ...rest] = files['organizations.csv'].split('\n');
      files['organizations.csv'] = [header, first.replace(/[A-Za-z]/, 'O\u0000'), ...rest].join('\n');
      await expectRejectedAt({ format: 'hsds', files }, /organizations\.csv line 2\b/);
    });
  });

  it('the import CLI reports a NUL on line 201 with its line and writes nothing', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hrd-import-cli-'));
    try {
      const file = join(dataDir, 'otp-nul.csv');
      const lines = readFileSync(join(DATA, 'samhsa-otp-2022/otp-directory.csv'), 'latin1').split('\n');
      lines[200] = lines[200].replace(/[A-Za-z]/, 'A\u0000');
      writeFileSync(file, lines.join('\n'), 'latin1');
      const result = cliResult(dataDir, ['import', '--format', 'samhsa-otp', file]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/line 201\b/);
      expect(result.stdout).not.toMatch(/imported:/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('an imported hidden-address site: its exact point is not in the audit log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hrd-hidden-import-'));
    try {
      const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      writeHsdsPackage(
        dir,
        {
          organizations: [{ id: ID(1), name: 'Hidden import org (fictional)', description: 'Test' }],
          services: [],
          locations: [
            {
              id: ID(2),
              organization_id: ID(1),
              location_type: 'physical',
              name: 'Hidden import site',
              address_visibility: 'approximate',
              geometry: { type: 'Point', coordinates: [-96.761234, 32.761234] },
              address: { address_1: null, city: 'Dallas', state_province: 'TX', postal_code: '75215', country: 'US' },
            },
          ],
          serviceAtLocations: [],
        },
        { name: 'test-hidden', licence: { name: 'CC-BY-4.0' } },
      );
      const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      const res = await upload({ format: 'hsds', files }).expect(200);
      expect(res.body).toMatchObject({ committed: true, created: { locations: 1 } });
      const [{ id }] = await db.query(`SELECT id FROM location WHERE source_id = 'hsds:test-hidden'`);
      const audit = await request(url).get('/v1/audit').query({ entity: 'location', entity_id: id }).set(bearer(keys.admin)).expect(200);
      expect(audit.body.data).toHaveLength(1);
      expect(audit.text).not.toMatch(/761234/);
      expect(audit.body.data[0].after).toMatchObject({ latitude: 32.76, longitude: -96.76, address_visibility: 'approximate' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.query(`DELETE FROM organization WHERE source_id = 'hsds:test-hidden'`);
      await db.query(`DELETE FROM data_source WHERE id = 'hsds:test-hidden'`);
    }
  });

  it('needs the write scope, and rejects unreadable input with 400', async () => {
    expectProblem(await request(url).post('/v1/imports').send({ format: 'geojson', content: '{}' }), 401, 'UNAUTHENTICATED');
    expectProblem(await request(url).post('/v1/imports').set(bearer(keys.read)).send({ format: 'geojson', content: '{}' }), 403, 'FORBIDDEN');
    expectProblem(await upload({ format: 'geojson', content: 'not json' }), 400, 'INVALID_PARAMETER', 'content');
    expectProblem(await upload({ format: 'pdf', content: 'x' }), 400, 'INVALID_PARAMETER', 'format');
    expectProblem(await upload({ format: 'csv', content: 'a,b\n1,2' }), 400, 'INVALID_PARAMETER', 'mapping');
  });
});
