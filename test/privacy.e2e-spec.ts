import { ConsoleLogger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
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
