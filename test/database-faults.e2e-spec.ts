import { LoggerService } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { findPostgresBinaries, OwnPostgres, startOwnPostgres } from './support/own-postgres';
import { startTestApp } from './support/test-app';
import { describeIf } from './support/skips';
import { migrateAndSeed } from './support/test-database';
import { DataSource } from 'typeorm';
import { expectProjectionCurrent } from './support/search-projection';

/**
 * The database stopped, restarted, paused and resumed under a bounded load of
 * searches, against a PostgreSQL server this test starts on its own port.
 * Requests must fail fast with 503 + Retry-After, each outage must be logged
 * once, and the app must recover without a restart.
 */
const binaries = findPostgresBinaries();
const describeWithPostgres = describeIf(
  'binDir' in binaries,
  'database faults (own PostgreSQL server)',
  `needs PostgreSQL server binaries: ${'missing' in binaries ? binaries.missing : ''} (install postgresql-15 and postgresql-15-postgis-3, or set PG_BINDIR)`,
);

// Small timeouts so the test is quick; production defaults are in AppConfig.
const TIMEOUTS = {
  DB_POOL_SIZE: '4',
  DB_CONNECT_TIMEOUT_MS: '1000',
  DB_STATEMENT_TIMEOUT_MS: '1500',
  DB_QUERY_TIMEOUT_MS: '2000',
  DB_LOCK_TIMEOUT_MS: '1000',
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000',
};
/** The longest a request may take while the database is down: a query timeout after a connect timeout, plus slack. */
const FAIL_FAST_BOUND_MS = 2000 + 1000 + 1500;
/** What the test client waits before calling a request hung. */
const CLIENT_GIVES_UP_MS = 20_000;

const SEARCH = '/v1/search?postal_code=75215&radius=25&limit=5';
const GRAPHQL_SEARCH = '{ search(postal_code: "75215", radius: 25, limit: 5) { data { distanceM } } }';

interface Outcome {
  status: number;
  ms: number;
  code?: string;
  contentType?: string;
  retryAfter?: string;
}

