import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { cursorForger } from './support/cursors';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const LISTS = ['organizations', 'services', 'locations', 'service-at-locations'] as const;

describe('directory read API (REST)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  /** Follows next_cursor to the end, checking the Link header on the way. */
  async function walk(path: string, limit: number): Promise<{ ids: string[]; total: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let total: number;
    do {
      const res = await request(url)
        .get(path)
        .query({ limit, ...(cursor ? { cursor } : {}) })
        .expect(200);
      total = res.body.page.total;
      ids.push(...res.body.data.map((r: { id: string }) => r.id));
      cursor = res.body.page.next_cursor ?? undefined;
      if (cursor) expect(res.headers.link).toBe(`<${path}?limit=${limit}&cursor=${cursor}>; rel="next"`);
      else expect(res.headers.link).toBeUndefined();
    } while (cursor);
    return { ids, total };
  }

  it.each(LISTS)('pages through all %s without repeating or skipping one', async (list) => {
    const { ids, total } = await walk(`/v1/${list}`, 37);
    const table = list === 'service-at-locations' ? 'service_at_location' : list.replace(/s$/, '');
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM ${table} WHERE deleted_at IS NULL`);
    expect(total).toBe(count);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
  });

  it.each(LISTS)('returns one of %s by id, and 404 problem+json for an unknown id', async (list) => {
    const first = (await request(url).get(`/v1/${list}`).query({ limit: 1 }).expect(200)).body.data[0];
    const res = await request(url).get(`/v1/${list}/${first.id}`).expect(200);
    expect(res.body).toEqual(first);
    expectProblem(await request(url).get(`/v1/${list}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
  });

  it.each(LISTS)('rejects a malformed %s id with 400 problem+json', async (list) => {
    expectProblem(await request(url).get(`/v1/${list}/not-a-uuid`), 400, 'INVALID_ID', 'id');
    expectProblem(await request(url).get(`/v1/${list}/1%27%20OR%201=1`), 400, 'INVALID_ID', 'id');
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ sort: 'name' }, 'sort'],
  ])('rejects bad list parameters %j with 400 naming the parameter', async (query, param) => {
    expectProblem(await request(url).get('/v1/organizations').query(query), 400, 'INVALID_PARAMETER', param);
  });

  it('rejects a tampered cursor with 400', async () => {
    const page = (await request(url).get('/v1/locations').query({ limit: 2 }).expect(200)).body.page;
    const tampered = page.next_cursor.slice(0, -3) + 'AAA';
    expectProblem(await request(url).get('/v1/locations').query({ cursor: tampered }), 400, 'INVALID_CURSOR', 'cursor');
    expectProblem(await request(url).get('/v1/locations').query({ cursor: 'e30' }), 400, 'INVALID_CURSOR', 'cursor');
    // behind the signature (as if the secret leaked): a key of the wrong shape is still a 400, a good one works
    const forge = await cursorForger(db);
    const [last] = (await request(url).get('/v1/locations').query({ limit: 1 }).expect(200)).body.data;
    await request(url)
      .get('/v1/locations')
      .query({ cursor: forge.key(['locations', []], [last.name, last.id]) })
      .expect(200);
    const wrongShape = forge.key(['locations', []], ['x', 'not-a-uuid']);
    expectProblem(await request(url).get('/v1/locations').query({ cursor: wrongShape }), 400, 'INVALID_CURSOR');
    // the old unsigned form ({"v":1,"k":[...]}) is refused
    const unsigned = Buffer.from(JSON.stringify({ v: 1, k: [last.name, last.id] })).toString('base64url');
    expectProblem(await request(url).get('/v1/locations').query({ cursor: unsigned }), 400, 'INVALID_CURSOR', 'cursor');
  });

  it('filters lists by provider and location type', async () => {
    const [{ organization_id, n }] = await db.query(`SELECT organization_id, count(*)::int AS n FROM location GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
    const res = await request(url).get('/v1/locations').query({ organization_id, limit: 100 }).expect(200);
    expect(res.body.page.total).toBe(n);
    expect(res.body.data.every((l: { organization_id: string }) => l.organization_id === organization_id)).toBe(true);
    const mobile = await request(url).get('/v1/locations').query({ location_type: 'mobile' }).expect(200);
    expect(mobile.body.data.length).toBeGreaterThan(0);
    expect(mobile.body.data.every((l: { location_type: string }) => l.location_type === 'mobile')).toBe(true);
    expectProblem(await request(url).get('/v1/locations').query({ location_type: 'boat' }), 400, 'INVALID_PARAMETER', 'location_type');
    expectProblem(await request(url).get('/v1/services').query({ organization_id: 'nope' }), 400, 'INVALID_PARAMETER', 'organization_id');
  });

  it('lists only what changed after modified_after', async () => {
    const [{ last }] = await db.query(
      `SELECT to_char(max(last_modified) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last FROM service WHERE deleted_at IS NULL`,
    );
    const [{ id }] = await db.query(`SELECT id FROM service WHERE deleted_at IS NULL ORDER BY id LIMIT 1`);
    await db.query(`UPDATE service SET last_modified = now() + interval '1 second' WHERE id = $1`, [id]);
    const res = await request(url).get('/v1/services').query({ modified_after: last }).expect(200);
    expect(res.body.data.map((s: { id: string }) => s.id)).toContain(id);
    expect(res.body.page.total).toBeLessThan(10);
    expectProblem(await request(url).get('/v1/services').query({ modified_after: 'yesterday' }), 400, 'INVALID_PARAMETER', 'modified_after');
  });

  it('returns GeoJSON points as [longitude, latitude]', async () => {
    const [row] = await db.query(
      `SELECT id, latitude, longitude FROM location WHERE address_visibility = 'public' AND latitude IS NOT NULL AND deleted_at IS NULL LIMIT 1`,
    );
    const res = await request(url).get(`/v1/locations/${row.id}`).expect(200);
    expect(res.body.geometry.type).toBe('Point');
    expect(res.body.geometry.coordinates[0]).toBeCloseTo(row.longitude, 5);
    expect(res.body.geometry.coordinates[1]).toBeCloseTo(row.latitude, 5);
    expect(res.body.location_precision_m).toBeNull();
  });

  it('never reveals the exact point or street of a hidden-address site', async () => {
    const hidden = await db.query(`SELECT id, latitude, longitude, address_1 FROM location WHERE address_visibility = 'approximate' AND deleted_at IS NULL`);
    expect(hidden.length).toBeGreaterThan(0);
    for (const row of hidden) {
      const res = await request(url).get(`/v1/locations/${row.id}`).expect(200);
      const body = res.body;
      expect(body.address_visibility).toBe('approximate');
      expect(body.address.address_1).toBeNull();
      expect(JSON.stringify(body)).not.toContain(row.address_1);
      const [lng, lat] = body.geometry.coordinates;
      expect(Math.abs(Math.round(lng / 0.02) * 0.02 - lng)).toBeLessThan(1e-9); // on the ~2 km grid
      expect(Math.abs(Math.round(lat / 0.02) * 0.02 - lat)).toBeLessThan(1e-9);
      expect([lng, lat]).not.toEqual([row.longitude, row.latitude]);
      expect(Math.abs(lat - row.latitude)).toBeLessThanOrEqual(0.01 + 1e-9);
      expect(Math.abs(lng - row.longitude)).toBeLessThanOrEqual(0.01 + 1e-9);
      expect(body.location_precision_m).toBeGreaterThanOrEqual(1500);
      // and through a service-at-location too
      const sal = await request(url).get('/v1/service-at-locations').query({ location_id: row.id }).expect(200);
      for (const item of sal.body.data) expect(item.location.geometry).toEqual(body.geometry);
    }
  });

  it('demo data covers syringe services, each MOUD medication and naloxone', async () => {
    const codes = new Set<string>();
    let cursor: string | undefined;
    do {
      const res = await request(url)
        .get('/v1/services')
        .query({ limit: 100, ...(cursor ? { cursor } : {}) })
        .expect(200);
      for (const s of res.body.data) for (const a of s.attributes) codes.add(a.code);
      cursor = res.body.page.next_cursor ?? undefined;
    } while (cursor);
    expect([...codes].some((c) => c.startsWith('service.syringe-services'))).toBe(true);
    for (const code of ['service.moud.buprenorphine', 'service.moud.methadone', 'service.moud.naltrexone']) {
      expect(codes.has(code)).toBe(true);
    }
    expect([...codes].some((c) => c.startsWith('service.naloxone'))).toBe(true);
  });

  it('a service at a location carries its service, location, hours and every phone', async () => {
    const [row] = await db.query(`
      SELECT sal.id FROM service_at_location sal
       WHERE EXISTS (SELECT 1 FROM schedule s WHERE s.service_at_location_id = sal.id) LIMIT 1`);
    const res = await request(url).get(`/v1/service-at-locations/${row.id}`).expect(200);
    expect(res.body.service.id).toBe(res.body.service_id);
    expect(res.body.location.id).toBe(res.body.location_id);
    expect(res.body.schedules.length).toBeGreaterThan(0);
    expect(res.body.schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      opens_at: expect.stringMatching(/^\d\d:\d\d$/),
      closes_at: expect.stringMatching(/^\d\d:\d\d$/),
      timezone: expect.stringMatching(/^[A-Za-z_]+\//),
    });
    const phoneIds = [...res.body.service.phones, ...res.body.location.phones].map((p: { id: string }) => p.id);
    expect(res.body.phones.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(phoneIds));
  });

  it('shows a 24/7 site as all seven days, 00:00 to 24:00', async () => {
    const [row] = await db.query(`
      SELECT l.id FROM location l JOIN attribute a ON a.location_id = l.id
       WHERE a.taxonomy_term_code = 'access.open-24-7' LIMIT 1`);
    expect(row).toBeDefined();
    const res = await request(url).get('/v1/service-at-locations').query({ location_id: row.id }).expect(200);
    const schedules = res.body.data.flatMap((s: { schedules: unknown[] }) => s.schedules);
    expect(schedules).toContainEqual(expect.objectContaining({ byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens_at: '00:00', closes_at: '24:00' }));
  });
});
