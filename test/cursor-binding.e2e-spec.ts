import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { bearer, createKeys } from './support/api-keys';
import { flipByte } from './support/cursors';
import { gql } from './support/graphql';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

const DALLAS = '32.7767,-96.7970';
const NEW_YORK = '40.7128,-74.0060';

/**
 * Issue 13 item 9: a cursor only works on the list and the query that issued
 * it. Everything here goes through the real HTTP server; the cursors are the
 * ones the server hands out, replayed where they do not belong.
 */
describe('cursors are bound to their endpoint and query', () => {
  let app: NestFastifyApplication;
  let url: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    admin = bearer((await createKeys(app, 'cursor-binding')).admin);
    await createKeys(app, 'cursor-binding-more'); // audit entries enough for several pages
  });
  afterAll(() => app.close());

  /** The fields the walks read from a list's JSON body (each list has its own). */
  interface ListBody {
    data: Array<{ id: string | number; entity_id: string; seq: number }>;
    page: { next_cursor: string | null };
    next_cursor: string | null;
    has_more: boolean;
    next_since: string | null;
  }
  interface Paged {
    name: string;
    path: string;
    /** The query that shapes the list (besides limit and the cursor). */
    query: Record<string, string>;
    /** Where the cursor goes in, and where the next one comes out. */
    param: 'cursor' | 'since';
    next: (body: ListBody) => string | null;
    ids: (body: ListBody) => string[];
    headers?: Record<string, string>;
  }
  const list = (name: string, path: string): Paged => ({
    name,
    path,
    query: {},
    param: 'cursor',
    next: (b) => b.page.next_cursor,
    ids: (b) => b.data.map((r) => String(r.id)),
  });
  const PAGED: Paged[] = [
    list('organizations', '/v1/organizations'),
    list('services', '/v1/services'),
    list('locations', '/v1/locations'),
    list('service-at-locations', '/v1/service-at-locations'),
    { ...list('search', '/v1/search'), query: { near: DALLAS, radius: '100' } },
    {
      name: 'changes',
      path: '/v1/changes',
      query: {},
      param: 'since',
      next: (b) => (b.has_more ? b.next_since : null),
      ids: (b) => b.data.map((c) => `${c.seq}:${c.entity_id}`),
    },
    {
      ...list('audit', '/v1/audit'),
      next: (b) => b.next_cursor,
      ids: (b) => b.data.map((e) => String(e.id)),
      get headers() {
        return admin;
      },
    },
  ];

  const get = (p: Paged, query: Record<string, string | number>) =>
    request(url)
      .get(p.path)
      .set(p.headers ?? {})
      .query({ ...p.query, ...query });
  const firstCursor = async (p: Paged, limit = 2): Promise<string> => {
    const res = await get(p, { limit }).expect(200);
    const next = p.next(res.body);
    expect(next).toEqual(expect.any(String));
    return next!;
  };

  describe.each(PAGED.map((p) => [p.name, p] as const))('a %s cursor', (_name, from) => {
    it('is accepted where it was issued, also with another limit', async () => {
      const cursor = await firstCursor(from);
      await get(from, { limit: 5, [from.param]: cursor }).expect(200);
    });

    it.each(PAGED.filter((to) => to !== from).map((to) => [to.name, to] as const))('replayed on %s is 400 INVALID_CURSOR', async (_to, to) => {
      const cursor = await firstCursor(from);
      expectProblem(await get(to, { [to.param]: cursor }), 400, 'INVALID_CURSOR', to.param);
    });

    it('with one byte flipped (tag or payload, first or last) is 400 INVALID_CURSOR', async () => {
      const cursor = await firstCursor(from);
      const length = Buffer.from(cursor, 'base64url').length;
      for (const at of [0, 15, 16, length - 1]) {
        const flipped = flipByte(cursor, at);
        expect(flipped).not.toBe(cursor);
        expectProblem(await get(from, { [from.param]: flipped }), 400, 'INVALID_CURSOR', from.param);
      }
    });
  });

  it('a Dallas search cursor is refused on a New York search (and on another radius or filter)', async () => {
    const search = PAGED.find((p) => p.name === 'search')!;
    const dallas = await firstCursor(search);
    const ny = await request(url).get('/v1/search').query({ near: NEW_YORK, radius: 100, cursor: dallas });
    expectProblem(ny, 400, 'INVALID_CURSOR', 'cursor');
    expectProblem(await request(url).get('/v1/search').query({ near: DALLAS, radius: 50, cursor: dallas }), 400, 'INVALID_CURSOR', 'cursor');
    expectProblem(
      await request(url).get('/v1/search').query({ near: DALLAS, radius: 100, service: 'service.naloxone', cursor: dallas }),
      400,
      'INVALID_CURSOR',
      'cursor',
    );
    // the same query written differently (order, spaces) is the same query
    await request(url)
      .get(`/v1/search?cursor=${dallas}&radius=100&limit=3&near=${encodeURIComponent(` ${DALLAS} `)}`)
      .expect(200);
  });

  it('a filtered list cursor is refused without the filter, and with another one', async () => {
    const [{ organization_id }] = await app
      .get(DataSource)
      .query(`SELECT organization_id FROM location WHERE deleted_at IS NULL GROUP BY 1 HAVING count(*) > 2 LIMIT 1`);
    const res = await request(url).get('/v1/locations').query({ organization_id, limit: 1 }).expect(200);
    const cursor = res.body.page.next_cursor as string;
    await request(url).get('/v1/locations').query({ organization_id, cursor }).expect(200);
    expectProblem(await request(url).get('/v1/locations').query({ cursor }), 400, 'INVALID_CURSOR', 'cursor');
    expectProblem(await request(url).get('/v1/locations').query({ organization_id, location_type: 'mobile', cursor }), 400, 'INVALID_CURSOR', 'cursor');
    expectProblem(
      await request(url).get('/v1/locations').query({ organization_id, modified_after: '2000-01-01T00:00:00Z', cursor }),
      400,
      'INVALID_CURSOR',
      'cursor',
    );
  });

  it("REST and GraphQL share a list's cursors (same service, same query), and never another list's", async () => {
    const rest = await request(url).get('/v1/organizations').query({ limit: 3 }).expect(200);
    const restNext = await request(url).get('/v1/organizations').query({ limit: 3, cursor: rest.body.page.next_cursor }).expect(200);
    const viaGraphql = await gql<{ organizations: { data: { id: string }[] } }>(
      url,
      'query($c: String) { organizations(limit: 3, cursor: $c) { data { id } } }',
      { c: rest.body.page.next_cursor },
    );
    expect(viaGraphql.errors).toBeUndefined();
    expect(viaGraphql.data!.organizations.data.map((o) => o.id)).toEqual(restNext.body.data.map((o: { id: string }) => o.id));

    const services = await gql<{ services: { page: { nextCursor: string } } }>(url, '{ services(limit: 2) { page { nextCursor } } }');
    const replayed = await gql(url, 'query($c: String) { organizations(cursor: $c) { data { id } } }', { c: services.data!.services.page.nextCursor });
    expect(replayed.errors?.[0].extensions).toMatchObject({ code: 'INVALID_CURSOR', invalid_params: [expect.objectContaining({ name: 'cursor' })] });

    const dallas = await gql<{ search: { page: { nextCursor: string } } }>(url, `{ search(near: "${DALLAS}", limit: 2) { page { nextCursor } } }`);
    const ny = await gql(url, `query($c: String) { search(near: "${NEW_YORK}", cursor: $c) { data { id } } }`, { c: dallas.data!.search.page.nextCursor });
    expect(ny.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
  });

  /** Pages of `sizes` (cycled: the limit may change between pages) until the end or `max` rows. */
  async function walk(p: Paged, sizes: number[], max: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; seen.length < max; page++) {
      const res = await get(p, { limit: sizes[page % sizes.length], ...(cursor ? { [p.param]: cursor } : {}) }).expect(200);
      seen.push(...p.ids(res.body));
      cursor = p.next(res.body);
      if (!cursor) break;
    }
    return seen.slice(0, max);
  }

  it.each(PAGED.filter((p) => p.name !== 'changes').map((p) => [p.name, p] as const))(
    '%s: walking small pages gives every row of one big page, once, in order',
    async (_name, p) => {
      const big = p.ids((await get(p, { limit: 100 }).expect(200)).body);
      expect(big.length).toBeGreaterThan(7);
      const walked = await walk(p, [3, 7, 4], big.length);
      expect(new Set(walked).size).toBe(walked.length);
      expect(walked).toEqual(big);
    },
  );

  it('changes: walking small pages gives what one big page gives, once, in order', async () => {
    const changes = PAGED.find((p) => p.name === 'changes')!;
    const big = changes.ids((await get(changes, { limit: 1000 }).expect(200)).body);
    expect(big.length).toBeGreaterThan(7);
    const walked = await walk(changes, [50, 97, 200], big.length);
    expect(walked).toEqual(big);
  });

  it("an export's X-Changes-Since works on /v1/changes and nowhere else", async () => {
    const since = (await request(url).get('/v1/export').query({ format: 'hsds' }).expect(200)).headers['x-changes-since'];
    await request(url).get('/v1/changes').query({ since }).expect(200);
    expectProblem(await request(url).get('/v1/audit').set(admin).query({ cursor: since }), 400, 'INVALID_CURSOR', 'cursor');
  });
});
