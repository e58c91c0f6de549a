import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedApp, stop } from './support/child-app';
import request from './support/checked-request';

/**
 * LOG_FORMAT=json on the real server process: every line it writes is one JSON
 * object (Nest's start-up and shutdown lines too, through Fastify's pino), one
 * line per request with its request id — the caller's x-request-id when it is
 * a plain token, echoed in the response — and the privacy redaction intact:
 * no full-precision location, no query text, no key, no unusable request id.
 */
describe('structured logs (LOG_FORMAT=json)', () => {
  let dataDir: string;
  let lines: Array<Record<string, unknown>>;
  let raw: string;
  const echoed: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hrd-logs-'));
    const app = await startEmbeddedApp(dataDir, { LOG_FORMAT: 'json', LOG_LEVEL: 'log' });
    try {
      const search = await request(app.url)
        .get('/v1/search')
        .query({ near: '32.776712,-96.797013', q: 'secret words', limit: 2 })
        .set('x-request-id', 'hotline-call.42')
        .expect(200);
      echoed.search = search.headers['x-request-id'];
      const keyed = await request(app.url).get('/v1/keys').set('authorization', 'Bearer hrd_live_0123456789abcdefSECRET').expect(401);
      echoed.keyed = keyed.headers['x-request-id'];
      const odd = await request(app.url).get('/health/live').set('x-request-id', 'spaces are not allowed <script>').expect(200);
      echoed.odd = odd.headers['x-request-id'];
      await request(app.url).get('/v1/search').query({ postal_code: '75215', limit: 1 }).expect(200);
    } finally {
      await stop(app.child);
    }
    raw = app.output();
    lines = raw
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return { unparsable: line };
        }
      });
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes only JSON lines, each with a level, a time and a message', () => {
    expect(lines.filter((l) => 'unparsable' in l)).toEqual([]);
    for (const line of lines)
      expect(line).toEqual(
        expect.objectContaining({ level: expect.any(Number) as unknown, time: expect.any(Number) as unknown, msg: expect.any(String) as unknown }),
      );
    // Nest's own lines come through the same logger, with their context
    expect(lines.some((l) => l.context === 'Bootstrap' && String(l.msg).startsWith('Ready in'))).toBe(true);
    expect(lines.some((l) => l.context === 'Shutdown' && String(l.msg).startsWith('SIGTERM: draining'))).toBe(true);
  });

  it('one line per request, under the id the caller sent (echoed), with the URL redacted', () => {
    expect(echoed.search).toBe('hotline-call.42');
    const mine = lines.filter((l) => l.reqId === 'hotline-call.42');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ msg: 'request', method: 'GET', status: 200, url: '/v1/search?near=32.78,-96.80&q=(12 chars)&limit=2' });
    expect(lines.find((l) => l.reqId === echoed.keyed)).toMatchObject({ url: '/v1/keys', status: 401 });
    expect(lines.find((l) => typeof l.url === 'string' && l.url.includes('postal_code'))).toMatchObject({ url: '/v1/search?postal_code=752xx&limit=1' });
  });

  it('replaces a request id that is not a plain token with a UUID, and never logs it', () => {
    expect(echoed.odd).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(lines.filter((l) => l.reqId === echoed.odd)).toHaveLength(1);
    expect(raw).not.toContain('<script>');
  });

  it('never holds the caller location, query text, ZIP or key', () => {
    for (const secret of ['32.7767', '96.797', 'secret words', 'secret', '75215', 'hrd_live', 'SECRET', 'authorization']) expect(raw).not.toContain(secret);
  });
});
