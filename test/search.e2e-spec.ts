import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { geodesicDistanceMeters } from './support/geodesic';
import { cursorForger } from './support/cursors';
import { gql } from './support/graphql';
import { isOpenAt } from './support/hours';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

interface Result {
  id: string;
  reach: string;
  distance_m: number;
  open_now: boolean | null;
  languages: string[];
  schedules: { byday: string[]; opens_at: string; closes_at: string; timezone: string }[];
  service: { id: string; attributes: { code: string }[]; languages: string[] };
  location: { id: string; location_type: string; geometry: { coordinates: [number, number] } | null; languages: string[]; address_visibility: string };
}

const DALLAS = '32.7767,-96.7970';

describe('search', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  const search = async (query: Record<string, unknown>): Promise<Result[]> => (await request(url).get('/v1/search').query(query).expect(200)).body.data;

  async function searchAll(query: Record<string, unknown>, limit = 100): Promise<Result[]> {
    const all: Result[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(url)
        .get('/v1/search')
        .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
        .expect(200);
      all.push(...res.body.data);
      cursor = res.body.page.next_cursor ?? undefined;
    } while (cursor);
    return all;
  }

  it('finds the nearest sites first, with geodesic distances, none beyond the radius', async () => {
    const results = await searchAll({ near: DALLAS, radius: 12 });
    expect(results.length).toBeGreaterThan(5);
    const [lat, lng] = DALLAS.split(',').map(Number);
    for (let i = 1; i < results.length; i++) expect(results[i].distance_m).toBeGreaterThanOrEqual(results[i - 1].distance_m);
    for (const r of results.filter((r) => r.reach === 'on_site' && r.location.geometry)) {
      const [plng, plat] = r.location.geometry!.coordinates;
      const reference = geodesicDistanceMeters(lat, lng, plat, plng);
      expect(reference).toBeLessThanOrEqual(12_000 + 1);
      if (r.location.address_visibility === 'public') expect(Math.abs(r.distance_m - reference)).toBeLessThanOrEqual(reference * 0.005 + 0.1);
    }
    // and every live public site in the radius is there (other suites share this database and may have deleted some)
    const inRadius: { id: string }[] = await db.query(
      `SELECT sal.id FROM location l JOIN service_at_location sal ON sal.location_id = l.id JOIN service s ON s.id = sal.service_id
         JOIN organization o ON o.id = s.organization_id
        WHERE s.status = 'active' AND ST_DWithin(l.public_point, ST_MakePoint($2, $1)::geography, 12000)
          AND sal.deleted_at IS NULL AND s.deleted_at IS NULL AND l.deleted_at IS NULL AND o.deleted_at IS NULL`,
      [lat, lng],
    );
    expect(inRadius.length).toBeGreaterThan(5);
    expect(results.map((r) => r.id)).toEqual(expect.arrayContaining(inRadius.map((r) => r.id)));
  });

  it('measures distances within 0.5% of an independent geodesic, in Alaska, Hawaii, Puerto Rico and across the antimeridian', async () => {
    // a fixture at 179.6°E searched from 179.9°W, across the antimeridian
    const [{ id: orgId }] = await db.query(
      `INSERT INTO organization (name, description) VALUES ('Test Aleutian Outreach (fictional)', 'Test fixture.') RETURNING id`,
    );
    try {
      const [{ id: locId }] = await db.query(
        `INSERT INTO location (organization_id, location_type, name, latitude, longitude, address_1, city, state_province, postal_code)
         VALUES ($1, 'physical', 'Amchitka test site', 51.9, 179.6, '1 Test Rd', 'Adak', 'AK', '99546') RETURNING id`,
        [orgId],
      );
      const [{ id: svcId }] = await db.query(`INSERT INTO service (organization_id, name) VALUES ($1, 'Test naloxone') RETURNING id`, [orgId]);
      await db.query(`INSERT INTO service_at_location (service_id, location_id) VALUES ($1, $2)`, [svcId, locId]);
      const origins = [
        [51.95, -179.9], // across the antimeridian from the fixture
        [61.2181, -149.9003], // Anchorage
        [21.3069, -157.8583], // Honolulu
        [18.4655, -66.1057], // San Juan
        [32.7767, -96.797], // Dallas
      ];
      let checked = 0;
      for (const [lat, lng] of origins) {
        const results = await search({ near: `${lat},${lng}`, radius: 300, limit: 100 });
        expect(results.length).toBeGreaterThan(0);
        for (const r of results.filter((x) => x.location.geometry && x.location.address_visibility === 'public' && x.reach !== 'by_mail' && x.distance_m > 0)) {
          const [plng, plat] = r.location.geometry!.coordinates;
          const reference = geodesicDistanceMeters(lat, lng, plat, plng);
          expect(Math.abs(r.distance_m - reference)).toBeLessThanOrEqual(reference * 0.005);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50);
      const attu = await search({ near: '51.95,-179.9', radius: 50 });
      expect(attu.map((r) => r.location.id)).toContain(locId);
    } finally {
      await db.query(`DELETE FROM organization WHERE id = $1`, [orgId]);
    }
  });

  it('matches a parent service code to its descendants, OR within a filter and AND across filters', async () => {
    const moud = await searchAll({ near: DALLAS, radius: 300, service: 'service.moud' });
    expect(moud.length).toBeGreaterThan(0);
    for (const r of moud) expect(r.service.attributes.some((a) => a.code.startsWith('service.moud.'))).toBe(true);
    const bup = await searchAll({ near: DALLAS, radius: 300, service: 'service.moud.buprenorphine' });
    const meth = await searchAll({ near: DALLAS, radius: 300, service: 'service.moud.methadone' });
    const either = await searchAll({ near: DALLAS, radius: 300, service: 'service.moud.buprenorphine,service.moud.methadone' });
    expect(new Set(either.map((r) => r.id))).toEqual(new Set([...bup, ...meth].map((r) => r.id)));
    const both = await searchAll({ near: DALLAS, radius: 300, service: 'service.moud', language: 'es' });
    expect(new Set(both.map((r) => r.id))).toEqual(
      new Set(moud.filter((r) => [...r.service.languages, ...r.location.languages].includes('es')).map((r) => r.id)),
    );
    expect(both.length).toBeLessThan(moud.length);
  });

  it('filters by transport, access, population, principle, keyword and verification date', async () => {
    const all = await searchAll({ near: DALLAS, radius: 300 });
    const transit = await searchAll({ near: DALLAS, radius: 300, transport: 'transport.near-public-transit' });
    expect(transit.length).toBeGreaterThan(0);
    expect(transit.length).toBeLessThan(all.length);
    const walkIn = await searchAll({ near: DALLAS, radius: 300, access: 'access.walk-in' });
    expect(walkIn.length).toBeGreaterThan(0);
    const principled = await searchAll({ near: DALLAS, radius: 300, principle: 'principle.peer-empowerment' });
    expect(principled.length).toBeGreaterThan(0);
    expect(principled.length).toBeLessThan(all.length);
    const typo = await search({ near: DALLAS, radius: 300, q: 'naloxon' });
    expect(typo.length).toBeGreaterThan(0);
    const recent = await searchAll({ near: DALLAS, radius: 300, verified_within_days: 90 });
    expect(recent.length).toBeLessThan(all.length);
  });

  it("evaluates open_at in each location's own time zone (Honolulu open while New York is closed)", async () => {
    const instant = new Date('2026-11-26T22:30:00Z'); // Thu 12:30 in Honolulu, 17:30 in New York
    for (const bbox of ['-158.4,21.2,-157.6,21.8', '-74.3,40.5,-73.6,41.0']) {
      const all = await searchAll({ bbox });
      const open = await searchAll({ bbox, open_at: '2026-11-26T12:30:00-10:00' });
      const expected = all.filter((r) => isOpenAt(r.schedules, instant)).map((r) => r.id);
      expect(new Set(open.map((r) => r.id))).toEqual(new Set(expected));
      for (const r of open) expect(r.open_now).toBe(true);
      expect(all.length).toBeGreaterThan(open.length);
    }
    expect((await searchAll({ bbox: '-158.4,21.2,-157.6,21.8', open_at: '2026-11-26T12:30:00-10:00' })).length).toBeGreaterThan(0);
  });

  it('lists mobile and by-mail programs whose service area covers a rural point apart, in reaching', async () => {
    const res = await request(url).get('/v1/search').query({ near: '31.0,-100.5', radius: 5, service: 'service.naloxone' }).expect(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.reaching.length).toBeGreaterThan(0);
    expect(res.body.reaching.every((r: Result) => r.reach === 'by_mail' && !('distance_m' in r))).toBe(true);
  });

  it('coarsens hidden-address sites in search: grid point, distance rounded to 100 m', async () => {
    const results = await searchAll({ postal_code: '75215', radius: 5 });
    const hidden = results.filter((r) => r.location.address_visibility === 'approximate');
    expect(hidden.length).toBeGreaterThan(0);
    for (const r of hidden) {
      expect(r.distance_m % 100).toBe(0);
      const [lng, lat] = r.location.geometry!.coordinates;
      expect(Math.abs(Math.round(lat / 0.02) * 0.02 - lat)).toBeLessThan(1e-9);
      expect(Math.abs(Math.round(lng / 0.02) * 0.02 - lng)).toBeLessThan(1e-9);
    }
  });

  it('pages without repeating or skipping a result, with a Link header', async () => {
    const whole = await search({ near: DALLAS, radius: 50, limit: 100 });
    const paged = await searchAll({ near: DALLAS, radius: 50 }, 7);
    expect(paged.map((r) => r.id)).toEqual(whole.map((r) => r.id));
    const first = await request(url).get('/v1/search').query({ near: DALLAS, radius: 50, limit: 7 }).expect(200);
    expect(first.headers.link).toMatch(/^<\/v1\/search\?.*cursor=.*>; rel="next"$/);
  });

  it('answers GeoJSON for Accept: application/geo+json or format=geojson', async () => {
    const byAccept = await request(url).get('/v1/search').query({ postal_code: '75215' }).set('accept', 'application/geo+json').expect(200);
    expect(byAccept.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(byAccept.body.type).toBe('FeatureCollection');
    const feature = byAccept.body.features.find((f: { geometry: unknown }) => f.geometry);
    expect(feature).toMatchObject({ type: 'Feature', geometry: { type: 'Point' }, properties: { reach: expect.any(String) } });
    const byParam = await request(url).get('/v1/search').query({ postal_code: '75215', format: 'geojson' }).expect(200);
    expect(byParam.body.features.map((f: { id: string }) => f.id)).toEqual(byAccept.body.features.map((f: { id: string }) => f.id));
  });

  it.each([
    [{ near: '95,-96.8' }, 'near'],
    [{ near: '32.7,-200' }, 'near'],
    [{ near: 'here' }, 'near'],
    [{ near: DALLAS, radius: 0 }, 'radius'],
    [{ near: DALLAS, radius: -3 }, 'radius'],
    [{ near: DALLAS, radius: 301 }, 'radius'],
    [{ near: DALLAS, radius: 'far' }, 'radius'],
    [{ bbox: '-96,33,-97,32' }, 'bbox'],
    [{ bbox: '-97,33,-96,32' }, 'bbox'],
    [{ postal_code: '00000' }, 'postal_code'],
    [{ postal_code: 'ABCDE' }, 'postal_code'],
    [{ near: DALLAS, service: 'service.teleportation' }, 'service'],
    [{ near: DALLAS, service: 'access.walk-in' }, 'service'],
    [{ near: DALLAS, language: 'klingon' }, 'language'],
    [{ near: DALLAS, open_at: '2026-11-26T12:30:00' }, 'open_at'],
    [{ near: DALLAS, open_now: 'maybe' }, 'open_now'],
    [{ near: DALLAS, limit: 0 }, 'limit'],
    [{ near: DALLAS, limit: 101 }, 'limit'],
    [{ near: DALLAS, postal_code: '75215' }, 'near'],
    [{}, 'near'],
  ])('rejects %j with 400 naming %s', async (query, param) => {
    expectProblem(await request(url).get('/v1/search').query(query), 400, 'INVALID_PARAMETER', param);
  });

  it('rejects a tampered cursor with 400', async () => {
    const res = await request(url).get('/v1/search').query({ near: DALLAS, limit: 2 }).expect(200);
    const forge = await cursorForger(db);
    // signed for this very search, but the key is not a (distance, id): refused behind the signature too
    const tampered = forge.key(['search', [['near', DALLAS]]], ['x', 'y']);
    expectProblem(await request(url).get('/v1/search').query({ near: DALLAS, cursor: tampered }), 400, 'INVALID_CURSOR', 'cursor');
    await request(url)
      .get('/v1/search')
      .query({ near: DALLAS, cursor: forge.key(['search', [['near', DALLAS]]], [0, '00000000-0000-4000-8000-000000000000']) })
      .expect(200);
    expect(res.body.page.next_cursor).toEqual(expect.any(String));
  });

  it('GraphQL search returns the same ids in the same order, with the same error codes', async () => {
    const rest = await search({ postal_code: '75215', radius: 20, service: 'service.naloxone', limit: 30 });
    const result = await gql<{ search: { data: { id: string; reach: string; distanceM: number }[] } }>(
      url,
      `{ search(postal_code: "75215", radius: 20, service: "service.naloxone", limit: 30) { data { id reach distanceM } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.search.data.map((r) => r.id)).toEqual(rest.map((r) => r.id));
    const bad = await gql(url, `{ search(near: "95,0") { data { id } } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('INVALID_PARAMETER');
  });

  const LIST = '[String!]';
  const GRAPHQL_TYPES: Record<string, string> = {
    radius: 'Float',
    limit: 'Int',
    verified_within_days: 'Int',
    open_now: 'Boolean',
    radius_unit: 'RadiusUnit',
    service: LIST,
    language: LIST,
    transport: LIST,
    access: LIST,
    population: LIST,
    principle: LIST,
  };

  /** Runs the same parameters through GraphQL `search`, typed as the schema declares them. */
  async function graphqlSearch(query: Record<string, unknown>) {
    const names = Object.keys(query);
    const declared = names.map((n) => `$${n}: ${GRAPHQL_TYPES[n] ?? 'String'}`).join(', ');
    const passed = names.map((n) => `${n}: $${n}`).join(', ');
    return gql<{ search: { data: { id: string }[] } }>(
      url,
      `query${declared ? `(${declared})` : ''} { search${passed ? `(${passed})` : ''} { data { id } } }`,
      query,
    );
  }

  it.each([
    { near: DALLAS, radius: 40, limit: 100 },
    { postal_code: '75215', radius: 25, service: 'service.moud', limit: 100 },
    { near: DALLAS, radius: 300, language: 'es,vi', transport: 'transport.near-public-transit', limit: 100 },
    { near: DALLAS, radius: 300, access: 'access.walk-in', population: 'population.youth', limit: 100 },
    { near: DALLAS, radius: 300, principle: 'principle.non-judgmental', q: 'syringe', limit: 100 },
    { bbox: '-158.4,21.2,-157.6,21.8', open_at: '2026-11-26T12:30:00-10:00', limit: 100 },
    { near: '61.2181,-149.9003', radius: 50, radius_unit: 'mi', verified_within_days: 400, limit: 100 },
    { near: '31.0,-100.5', radius: 5, service: 'service.naloxone.by-mail' },
  ])('GraphQL and REST agree on %j', async (query) => {
    const rest = await search(query);
    const result = await graphqlSearch(query);
    expect(result.errors).toBeUndefined();
    expect(result.data!.search.data.map((r) => r.id)).toEqual(rest.map((r) => r.id));
  });

  it.each([
    { near: '95,-96.8' },
    { near: DALLAS, radius: 0 },
    { near: DALLAS, radius: 301 },
    { bbox: '-96,33,-97,32' },
    { postal_code: '00000' },
    { near: DALLAS, service: 'service.teleportation' },
    { near: DALLAS, language: 'klingon' },
    { near: DALLAS, open_at: '2026-11-26T12:30:00' },
    { near: DALLAS, limit: 101 },
    { near: DALLAS, postal_code: '75215' },
    {},
  ])('GraphQL rejects %j with INVALID_PARAMETER, like REST', async (query) => {
    const result = await graphqlSearch(query);
    expect(result.errors?.[0].extensions?.code).toBe('INVALID_PARAMETER');
    expect(result.data).toBeNull();
  });

  it('open_now=true keeps only what is open at the moment of the request', async () => {
    const before = new Date();
    const open = await searchAll({ near: DALLAS, radius: 300, open_now: true });
    const after = new Date();
    const all = await searchAll({ near: DALLAS, radius: 300 });
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(all.length);
    for (const r of open) expect(isOpenAt(r.schedules, before) || isOpenAt(r.schedules, after)).toBe(true);
  });

  it('issues a bounded number of SQL queries per page, whatever its size', async () => {
    const spy = jest.spyOn(db, 'query');
    const count = async (limit: number) => {
      spy.mockClear();
      const result = await gql(
        url,
        `{ search(near: "${DALLAS}", radius: 100, limit: ${limit}) { data { id organization { name } service { name } location { name } phones { number } schedules { opensAt } } } }`,
      );
      expect(result.errors).toBeUndefined();
      return spy.mock.calls.length;
    };
    const small = await count(2);
    const large = await count(100);
    spy.mockRestore();
    expect(large).toBe(small);
  });
});
