import { createHash } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getIntrospectionQuery } from 'graphql';
import request, { Response } from './support/checked-request';
import { startTestApp } from './support/test-app';

/**
 * Issue 10: no single anonymous GraphQL request may block or crash the
 * service. Each hostile document must be refused with a typed 400 quickly,
 * and the event loop must stay free for other callers meanwhile.
 */
describe('GraphQL request limits', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    // warm the pipeline up: the timings below measure each hostile document, not a cold start
    await request(url).post('/graphql').send({ query: '{ __typename }' }).expect(200);
    await request(url).get('/health/live').expect(200);
  });
  afterAll(() => app.close());

  const post = (body: Record<string, unknown>) => request(url).post('/graphql').set('content-type', 'application/json').send(body);

  /** Sends the request and, while it is in flight, a liveness probe: both with their latency. */
  async function underLoad(body: Record<string, unknown>) {
    const started = Date.now();
    const [res, liveMs] = await Promise.all([
      post(body).then((r) => ({ r, ms: Date.now() - started })),
      new Promise((resolve) => setTimeout(resolve, 5)).then(async () => {
        const t = Date.now();
        await request(url).get('/health/live').expect(200);
        return Date.now() - t;
      }),
    ]);
    return { res: res.r, ms: res.ms, liveMs };
  }

  function expectRejected(outcome: { res: Response; ms: number; liveMs: number }, code: string) {
    expect(outcome.res.status).toBe(400);
    expect(outcome.res.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(outcome.ms).toBeLessThan(1000);
    expect(outcome.liveMs).toBeLessThan(1000);
  }

  const fragmentBomb = (n: number) => {
    const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Query{__typename ...F${i + 1} ...F${i + 1}}`);
    return `query{...F0} ${fragments.join(' ')} fragment F${n} on Query{__typename}`;
  };

  it('refuses the n=28 fragment bomb (2^28 expansions) in linear time', async () => {
    expectRejected(await underLoad({ query: fragmentBomb(28) }), 'QUERY_TOO_COMPLEX');
  });

  it('refuses a 3 MB document before parsing it', async () => {
    const query = `{ organizations(limit:1) { data { ${'id '.repeat(1_000_000)}} } }`;
    const outcome = await underLoad({ query });
    expectRejected(outcome, 'QUERY_TOO_LARGE');
    expect(outcome.res.body.errors[0].message).toMatch(/bytes/);
  });

  it('refuses a 300,000-token document', async () => {
    expectRejected(await underLoad({ query: `{ __typename ${'@a'.repeat(150_000)} }` }), 'QUERY_TOO_LARGE');
  });

  it('refuses a small document with too many tokens (the token cap, not the size cap)', async () => {
    const outcome = await underLoad({ query: `{ __typename ${'@a'.repeat(10_000)} }` });
    expectRejected(outcome, 'QUERY_TOO_LARGE');
    expect(outcome.res.body.errors[0].message).toMatch(/tokens/);
  });

  it('refuses 1,000 aliased searches', async () => {
    // compact enough to pass the size and token caps: the alias cap must catch it
    const aliases = Array.from({ length: 1000 }, (_, i) => `s${i}:search{data{distanceM}}`);
    const outcome = await underLoad({ query: `{${aliases.join(' ')}}` });
    expectRejected(outcome, 'QUERY_TOO_COMPLEX');
    expect(outcome.res.body.errors[0].message).toMatch(/aliases/);
  });

  it('refuses 1,000 aliased searches with their arguments (over the token cap)', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `s${i}: search(near: "32.7767,-96.7970") { data { distanceM } }`);
    expectRejected(await underLoad({ query: `{ ${aliases.join(' ')} }` }), 'QUERY_TOO_LARGE');
  });

  it('costs a search without limit by the 20 rows it returns', async () => {
    // 20 aliases (under the alias cap) of a search whose row fans out to nested lists
    const row = 'data { service { locations { services { id name } } } }';
    const aliases = Array.from({ length: 20 }, (_, i) => `s${i}: search(near: "32.7767,-96.7970") { ${row} }`);
    const res = await post({ query: `{ ${aliases.join(' ')} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const one = await post({ query: `{ search(near: "32.7767,-96.7970") { ${row} } }` });
    expect(one.body.errors).toBeUndefined();
  });

  it('refuses 500 aliased __schema (introspection is costed)', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`);
    expectRejected(await underLoad({ query: `{ ${aliases.join(' ')} }` }), 'QUERY_TOO_COMPLEX');
  });

  it('costs introspection: 40 aliased (the alias cap) fanning __schema selections are refused', async () => {
    const selection = '__schema { types { name fields { name args { name type { name fields { name args { name } } } } } } }';
    const aliases = Array.from({ length: 40 }, (_, i) => `s${i}: ${selection}`);
    const outcome = await underLoad({ query: `{ ${aliases.join(' ')} }` });
    expectRejected(outcome, 'QUERY_TOO_COMPLEX');
    expect(outcome.res.body.errors[0].message).toMatch(/^Introspection cost/);
  });

  it("refuses introspection nested to fan out (exempt from our depth limit, not from graphql-js's)", async () => {
    const nested = 'fields { type { '.repeat(6) + 'name' + ' } }'.repeat(6);
    const res = await post({ query: `{ __schema { types { ${nested} } } }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/introspection depth/);
  });

  it('answers the standard introspection query (GraphiQL, codegen, Postman)', async () => {
    const res = await post({ query: getIntrospectionQuery() });
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.data.__schema.queryType.name).toBe('Query');
    expect(res.body.data.__schema.types.length).toBeGreaterThan(10);
  });

  it('still answers a deep but legal query', async () => {
    const query = `{ organizations(limit: 2) { data { services { organization { services { organization { services { id name } } } } } } } }`;
    const res = await post({ query });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.organizations.data).toHaveLength(2);
  });

  it('still refuses a query deeper than the limit with QUERY_TOO_DEEP', async () => {
    const query = `{ organizations { data { services { organization { services { organization { services { organization { services { organization { id } } } } } } } } } } }`;
    const res = await post({ query });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
  });

  it('answers a subscription with a typed 400', async () => {
    const res = await post({ query: 'subscription { organizations { data { id } } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a persisted-query hash that does not match the query with a typed 400', async () => {
    const query = '{ taxonomy(branch: "principle") { code } }';
    const wrongHash = createHash('sha256').update('something else').digest('hex');
    const res = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: wrongHash } } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  describe('text PostgreSQL cannot store (NUL)', () => {
    const near = 'near: "32.7767,-96.7970"';

    function expectInvalid(res: Response, name: string) {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('INVALID_PARAMETER');
      expect(res.body.errors[0].extensions.invalid_params).toEqual([{ name, reason: expect.any(String) }]);
    }

    it('rejects a NUL in a string literal', async () => {
      expectInvalid(await post({ query: `{ search(${near}, q: "a\\u0000b") { data { distanceM } } }` }), 'q');
    });

    it('rejects a NUL inside a nested input-object literal', async () => {
      const query = `mutation { createOrganization(input: { name: "x", description: "y", phones: [{ number: "1\\u0000" }] }) { id } }`;
      expectInvalid(await post({ query }), 'input.phones[0].number');
    });

    it('rejects a NUL in a variable', async () => {
      const query = `query($q: String) { search(${near}, q: $q) { data { distanceM } } }`;
      expectInvalid(await post({ query, variables: { q: 'a\u0000b' } }), 'q');
    });

    it('rejects a NUL deep inside an input-object variable', async () => {
      const query = `mutation($input: OrganizationInput!) { createOrganization(input: $input) { id } }`;
      const variables = { input: { name: 'x', description: 'y', phones: [{ number: '555' }, { number: '1\u0000' }] } };
      expectInvalid(await post({ query, variables }), 'input.phones[1].number');
    });

    it('still answers ordinary text', async () => {
      const res = await post({ query: `query($q: String) { search(${near}, q: $q) { data { distanceM } } }`, variables: { q: 'naloxone' } });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    });
  });
});
