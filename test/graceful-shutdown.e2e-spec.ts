import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from 'node:http';
import { freePort, startEmbeddedApp } from './support/child-app';

/** GET on a connection of its own (no keep-alive agent): its status, or the connection error's code. */
const newConnection = (target: string): Promise<string> =>
  new Promise((resolve) => {
    get(target, { agent: false }, (res) => {
      res.resume();
      resolve(String(res.statusCode));
    }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

/**
 * SIGTERM under load, on the real server process (`npm start`'s build, the
 * embedded database): every request that reached the server before the
 * signal is answered in full — REST and GraphQL, including the ones still
 * queued for the database — then the pools close and the process exits 0.
 * What arrives after the signal is served during the one-second settle, or
 * refused (connection refused, or a 503 on a kept-alive connection), never a
 * 500 or a cut-off body; /health/ready says 503 from the signal on.
 *
 * The embedded database runs one statement at a time, so a burst of requests
 * is still in the server (most of it waiting for the database) when the
 * signal comes: the test checks that it really was, so it cannot pass on an
 * idle server.
 */
describe('graceful shutdown (SIGTERM)', () => {
  const BURST = 40;
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hrd-shutdown-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers every request that arrived before the signal, refuses later ones, then exits 0', async () => {
    const metricsPort = await freePort();
    const { child, url, output } = await startEmbeddedApp(dataDir, { SHUTDOWN_GRACE_SECONDS: '30', LOG_LEVEL: 'log', METRICS_PORT: String(metricsPort) });
    // What the server has received: requests in flight plus requests answered (its own metrics).
    const received = async (): Promise<number> => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const values = (name: string) => [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].map((m) => Number(m[1]));
      return values('hrd_http_requests_in_flight').reduce((a, b) => a + b, 0) + values('hrd_http_request_duration_seconds_count').reduce((a, b) => a + b, 0);
    };
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));

    const search = (i: number) => `${url}/v1/search?near=${(32.7 + (i % 7) * 0.01).toFixed(3)},-96.8&radius=40&limit=20`;
    const graphql = (i: number) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query ($near: String!) { search(near: $near, radius: 40) { data { id distanceM service { name } } page { limit } } }`,
          variables: { near: `${(32.7 + (i % 5) * 0.01).toFixed(3)},-96.8` },
        }),
      });
    type Outcome = { status: number; complete: boolean; doneAt: number } | { error: string; doneAt: number };
    const settle = (response: Promise<Response>): Promise<Outcome> =>
      response.then(
        async (res) => {
          const text = await res.text();
          let complete: boolean;
          try {
            const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
            complete = body.data !== undefined && body.errors === undefined;
          } catch {
            complete = false; // cut off or not JSON
          }
          return { status: res.status, complete, doneAt: Date.now() };
        },
        (error: Error) => ({ error: String((error.cause as Error | undefined)?.message ?? error.message), doneAt: Date.now() }),
      );

    // warm the plans, then the burst; the signal once the server has received all of it ("arrived
    // before the signal" means received: a client's send can sit in its own or the kernel's queues)
    await settle(fetch(search(0)));
    const start = await received();
    const burst = Array.from({ length: BURST }, (_, i) => settle(i % 4 === 3 ? graphql(i) : fetch(search(i))));
    for (let waited = 0; (await received()) < start + BURST; waited += 50) {
      if (waited > 60_000) throw new Error(`the server received ${(await received()) - start} of ${BURST} requests in 60 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const signalAt = Date.now();
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    const late = Array.from({ length: 5 }, () => settle(fetch(search(1))));
    const readyDuringDrain = await settle(fetch(`${url}/health/ready`));
    // after the settle: no longer accepting (a new connection: fetch would reuse a kept-alive one,
    // which is still served until the drain ends)
    await new Promise((r) => setTimeout(r, 1500));
    const afterSettle = await newConnection(`${url}/health/live`);

    const before = await Promise.all(burst);
    const after = await Promise.all(late);
    const exit = await exited;

    if (process.env.SHUTDOWN_DEBUG) console.log(output());
    const unfinishedAtSignal = before.filter((o) => o.doneAt > signalAt).length;
    expect(unfinishedAtSignal).toBeGreaterThan(BURST / 4); // the signal really came under load
    expect(before.filter((o) => !('status' in o) || o.status !== 200 || !o.complete)).toEqual([]);
    for (const o of after) {
      if ('status' in o) expect([200, 503]).toContain(o.status);
      if ('status' in o && o.status === 200) expect(o.complete).toBe(true);
      if ('error' in o) expect(o.error).toMatch(/ECONNREFUSED|ECONNRESET|other side closed|socket/i);
    }
    expect(readyDuringDrain).toMatchObject({ status: 503 });
    expect(afterSettle).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
    expect(exit.code).toBe(0);
    expect(exit.at).toBeGreaterThanOrEqual(Math.max(...before.map((o) => o.doneAt)));
    expect(output()).toMatch(/SIGTERM: draining/);
    expect(output()).toMatch(/Drained/);
  }, 180_000);
});
