import { ConsoleLogger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { bearer, createKeys } from './support/api-keys';
import { startTestApp } from './support/test-app';

/** Captures every log line the application writes, at every level. */
class CapturingLogger extends ConsoleLogger {
  readonly lines: string[] = [];
  protected override printMessages(messages: unknown[]): void {
    this.lines.push(...messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))));
  }
}

describe('privacy of the search location', () => {
  let app: NestFastifyApplication;
  let url: string;
  const logger = new CapturingLogger('test', { logLevels: ['error', 'warn', 'log', 'debug', 'verbose'] });

  beforeAll(async () => ({ app, url } = await startTestApp(logger)));
  afterAll(() => app.close());

  it('logs requests with the point rounded to ~1 km and no ZIP or keywords', async () => {
    await request(url).get('/v1/search').query({ near: '32.776543,-96.797012', radius: 5 }).expect(200);
    await request(url).get('/v1/search').query({ postal_code: '75215', q: 'naloxone for my brother' }).expect(200);
    await request(url).get('/v1/search').query({ bbox: '-96.851234,32.701234,-96.701234,32.801234' }).expect(200);
    await request(url).get('/v1/search').query({ near: '95.123456,-96.797012' }).expect(400);
    await request(url).post('/graphql').send({ query: '{ search(near: "32.776543,-96.797012") { data { id } } }' }).expect(200);

    const log = logger.lines.join('\n');
    expect(log).toContain('GET /v1/search?near=32.78,-96.80&radius=5 200');
    expect(log).toContain('postal_code=752xx');
    expect(log).toContain('bbox=-96.85,32.70,-96.70,32.80');
    for (const secret of ['32.7765', '96.7970', '75215', 'brother', '96.8512', '95.1234']) expect(log).not.toContain(secret);
  });

  it('never logs an API key, whether it is accepted, refused or sent in the query string', async () => {
    const keys = await createKeys(app, 'privacy');
    await request(url).post('/v1/organizations').set(bearer(keys.write)).send({}).expect(400);
    await request(url).post('/v1/organizations').set(bearer(keys.revoked)).send({}).expect(401);
    await request(url).get('/v1/organizations').query({ api_key: keys.admin.key }).expect(400);
    const log = logger.lines.join('\n');
    expect(log).toContain('POST /v1/organizations 400');
    for (const key of [keys.write.key, keys.revoked.key, keys.admin.key]) expect(log).not.toContain(key.slice(4));
  });
});

describe('privacy of the request log', () => {
  let app: NestFastifyApplication;
  let url: string;
  const logger = new CapturingLogger('test', { logLevels: ['error', 'warn', 'log', 'debug', 'verbose'] });
  const requestLines = () => logger.lines.filter((line) => /^(GET|POST|HEAD|PATCH|PUT|DELETE|OPTIONS) /.test(line));

  beforeAll(async () => ({ app, url } = await startTestApp(logger)));
  afterAll(() => app.close());

  it('logs only allow-listed parameters, redacted: never a ZIP, search text, mistyped name or pasted key', async () => {
    const keys = await createKeys(app, 'request-log');
    // statuses vary (embed, unknown names...): what matters here is what the log keeps of each
    const sent = [
      '/embed/listings?postal-code=75215',
      '/embed/demo?postal-code=75215&heading=Clinics%20near%2012%20Elm%20St',
      '/embed?postal-code=75215',
      '/hsds/services?search=overdose%20brother',
      '/hsds/service_at_locations?postcode=75215',
      '/v1/search?Near=32.776543,-96.797012',
      '/v1/search?zip=75215',
      '/v1/search?lat=32.776543&lng=-96.797012',
      `/v1/search?near=32.776543,-96.797012&format=${keys.admin.key}`,
      `/v1/organizations?${keys.read.key}=1`,
      '/v1/organizations/75215',
      '/embed/75215',
      '/v1/search/12%20Elm%20St',
    ];
    for (const path of sent) await request(url).get(path).set(bearer(keys.write)).redirects(0);

    const lines = requestLines();
    expect(lines).toHaveLength(sent.length);
    const log = lines.join('\n');
    expect(log).toContain('GET /embed/listings?postal-code=752xx ');
    expect(log).toContain('GET /hsds/services?search=(16 chars) 200');
    expect(log).toContain('GET /v1/search?Near=32.78,-96.80 400');
    expect(log).toContain('GET /v1/search?zip=752xx 400');
    expect(log).toContain(`format=(${keys.admin.key.length} chars) 400`);
    expect(log).toContain('GET /v1/organizations?(unknown parameter) 400');
    expect(log).toContain('GET /v1/organizations/(5 chars) 400');
    expect(log).toContain('GET (unmatched path, 12 chars) 404');
    for (const secret of ['75215', '32.7765', '96.7970', 'overdose', 'brother', 'Elm', ...[keys.admin, keys.read, keys.write].map((k) => k.key.slice(4, 20))]) {
      expect(log).not.toContain(secret);
    }
  });
});
