import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { gql } from './support/graphql';
import { startTestApp } from './support/test-app';
import { bearer, createKeys } from './support/api-keys';
import { readFileSync } from 'fs';
import { join } from 'path';
import { load as parseYaml } from 'js-yaml';

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
      const rest = await request(url)
        .get(path)
        .query({ limit: 25, ...(cursor ? { cursor } : {}) })
        .expect(200);
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
  describe('closed vocabularies are enums', () => {
    // The oracle is the committed REST contract: each GraphQL enum must hold exactly the values openapi.yaml lists
    // for the same field ("temporarily closed" is the one REST value that is not a GraphQL name).
    const spec = parseYaml(readFileSync(join(__dirname, '..', 'openapi.yaml'), 'utf8')) as {
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }> };
    };
    const restValues = (schema: string, property: string) => {
      const p = spec.components.schemas[schema].properties[property];
      return (p.enum ?? p.items?.enum ?? []).map((v) => v.replace(/\W/g, '_')).sort();
    };
    type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
    const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);

    it.each([
      ['Location', 'locationType', 'Location', 'location_type'],
      ['Location', 'addressVisibility', 'Location', 'address_visibility'],
      ['Service', 'status', 'Service', 'status'],
      ['Phone', 'type', 'Phone', 'type'],
      ['Schedule', 'freq', 'Schedule', 'freq'],
      ['Schedule', 'byday', 'Schedule', 'byday'],
      ['SearchResult', 'reach', 'SearchResult', 'reach'],
      ['ReachingResult', 'reach', 'ReachingResult', 'reach'],
      ['SearchOrigin', 'source', 'SearchOrigin', 'source'],
      ['TaxonomyTerm', 'branch', 'TaxonomyTerm', 'branch'],
    ])('%s.%s is an enum with the values of REST %s.%s', async (type, field, schema, property) => {
      const result = await gql<{ __type: { fields: { name: string; type: TypeRef }[] } }>(
        url,
        `query($type: String!) { __type(name: $type) { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
        { type },
      );
      const enumRef = named(result.data!.__type.fields.find((f) => f.name === field)!.type);
      expect(enumRef.kind).toBe('ENUM');
      const values = await gql<{ __type: { enumValues: { name: string }[] } }>(url, `query($n: String!) { __type(name: $n) { enumValues { name } } }`, {
        n: enumRef.name,
      });
      const expected = restValues(schema, property);
      expect(expected.length).toBeGreaterThan(0);
      expect(values.data!.__type.enumValues.map((v) => v.name).sort()).toEqual(expected);
    });

    it('arguments take enums; an unknown value is a typed 400, in the query or in a variable', async () => {
      const mobile = await gql<{ locations: { data: { locationType: string }[] } }>(
        url,
        `{ locations(location_type: mobile, limit: 50) { data { locationType } } }`,
      );
      expect(mobile.errors).toBeUndefined();
      expect(mobile.data!.locations.data.length).toBeGreaterThan(0);
      expect(mobile.data!.locations.data.every((l) => l.locationType === 'mobile')).toBe(true);

      const literal = await request(url).post('/graphql').send({ query: `{ locations(location_type: boat) { data { id } } }` }).expect(400);
      expect(literal.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(literal.body.errors[0].message).toMatch(/LocationType/);
      const variable = await request(url)
        .post('/graphql')
        .send({ query: `query($u: RadiusUnit) { search(near: "32.78,-96.8", radius_unit: $u) { data { id } } }`, variables: { u: 'furlong' } })
        .expect(400);
      expect(variable.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('"temporarily closed" round-trips as temporarily_closed', async () => {
      const keys = await createKeys(app, 'graphql-enums');
      const org = (await request(url).get('/v1/organizations').query({ limit: 1 }).expect(200)).body.data[0] as { id: string };
      const created = await request(url)
        .post('/graphql')
        .set(bearer(keys.write))
        .send({
          query: `mutation($org: String!) { createService(input: { organization_id: $org, name: "Enum test service (fictional)", status: temporarily_closed }) { id status } }`,
          variables: { org: org.id },
        })
        .expect(200);
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data.createService.status).toBe('temporarily_closed');
      const rest = await request(url).get(`/v1/services/${created.body.data.createService.id}`).expect(200);
      expect(rest.body.status).toBe('temporarily closed');
    });
  });
});
