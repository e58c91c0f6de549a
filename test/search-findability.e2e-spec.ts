import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { bearer, createKeys } from './support/api-keys';
import { geodesicDistanceMeters } from './support/geodesic';
import { gql } from './support/graphql';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

/**
 * Issue 12: search finds what a person in a hurry asks for. Each check uses an
 * oracle outside the search statement: coordinates read back from the tables
 * and measured with an independent geodesic, set algebra over simpler
 * searches, or records written through the API.
 */
interface Listing {
  id: string;
  reach: string;
  distance_m?: number;
  phones: { number: string }[];
  service: { id: string; attributes: { code: string }[] };
  location: { id: string; location_type: string; geometry: { coordinates: [number, number] } | null; attributes: { code: string }[] };
  organization: { id: string };
}
interface Page {
  data: Listing[];
  reaching: Listing[];
  page: {
    limit: number;
    next_cursor: string | null;
    origin: { latitude: number; longitude: number; source: string; precision_m: number; label: string | null };
  };
}

describe('search: places first, reaching apart, AND filters, the origin echoed', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  const page = async (query: Record<string, unknown> | string): Promise<Page> =>
    (
      await request(url)
        .get(`/v1/search${typeof query === 'string' ? `?${query}` : ''}`)
        .query(typeof query === 'string' ? {} : query)
        .expect(200)
    ).body;

  async function allPlaces(query: string): Promise<Listing[]> {
    const all: Listing[] = [];
    let cursor: string | null = null;
    do {
      const body: Page = await page(`${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...body.data);
      if (cursor) expect(body.reaching).toEqual([]); // reaching: first page only
      cursor = body.page.next_cursor;
    } while (cursor);
    return all;
  }

  it('puts every place within the radius in data, nearest first, and no by-mail program there', async () => {
    const [lat, lng] = [32.7767, -96.797];
    const places = await allPlaces(`near=${lat},${lng}&radius=20&service=service.naloxone`);
    // independent oracle: every live non-virtual location with a naloxone service, measured here
    const rows: { sal: string; latitude: number; longitude: number; visibility: string }[] = await db.query(
      `SELECT DISTINCT sal.id AS sal, l.latitude::float8 AS latitude, l.longitude::float8 AS longitude, l.address_visibility AS visibility
         FROM service_at_location sal JOIN location l ON l.id = sal.location_id JOIN service s ON s.id = sal.service_id
         JOIN organization o ON o.id = s.organization_id JOIN attribute a ON a.service_id = s.id
        WHERE a.taxonomy_term_code LIKE 'service.naloxone%' AND l.location_type <> 'virtual' AND l.latitude IS NOT NULL
          AND s.status = 'active' AND s.deleted_at IS NULL AND l.deleted_at IS NULL AND sal.deleted_at IS NULL AND o.deleted_at IS NULL`,
    );
    // hidden-address sites are measured from a coarsened point: leave the 1 km band around the edge out of the comparison
    const inside = rows.filter((r) => geodesicDistanceMeters(lat, lng, r.latitude, r.longitude) < (r.visibility === 'public' ? 20_000 : 19_000));
    const near = new Set(places.map((p) => p.id));
    expect(inside.length).toBeGreaterThan(5);
    for (const r of inside) expect(near).toContain(r.sal);
    expect(places.every((p) => p.location.location_type !== 'virtual' && typeof p.distance_m === 'number')).toBe(true);
    for (let i = 1; i < places.length; i++) expect(places[i].distance_m!).toBeGreaterThanOrEqual(places[i - 1].distance_m!);
  });

  it('keeps the by-mail programs and area-only outreach in reaching, never ahead of a walkable place', async () => {
    const body = await page('postal_code=75215&service=service.naloxone&limit=10');
    expect(body.data.length).toBeGreaterThan(3);
    expect(body.data[0].reach).toBe('on_site');
    expect(body.data.some((p) => p.location.location_type === 'virtual')).toBe(false);
    expect(body.reaching.length).toBeGreaterThan(0);
    expect(body.reaching.some((r) => r.reach === 'by_mail')).toBe(true);
    const placeIds = new Set(body.data.map((p) => p.id));
    for (const r of body.reaching) {
      expect(placeIds.has(r.id)).toBe(false);
      expect(r).not.toHaveProperty('distance_m');
      // the oracle: PostGIS says its service area covers the origin the response echoes
      const [{ covers }] = await db.query(
        `SELECT ST_Intersects(service_area, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography) AS covers FROM location WHERE id = $3`,
        [body.page.origin.latitude, body.page.origin.longitude, r.location.id],
      );
      expect(covers).toBe(true);
    }
  });

  it('ANDs a repeated filter and ORs commas, like the set algebra of single searches', async () => {
    const base = 'near=32.7767,-96.797&radius=300';
    const ids = async (q: string) => new Set((await allPlaces(`${base}&${q}`)).map((p) => p.id));
    const [walkIn, free] = [await ids('access=access.walk-in'), await ids('access=access.free')];
    const both = await ids('access=access.walk-in&access=access.free');
    const either = await ids('access=access.walk-in,access.free');
    expect([...both].sort()).toEqual([...walkIn].filter((id) => free.has(id)).sort());
    expect([...either].sort()).toEqual([...new Set([...walkIn, ...free])].sort());
    expect(both.size).toBeGreaterThan(0);
    expect(both.size).toBeLessThan(either.size);
    // GraphQL: each list item is a group
    const result = await gql<{ search: { data: { id: string }[] } }>(
      url,
      `query($a: [String!]) { search(near: "32.7767,-96.797", radius: 300, access: $a, limit: 100) { data { id } } }`,
      { a: ['access.walk-in', 'access.free'] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.search.data.every((r) => both.has(r.id))).toBe(true);
  });

  it('rejects a repeated non-filter parameter, and too many repetitions, with a 400 that names it', async () => {
    expectProblem(await request(url).get('/v1/search?near=32.7,-96.8&near=40,-70'), 400, 'INVALID_PARAMETER', 'near');
    const many = Array.from({ length: 9 }, () => 'access=access.free').join('&');
    expectProblem(await request(url).get(`/v1/search?near=32.7,-96.8&${many}`), 400, 'INVALID_PARAMETER', 'access');
  });

  it('echoes the origin it searched from', async () => {
    const near = await page('near=32.7767,-96.797&limit=1');
    expect(near.page.origin).toEqual({ latitude: 32.7767, longitude: -96.797, source: 'near', precision_m: 0, label: null });
    const zip = await page('postal_code=75215&limit=1');
    expect(zip.page.origin).toMatchObject({ source: 'postal_code', label: expect.stringContaining('75215') });
    expect(zip.page.origin.precision_m).toBeGreaterThan(0);
    // 75215 is South Dallas: its point is within 5 km of Fair Park (32.779, -96.760)
    expect(geodesicDistanceMeters(zip.page.origin.latitude, zip.page.origin.longitude, 32.779, -96.76)).toBeLessThan(5_000);
    const box = await page('bbox=-97,32,-96,33&limit=1');
    expect(box.page.origin).toMatchObject({ latitude: 32.5, longitude: -96.5, source: 'bbox' });
    const graphql = await gql<{ search: { page: { origin: { source: string; precisionM: number } } } }>(
      url,
      `{ search(postal_code: "75215", limit: 1) { page { origin { source precisionM label } } } }`,
    );
    expect(graphql.data!.search.page.origin).toMatchObject({ source: 'postal_code', precisionM: zip.page.origin.precision_m });
  });

  it.each([
    ['narcan', 'service.naloxone'],
    ['Suboxone', 'service.moud.buprenorphine'],
    ['needle exchange', 'service.syringe-services'],
    ['xylazine', 'service.drug-checking.xylazine-test-strips'],
    ['intercambio de jeringas', 'service.syringe-services'],
    ['methadone clinic', 'service.moud.methadone'],
    ['narcn', 'service.naloxone'],
  ])('q=%s finds what service=%s finds, as the words a person types', async (q, code) => {
    const base = 'near=32.7767,-96.797&radius=60';
    const byCode = await allPlaces(`${base}&service=${code}`);
    const byWords = await allPlaces(`${base}&q=${encodeURIComponent(q)}`);
    expect(byCode.length).toBeGreaterThan(0);
    const found = new Set(byWords.map((p) => p.id));
    for (const p of byCode) expect(found).toContain(p.id);
    // and nothing unrelated: every extra hit says the words itself
    const coded = new Set(byCode.map((p) => p.id));
    for (const p of byWords.filter((p) => !coded.has(p.id))) {
      const text = JSON.stringify([p.service, p.location, p.organization]).toLowerCase();
      expect(text).toContain(q.toLowerCase().split(' ')[0].slice(0, 4));
    }
  });

  it('q naming terms of two branches ANDs them: "free narcan" is free and naloxone', async () => {
    const base = 'near=32.7767,-96.797&radius=60';
    const both = new Set((await allPlaces(`${base}&service=service.naloxone&access=access.free`)).map((p) => p.id));
    const words = await allPlaces(`${base}&q=free%20narcan`);
    expect(both.size).toBeGreaterThan(0);
    const found = new Set(words.map((p) => p.id));
    for (const id of both) expect(found).toContain(id);
    // beyond those, only listings whose own text says the words
    const extras = words.filter((p) => !both.has(p.id));
    for (const p of extras) expect(JSON.stringify([p.service, p.organization, p.location]).toLowerCase()).toContain('free narcan');
  });

  it.each([
    ['es-MX', 'es', '32.7767,-96.797'],
    ['spa', 'es', '32.7767,-96.797'],
    ['SP', 'es', '32.7767,-96.797'],
    ['es-419', 'es', '32.7767,-96.797'],
    ['ASL', 'ase', '40.73,-73.9'],
    ['sgn-US', 'ase', '40.73,-73.9'],
    ['vie', 'vi', '32.7767,-96.797'],
  ])('language=%s finds what language=%s finds', async (tag, code, near) => {
    const base = `near=${near}&radius=300`;
    const expected = (await allPlaces(`${base}&language=${code}`)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect((await allPlaces(`${base}&language=${encodeURIComponent(tag)}`)).map((p) => p.id)).toEqual(expected);
  });

  it.each(['xx-YY', 'klingon', 'x-private', 'es_MX'])('language=%s is a 400 naming the accepted forms', async (tag) => {
    const res = await request(url).get('/v1/search').query({ near: '32.7,-96.8', language: tag });
    expectProblem(res, 400, 'INVALID_PARAMETER', 'language');
    expect(res.body.detail).toMatch(/ISO 639.*BCP 47.*FindTreatment/);
  });

  it('searches Anchorage from Anchorage: 99503 finds what its own coordinates find', async () => {
    const zip = await page('postal_code=99503&radius=10');
    // Midtown Anchorage is at about 61.19,-149.88 (the Census ZCTA point is 450 km west)
    expect(geodesicDistanceMeters(zip.page.origin.latitude, zip.page.origin.longitude, 61.19, -149.88)).toBeLessThan(10_000);
    expect(zip.page.origin.label).toMatch(/Anchorage, AK/);
    expect(zip.data.length).toBeGreaterThan(0);
    const fairbanks = await page('postal_code=99701&limit=1');
    expect(geodesicDistanceMeters(fairbanks.page.origin.latitude, fairbanks.page.origin.longitude, 64.84, -147.72)).toBeLessThan(15_000);
  });

  it.each([
    ['99950', 55.34, -131.64, 'Ketchikan'],
    ['96801', 21.31, -157.86, 'Honolulu'],
    ['01441', 42.55, -71.9, 'Westminster'],
  ])('resolves the PO-box or unique ZIP %s to its post office town', async (zip, lat, lng, town) => {
    const body = await page(`postal_code=${zip}&limit=1`);
    expect(body.page.origin.label).toMatch(new RegExp(town, 'i'));
    expect(geodesicDistanceMeters(body.page.origin.latitude, body.page.origin.longitude, lat, lng)).toBeLessThan(15_000);
    expect(body.page.origin.precision_m).toBeGreaterThanOrEqual(5_000);
  });

  it('answers a military ZIP with a 400 that says what to do', async () => {
    const res = await request(url).get('/v1/search').query({ postal_code: '09001' });
    expectProblem(res, 400, 'INVALID_PARAMETER', 'postal_code');
    expect(res.body.detail).toMatch(/military.*near=/);
  });

  it('accepts place=City, ST and asks for the state when a name is in several', async () => {
    const dallas = await page('place=Dallas,%20TX&limit=1');
    expect(dallas.page.origin).toMatchObject({ source: 'place', label: 'Dallas, TX' });
    expect(geodesicDistanceMeters(dallas.page.origin.latitude, dallas.page.origin.longitude, 32.78, -96.8)).toBeLessThan(10_000);
    const springfield = await request(url).get('/v1/search').query({ place: 'Springfield' });
    expectProblem(springfield, 400, 'INVALID_PARAMETER', 'place');
    expect(springfield.body.detail).toMatch(/several states.*Springfield, [A-Z]{2}/);
    expectProblem(await request(url).get('/v1/search').query({ place: 'Atlantis, ZZ' }), 400, 'INVALID_PARAMETER', 'place');
  });

  describe('a bbox across the antimeridian', () => {
    let keys: Awaited<ReturnType<typeof createKeys>>;
    const created: string[] = [];
    beforeAll(async () => {
      keys = await createKeys(app, 'antimeridian');
      const org = await request(url)
        .post('/v1/organizations')
        .set(bearer(keys.write))
        .send({ name: 'Test Aleutian Outreach (fictional)', description: 'Test record.' })
        .expect(201);
      const service = await request(url)
        .post('/v1/services')
        .set(bearer(keys.write))
        .send({ organization_id: org.body.id, name: 'Test naloxone', attributes: ['service.naloxone.distribution'] })
        .expect(201);
      // one stop each side of 180 degrees (fictional sites at real Aleutian coordinates)
      for (const [name, longitude] of [
        ['Test Attu stop', 173.2],
        ['Test Adak stop', -176.6],
        ['Test outside stop', -165.4],
      ] as const) {
        const location = await request(url)
          .post('/v1/locations')
          .set(bearer(keys.write))
          .send({
            organization_id: org.body.id,
            location_type: 'physical',
            name,
            latitude: 52.9,
            longitude,
            address: { address_1: '1 Test Rd', city: 'Test', state_province: 'AK', postal_code: '99546' },
          })
          .expect(201);
        const link = await request(url)
          .post('/v1/service-at-locations')
          .set(bearer(keys.write))
          .send({ service_id: service.body.id, location_id: location.body.id })
          .expect(201);
        created.push(link.body.id);
      }
    });

    it('finds what lies on either side of 180 degrees, and nothing outside, as the two halves do', async () => {
      const crossing = await allPlaces('bbox=170,50,-170,60');
      const west = await allPlaces('bbox=170,50,180,60');
      const east = await allPlaces('bbox=-180,50,-170,60');
      expect(crossing.map((p) => p.id).sort()).toEqual([...west, ...east].map((p) => p.id).sort());
      expect(crossing.map((p) => p.id)).toEqual(expect.arrayContaining(created.slice(0, 2)));
      expect(crossing.map((p) => p.id)).not.toContain(created[2]);
      const body = await page('bbox=170,50,-170,60&limit=1');
      expect(body.page.origin).toMatchObject({ latitude: 55, longitude: 180, source: 'bbox' });
    });
  });
});
