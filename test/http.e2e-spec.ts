import { createHash } from 'node:crypto';
import { recordSkip } from './support/skips';
import { createConnection } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { bearer, createKeys } from './support/api-keys';
import { gql } from './support/graphql';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

/** Runs `fn` with some environment variables replaced (the app reads its config at start). */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisReachable = () =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(REDIS_URL);
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(500);
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });

describe('HTTP for partners: caching, CORS, text format, GraphQL limits', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await startTestApp()));
  afterAll(() => app.close());

  it('revalidates a record with its version ETag: 304 on If-None-Match', async () => {
    const first = (await request(url).get('/v1/organizations').query({ limit: 1 }).expect(200)).body.data[0];
    const res = await request(url).get(`/v1/organizations/${first.id}`).expect(200);
    expect(res.headers.etag).toBe(`"${first.version}"`);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.vary).toMatch(/Accept/);
    const again = await request(url).get(`/v1/organizations/${first.id}`).set('if-none-match', res.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    await request(url).get(`/v1/organizations/${first.id}`).set('if-none-match', '"999"').expect(200);
  });

  it('revalidates lists and the taxonomy with a content ETag', async () => {
    const res = await request(url).get('/v1/taxonomy').expect(200);
    expect(res.headers.etag).toMatch(/^W\/"/);
    await request(url).get('/v1/taxonomy').set('if-none-match', res.headers.etag).expect(304);
  });

  it('keeps search private to the browser, and the feed, exports and errors uncached', async () => {
    const search = await request(url).get('/v1/search').query({ postal_code: '75215' }).expect(200);
    expect(search.headers['cache-control']).toBe('private, max-age=60');
    expect((await request(url).get('/v1/changes')).headers['cache-control']).toBe('no-store');
    expect((await request(url).get('/v1/export').query({ format: 'geojson' })).headers['cache-control']).toBe('no-store');
    expect((await request(url).get('/v1/organizations/nope')).headers['cache-control']).toBe('no-store');
  });

  it('answers a CORS preflight for a public read from any origin, without credentials', async () => {
    const preflight = await request(url)
      .options('/v1/search')
      .set('origin', 'https://partner.example.org')
      .set('access-control-request-method', 'GET')
      .set('access-control-request-headers', 'if-none-match');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const read = await request(url).get('/v1/taxonomy').set('origin', 'https://partner.example.org').expect(200);
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(read.headers['access-control-expose-headers']).toMatch(/ETag/);
  });

  it('does not let writes cross origins', async () => {
    const preflight = await request(url).options('/v1/organizations').set('origin', 'https://partner.example.org').set('access-control-request-method', 'POST');
    expect(preflight.headers['access-control-allow-methods']).not.toMatch(/POST/);
    const keys = await createKeys(app, 'cors');
    const write = await request(url)
      .post('/v1/organizations')
      .set('origin', 'https://evil.example.org')
      .set(bearer(keys.write))
      .send({ name: 'x', description: 'y' });
    expectProblem(write, 403, 'FORBIDDEN');
  });

  it('reads search results as plain text for a hotline or an SMS', async () => {
    const res = await request(url).get('/v1/search').query({ postal_code: '75215', service: 'service.naloxone', limit: 5, format: 'text' }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const lines = res.text
      .trim()
      .split('\n')
      .filter((l) => /^\d+\. /.test(l));
    expect(lines).toHaveLength(5);
    for (const [i, line] of lines.entries()) {
      expect(line.startsWith(`${i + 1}. `)).toBe(true);
      expect(line.length).toBeLessThanOrEqual(160);
      expect(line).toMatch(/ mi /);
      expect(line).toMatch(/Open now|Opens |Closed|\(\d{3}\) /);
    }
    expect(res.text).toMatch(/\(\d{3}\) 555-01\d\d/);
    const byAccept = await request(url)
      .get('/v1/search')
      .query({ postal_code: '75215', service: 'service.naloxone', limit: 5 })
      .set('accept', 'text/plain')
      .expect(200);
    expect(byAccept.text).toBe(res.text);
  });

  it('rejects GraphQL queries that are too deep or too costly, with typed errors', async () => {
    const deep = await gql(
      url,
      `{ organizations { data { services { organization { services { organization { services { organization { services { organization { id } } } } } } } } } } }`,
    );
    expect(deep.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    const costly = await gql(url, `{ organizations(limit: 100) { data { services { locations { services { id name } } } } } }`);
    expect(costly.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const ok = await gql(url, `{ organizations(limit: 5) { data { services { name } } } }`);
    expect(ok.errors).toBeUndefined();
  });

  it('supports automatic persisted queries: a hash instead of the query text', async () => {
    const query = '{ taxonomy(branch: "principle") { code } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await request(url).post('/graphql').send({ extensions });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await request(url).post('/graphql').send({ query, extensions }).expect(200);
    const known = await request(url).post('/graphql').send({ extensions }).expect(200);
    expect(known.body.data.taxonomy[0].code).toBe('principle');
  });
});

describe('rate limits', () => {
  /** Remaining requests of two callers that differ only in X-Forwarded-For, over the same TCP peer (127.0.0.1). */
  async function bucketsBehindProxy(env: Record<string, string>): Promise<[string, string, string]> {
    return withEnv({ RATE_LIMIT_TIERS: 'anonymous=50,read=50,write=50,admin=50', RATE_LIMIT_WINDOW_SECONDS: '60', ...env }, async () => {
      const { app, url } = await startTestApp();
      try {
        const remaining = async (client: string) =>
          (await request(url).get('/v1/taxonomy').set('x-forwarded-for', client).expect(200)).headers['ratelimit-remaining'];
        return [await remaining('203.0.113.7'), await remaining('198.51.100.23'), await remaining('203.0.113.7')];
      } finally {
        await app.close();
      }
    });
  }

  it('TRUST_PROXY=127.0.0.1: clients behind the proxy get buckets of their own', async () => {
    expect(await bucketsBehindProxy({ TRUST_PROXY: '127.0.0.1' })).toEqual(['49', '49', '48']);
  });

  it('without TRUST_PROXY, X-Forwarded-For is not believed: one bucket for the peer', async () => {
    const saved = process.env.TRUST_PROXY;
    delete process.env.TRUST_PROXY;
    try {
      expect(await bucketsBehindProxy({})).toEqual(['49', '48', '47']);
    } finally {
      if (saved !== undefined) process.env.TRUST_PROXY = saved;
    }
  });

  it('sends RateLimit headers and a 429 with Retry-After past the anonymous limit (in memory)', async () => {
    await withEnv({ RATE_LIMIT_TIERS: 'anonymous=5,read=8,write=8,admin=8', RATE_LIMIT_WINDOW_SECONDS: '60' }, async () => {
      const { app, url } = await startTestApp();
      try {
        for (let i = 1; i <= 5; i++) {
          const res = await request(url).get('/v1/taxonomy').expect(200);
          expect(res.headers['ratelimit-limit']).toBe('5');
          expect(res.headers['ratelimit-remaining']).toBe(String(5 - i));
          expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
        }
        const limited = await request(url).get('/v1/taxonomy');
        expectProblem(limited, 429, 'RATE_LIMITED');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        await request(url).get('/health/ready').expect(200); // health checks are never limited
        // a key has its own bucket and its scope's tier; a made-up key buys nothing
        const keys = await createKeys(app, 'ratelimit');
        const keyed = await request(url).get('/v1/taxonomy').set(bearer(keys.read)).expect(200);
        expect(keyed.headers['ratelimit-limit']).toBe('8');
        const fake = await request(url)
          .get('/v1/taxonomy')
          .set('authorization', `Bearer hrd_${'x'.repeat(43)}`);
        expect(fake.status).toBe(429);
      } finally {
        await app.close();
      }
    });
  });

  it('shares the counters across instances through Redis', async () => {
    if (!(await redisReachable())) {
      recordSkip('rate limits shared through Redis', `needs a Redis server at ${REDIS_URL} (.ci/run starts one)`);
      return;
    }
    const secret = `test-${Date.now()}`; // one address hash across both instances, fresh buckets each run
    await withEnv({ RATE_LIMIT_TIERS: 'anonymous=6,read=6,write=6,admin=6', REDIS_URL, RATE_LIMIT_SECRET: secret }, async () => {
      const a = await startTestApp();
      const b = await startTestApp();
      try {
        for (let i = 0; i < 3; i++) await request(a.url).get('/v1/taxonomy').expect(200);
        for (let i = 0; i < 3; i++) await request(b.url).get('/v1/taxonomy').expect(200);
        const res = await request(a.url).get('/v1/taxonomy');
        expectProblem(res, 429, 'RATE_LIMITED');
        expect((await request(b.url).get('/v1/taxonomy')).status).toBe(429);
      } finally {
        await a.app.close();
        await b.app.close();
      }
    });
  });
});
