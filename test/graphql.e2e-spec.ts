import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { gql } from './support/graphql';
import { startTestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('directory read API (GraphQL)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  it.each([
    ['organizations', '/v1/organizations'],
    ['services', '/v1/services'],
    ['locations', '/v1/locations'],
    ['serviceAtLocations', '/v1/service-at-locations'],
  ])('%s pages like REST: same ids, same order, same cursors', async (field, path) => {
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const rest = await request(url).get(path).query({ limit: 25, ...(cursor ? { cursor } : {}) }).expect(200);
      type GqlPage = { data: { id: string }[]; page: { nextCursor: string | null; total: number } };
      const result: { data?: Record<string, GqlPage>; errors?: unknown[] } = await gql<Record<string, GqlPage>>(
        url,
        `query($cursor: String) { ${field}(limit: 25, cursor: $cursor) { data { id } page { nextCursor total limit } } }`,
        { cursor },
      );
      expect(result.errors).toBeUndefined();
      const gqlPage: GqlPage = result.data![field];
      expect(gqlPage.data.map((r) => r.id)).toEqual(rest.body.data.map((r: { id: string }) => r.id));
      expect(gqlPage.page.nextCursor).toBe(rest.body.page.next_cursor);
      expect(gqlPage.page.total).toBe(rest.body.page.total);
      cursor = gqlPage.page.nextCursor;
      if (!cursor) break;
    }
  });

  it('resolves one record by id with the same content as REST', async () => {
    const rest = (await request(url).get('/v1/locations').query({ limit: 1 }).expect(200)).body.data[0];
    const result = await gql<{ location: Record<string, unknown> }>(
      url,
      `query($id: ID!) { location(id: $id) { id name locationType geometry addressVisibility
          address { address1 city stateProvince postalCode country } languages attributes { code name } } }`,
      { id: rest.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.location).toEqual({
      id: rest.id,
      name: rest.name,
      locationType: rest.location_type,
      geometry: rest.geometry,
      addressVisibility: rest.address_visibility,
      address: rest.address && {
        address1: rest.address.address_1,
        city: rest.address.city,
        stateProvince: rest.address.state_province,
        postalCode: rest.address.postal_code,
        country: rest.address.country,
      },
      languages: rest.languages,
      attributes: rest.attributes,
    });
  });

  it('returns the same error codes as REST', async () => {
    const notFound = await gql(url, `{ organization(id: "${UNKNOWN_ID}") { id } }`);
    expect(notFound.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await gql(url, `{ service(id: "nope") { id } }`);
    expect(malformed.errors?.[0].extensions?.code).toBe('INVALID_ID');
    const badLimit = await gql(url, `{ locations(limit: 500) { data { id } } }`);
    expect(badLimit.errors?.[0].extensions?.code).toBe('INVALID_PARAMETER');
    expect(badLimit.errors?.[0].extensions?.invalid_params?.[0].name).toBe('limit');
    const badCursor = await gql(url, `{ locations(cursor: "garbage!") { data { id } } }`);
    expect(badCursor.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
    const unknownTerm = await gql(url, `{ taxonomyTerm(code: "service.nope") { code } }`);
    expect(unknownTerm.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('rejects a malformed query or body with a 4xx, never a 500', async () => {
    const parse = await request(url).post('/graphql').send({ query: '{ organizations { ' });
    expect(parse.status).toBe(400);
    expect(parse.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const badJson = await request(url).post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(badJson.status).toBeGreaterThanOrEqual(400);
    expect(badJson.status).toBeLessThan(500);
  });

  it('answers compact JSON (no pretty-printing) and no cache-control hints', async () => {
    const res = await request(url).post('/graphql').send({ query: '{ organizations(limit: 3) { data { id name } } }' }).expect(200);
    expect(res.text.startsWith('{"data":{"organizations":{"data":[{"id":')).toBe(true);
    expect(res.text).not.toMatch(/\n/);
    expect(res.body.extensions?.cacheControl).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('exposes the taxonomy tree and one branch', async () => {
    const result = await gql<{ taxonomy: { code: string; children: { code: string }[] }[] }>(
      url,
      `{ taxonomy(branch: "principle") { code children { code } } }`,
    );
    expect(result.data!.taxonomy[0].children).toHaveLength(8);
  });

  it('batches relations: the SQL query count does not grow with the page size', async () => {
    const query = `query($limit: Int) {
      organizations(limit: $limit) { data { id
        services { id organization { id name } locations { id } }
        locations { id organization { id } services { id } } } } }`;
    const spy = jest.spyOn(db, 'query');
    const countFor = async (limit: number) => {
      spy.mockClear();
      const result = await gql<{ organizations: { data: { services: unknown[] }[] } }>(url, query, { limit });
      expect(result.errors).toBeUndefined();
      expect(result.data!.organizations.data).toHaveLength(limit);
      return spy.mock.calls.length;
    };
    const small = await countFor(2);
    const large = await countFor(40);
    spy.mockRestore();
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(40);
  });
});