class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  private record(level: string, message: unknown, ...rest: unknown[]) {
    this.lines.push({ level, message: [message, ...rest].map(String).join(' ') });
  }
  log(message: unknown, ...rest: unknown[]) {
    this.record('log', message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.record('warn', message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.record('error', message, ...rest);
  }
  count(pattern: RegExp): number {
    return this.lines.filter((l) => pattern.test(l.message)).length;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithPostgres('database faults (a PostgreSQL server of our own)', () => {
  let pg: OwnPostgres | undefined;
  let app: NestFastifyApplication | undefined;
  let url: string;
  const logger = new CapturingLogger();
  const savedEnv: Record<string, string | undefined> = {};

  const search = async (): Promise<Outcome> => {
    const started = Date.now();
    try {
      const res = await request(url).get(SEARCH).timeout(CLIENT_GIVES_UP_MS);
      return {
        status: res.status,
        ms: Date.now() - started,
        code: res.body?.code,
        contentType: res.headers['content-type'],
        retryAfter: res.headers['retry-after'],
      };
    } catch {
      return { status: 0, ms: Date.now() - started };
    }
  };

  /** `workers` clients, each sending one search after another (20 ms apart), for `ms`. */
  const load = async (ms: number, workers = 4): Promise<Outcome[]> => {
    const outcomes: Outcome[] = [];
    const until = Date.now() + ms;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (Date.now() < until) {
          outcomes.push(await search());
          await sleep(20);
        }
      }),
    );
    return outcomes;
  };

  const waitForRecovery = async (): Promise<number> => {
    const started = Date.now();
    while (Date.now() - started < 30_000) {
      if ((await search()).status === 200) return Date.now() - started;
      await sleep(100);
    }
    throw new Error('the app did not recover within 30 s of the database returning');
  };

  const expectFailFast = (outcomes: Outcome[]) => {
    expect(outcomes.length).toBeGreaterThan(0);
    const unavailable = outcomes.filter((o) => o.status === 503);
    // only requests already answered before the fault could have passed
    expect(outcomes.filter((o) => o.status !== 503 && o.status !== 200)).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(outcomes.length / 2);
    for (const o of unavailable) {
      expect(o.code).toBe('SERVICE_UNAVAILABLE');
      expect(o.contentType).toMatch(/^application\/problem\+json/);
      expect(Number(o.retryAfter)).toBeGreaterThan(0);
    }
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    expect(slowest).toBeLessThan(FAIL_FAST_BOUND_MS);
    return { requests: outcomes.length, unavailable: unavailable.length, slowestMs: slowest };
  };

  beforeAll(async () => {
    if (!('binDir' in binaries)) return;
    pg = await startOwnPostgres(binaries.binDir);
    await migrateAndSeed(pg.url);
    for (const key of ['DATABASE_URL', ...Object.keys(TIMEOUTS)]) savedEnv[key] = process.env[key];
    Object.assign(process.env, TIMEOUTS, { DATABASE_URL: pg.url });
    ({ app, url } = await startTestApp(logger));
  }, 180_000);

  // every write this suite makes, faulted or not, must leave the search projection equal to a rebuild
  afterEach(async () => {
    if (app) await expectProjectionCurrent(app.get(DataSource));
  });
  afterAll(async () => {
    try {
      pg?.resume();
      await app?.close();
    } finally {
      pg?.destroy();
      for (const [key, value] of Object.entries(savedEnv)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 60_000);

  it('serves searches while the database is up', async () => {
    const outcomes = await load(1000);
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    await request(url).get('/health/ready').expect(200);
  });

  it('answers 503 + Retry-After fast while the server is stopped, and recovers when it starts again', async () => {
    pg!.stopImmediately();
    const figures = expectFailFast(await load(4000));
    const ready = await request(url).get('/health/ready').timeout(CLIENT_GIVES_UP_MS);
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    const graphql = await request(url).post('/graphql').send({ query: GRAPHQL_SEARCH }).timeout(CLIENT_GIVES_UP_MS);
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const live = Date.now();
    await request(url).get('/health/live').expect(200);
    expect(Date.now() - live).toBeLessThan(500);

    pg!.start();
    const recoveredMs = await waitForRecovery();
    expect((await load(1000)).every((o) => o.status === 200)).toBe(true);
    await request(url).get('/health/ready').expect(200);
    console.log(`[database faults] stopped: ${JSON.stringify(figures)}; recovered ${recoveredMs} ms after start`);

    expect(logger.count(/database unavailable/)).toBe(1);
    expect(logger.count(/database available again/)).toBe(1);
  }, 60_000);

  it('answers 503 + Retry-After within the timeouts while the server is paused (SIGSTOP), and recovers on SIGCONT', async () => {
    if (!pg!.isRunning()) pg!.start(); // the previous test failed half-way
    pg!.pause();
    const figures = expectFailFast(await load(6000));
    const ready = await request(url).get('/health/ready').timeout(CLIENT_GIVES_UP_MS);
    expect(ready.status).toBe(503);

    pg!.resume();
    const recoveredMs = await waitForRecovery();
    expect((await load(1000)).every((o) => o.status === 200)).toBe(true);
    await request(url).get('/health/ready').expect(200);
    console.log(`[database faults] paused: ${JSON.stringify(figures)}; recovered ${recoveredMs} ms after resume`);

    expect(logger.count(/database unavailable/)).toBe(2);
    expect(logger.count(/database available again/)).toBe(2);
  }, 60_000);

  it('logs no stack trace per failed request', () => {
    console.log(`[database faults] log: ${JSON.stringify(logger.lines.filter((l) => /database/i.test(l.message)).map((l) => l.message))}`);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors).toEqual([]);
  });
});
