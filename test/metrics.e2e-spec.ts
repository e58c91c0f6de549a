import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, createKeys } from './support/api-keys';
import { freePort } from './support/child-app';
import request from './support/checked-request';
import { startTestApp } from './support/test-app';

/**
 * Prometheus metrics on their own port (METRICS_PORT), scraped as a Prometheus
 * server would: the request histogram, the search statement histogram and the
 * GraphQL error counter move by exactly what was asked, the pool gauges are
 * there, the API port does not serve them, and no label value holds a caller
 * location, ZIP, query text, record id or key.
 */
describe('metrics (/metrics on METRICS_PORT)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let metricsUrl: string;
  let readKey: Record<string, string>;

  beforeAll(async () => {
    const port = await freePort();
    process.env.METRICS_PORT = String(port);
    try {
      ({ app, url } = await startTestApp());
    } finally {
      delete process.env.METRICS_PORT;
    }
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    readKey = bearer((await createKeys(app, 'metrics')).read);
  });
  afterAll(() => app.close());

  const scrape = async (): Promise<string> => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  /** The value of one sample (0 when absent), labels given in any order. */
  const sample = (text: string, name: string, labels: Record<string, string> = {}): number => {
    for (const line of text.split('\n')) {
      const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m || m[1] !== name) continue;
      const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
      if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
    }
    return 0;
  };

  it('counts requests by route template and status, and search statements by plan', async () => {
    const before = await scrape();
    for (const near of ['32.776712,-96.797013', '40.712811,-74.006022', '29.760427,-95.369803']) {
      await request(url).get('/v1/search').query({ near, q: 'secretword', limit: 3 }).expect(200);
    }
    await request(url).get('/v1/search').query({ postal_code: '75215', limit: 1 }).expect(200);
    await request(url).get('/v1/nothing-here/75215').expect(404);
    const after = await scrape();
    const count = (text: string, labels: Record<string, string>) => sample(text, 'hrd_http_request_duration_seconds_count', labels);
    expect(count(after, { method: 'GET', route: '/v1/search', status: '200' }) - count(before, { method: 'GET', route: '/v1/search', status: '200' })).toBe(4);
    expect(count(after, { route: 'unmatched', status: '404' }) - count(before, { route: 'unmatched', status: '404' })).toBe(1);
    const statements = (text: string) =>
      sample(text, 'hrd_search_statement_duration_seconds_count', { plan: 'walk' }) +
      sample(text, 'hrd_search_statement_duration_seconds_count', { plan: 'seed' });
    expect(statements(after) - statements(before)).toBe(4);
    expect(sample(after, 'hrd_http_requests_in_flight')).toBe(0);
    expect(sample(after, 'hrd_db_pool_connections', { pool: 'primary', state: 'total' })).toBeGreaterThan(0);
    expect(after).toMatch(/^hrd_process_cpu_seconds_total /m);
  });

  it('counts GraphQL errors by their code', async () => {
    const before = sample(await scrape(), 'hrd_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' });
    const res = await request(url).post('/graphql').send({ query: '{ search(near: "32.77,-96.79") { nope } }' });
    expect(res.status).toBe(400);
    expect(sample(await scrape(), 'hrd_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' }) - before).toBe(1);
  });

  it('is not on the API port', async () => {
    await request(url).get('/metrics').set(readKey).expect(404);
  });

  it('no label value holds a coordinate, ZIP, query text, record id or key', async () => {
    await request(url).get('/v1/services/6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01').set(readKey).expect(404);
    const text = await scrape();
    // every label value but histogram bounds (le) and Node's own version (nodejs_version_info)
    const values = [...text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].filter((m) => m[1] !== 'le' && m[1] !== 'version').map((m) => m[2]);
    expect(values.length).toBeGreaterThan(20);
    for (const value of values) {
      expect(value).not.toMatch(/\d+\.\d{2,}|75215|secretword|hrd_[a-z]|bearer|[0-9a-f]{8}-[0-9a-f]{4}/i);
    }
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
    for (const route of routes) expect(route).toMatch(/^(unmatched|\/[A-Za-z0-9/_:.*-]*)$/);
    expect(routes).toContain('/v1/services/:id');
  });
});
