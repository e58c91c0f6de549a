import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { LoggerService } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, expectedSessionSettings } from '../src/database/data-source-options';
import { checkSessionSettings } from '../src/database/session-settings-check';
import { registry } from '../src/modules/metrics/metrics';
import { bearer, createKeys } from './support/api-keys';
import request from './support/checked-request';
import { gql } from './support/graphql';
import { OwnPgbouncer, PGBOUNCER, startPgbouncer } from './support/pgbouncer';
import { describeIf } from './support/skips';
import { migrateAndSeed } from './support/test-database';
import { startTestApp } from './support/test-app';

const server = process.env.TEST_DATABASE_KIND === 'server' && !!process.env.TEST_DATABASE_URL;
const describeWithPgbouncer = !server
  ? describeIf(
      false,
      'PgBouncer (transaction pooling)',
      'runs in server mode only (TEST_DATABASE_URL): the embedded PGlite serves one connection, there is nothing to pool',
    )
  : describeIf(existsSync(PGBOUNCER), 'PgBouncer (transaction pooling)', `needs PgBouncer at ${PGBOUNCER} (Debian package pgbouncer; or set PGBOUNCER)`);

/** The app's pool against PgBouncer's server connections: 4 clients per server connection. */
const APP_POOL = 8;
const SERVER_POOL = 2;

/**
 * The real app behind a real PgBouncer in transaction pooling mode, on a
 * database and role of the test's own (DB_SESSION_SETTINGS=role, the role
 * carrying the session settings): migrations, the demo data, concurrent
 * REST and GraphQL searches (both plans: the nearest-first walk and the
 * rare-filter seed with its SET LOCAL), keyed writes under the advisory
 * write lock and an import all work and answer what they answer without
 * the pooler, through 2 server connections shared by the app's 8; every
 * server session runs with the settings the app needs, and none is left
 * with a transaction's SET LOCAL.
 */
describeWithPgbouncer('PgBouncer (transaction pooling)', () => {
  const name = `hrd_pgbouncer_${process.pid}`;
  const password = randomBytes(12).toString('hex');
  // Creating a role and a database and installing PostGIS take a superuser of the same server:
  // TEST_ADMIN_DATABASE_URL (.ci/run sets it; the test database's own role is an ordinary one), else TEST_DATABASE_URL.
  const serverUrl = new URL(process.env.TEST_ADMIN_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://invalid');
  const direct = (db: string, user = serverUrl.username, pass = serverUrl.password) => {
    const u = new URL(serverUrl.toString());
    u.pathname = `/${db}`;
    u.username = user;
    u.password = pass;
    return u.toString();
  };
  const asAdmin = async <T>(db: string, ...statements: string[]): Promise<T[]> => {
    const client = new Client({ connectionString: direct(db) });
    await client.connect();
    try {
      let rows: T[] = [];
      for (const statement of statements) rows = (await client.query(statement)).rows as T[];
      return rows;
    } finally {
      await client.end();
    }
  };
  const adminDb = serverUrl.pathname.slice(1) || 'postgres';

  let bouncer: OwnPgbouncer;
  let app: NestFastifyApplication;
  let url: string;
  const logged: { level: string; message: string }[] = [];
  const savedEnv = { ...process.env };

  /** `SHOW name` on `n` server connections at once (each client holds a transaction, so each has its own). */
  const showOnServerConnections = async (setting: string, n: number): Promise<string[]> => {
    const clients = Array.from({ length: n }, () => new Client({ connectionString: bouncer.url }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      await Promise.all(clients.map((c) => c.query('BEGIN')));
      const values = await Promise.all(clients.map(async (c) => (await c.query(`SHOW ${setting}`)).rows[0][setting] as string));
      await Promise.all(clients.map((c) => c.query('COMMIT')));
      return values;
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  };

  beforeAll(async () => {
    const started = Date.now();
    await asAdmin(adminDb, `DROP DATABASE IF EXISTS ${name}`, `DROP ROLE IF EXISTS ${name}`);
    await asAdmin(adminDb, `CREATE ROLE ${name} LOGIN PASSWORD '${password}'`, `CREATE DATABASE ${name} OWNER ${name}`);
    await asAdmin(name, 'CREATE EXTENSION postgis'); // needs a superuser; the rest is the role's own

    // What the app's boot check reports on a bare role, and the statements it prints: run as they are.
    const expected = expectedSessionSettings({ statementTimeoutMs: 10_000, lockTimeoutMs: 5_000, idleInTransactionTimeoutMs: 30_000 });
    const bare = new Client({ connectionString: direct(name, name, password) });
    await bare.connect();
    const before = await checkSessionSettings((sql, values) => bare.query(sql, values).then((r) => r.rows), expected).finally(() => bare.end());
    expect(before.missing.map((m) => m.split(':')[0]).sort()).toEqual(Object.keys(expected).sort());
    expect(before.fix).toContain(`ALTER ROLE "${name}" IN DATABASE "${name}" SET plan_cache_mode = 'force_custom_plan';`);
    await asAdmin(name, ...before.fix);

    bouncer = await startPgbouncer({
      serverHost: serverUrl.hostname,
      serverPort: Number(serverUrl.port || 5432),
      database: name,
      user: name,
      password,
      poolSize: SERVER_POOL,
    });
    // schema and demo data through the pooler too (DB_SESSION_SETTINGS=role: no startup parameters)
    process.env.DB_SESSION_SETTINGS = 'role';
    await migrateAndSeed(bouncer.url);
    await asAdmin(name, 'ANALYZE'); // code statistics: rare filters then take the seed plan
    console.log(`[pgbouncer] database ${name} created and migrated through PgBouncer ${bouncer.port} in ${Date.now() - started} ms`);

    Object.assign(process.env, { DATABASE_URL: bouncer.url, DB_POOL_SIZE: String(APP_POOL), DB_WRITE_CONNECTIONS: '2', DB_SESSION_SETTINGS: 'role' });
    const logger: LoggerService = {
      log: (message: string) => logged.push({ level: 'log', message: String(message) }),
      warn: (message: string) => logged.push({ level: 'warn', message: String(message) }),
      error: (message: string) => logged.push({ level: 'error', message: String(message) }),
    };
    ({ app, url } = await startTestApp(logger));
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    for (const key of ['DATABASE_URL', 'DB_POOL_SIZE', 'DB_WRITE_CONNECTIONS', 'DB_SESSION_SETTINGS']) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
    await bouncer?.stop();
    await asAdmin(adminDb, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `DROP ROLE IF EXISTS ${name}`);
  }, 30_000);

  it('refuses the startup parameters the app sends by default, which is why DB_SESSION_SETTINGS=role exists', async () => {
    const startup = new DataSource(dataSourceOptions(bouncer.url, 1, undefined, 'startup'));
    await expect(startup.initialize()).rejects.toThrow(/unsupported startup parameter: options/);
    const timeouts = new Client({ connectionString: bouncer.url, statement_timeout: 10_000 });
    await expect(timeouts.connect()).rejects.toThrow(/unsupported startup parameter: statement_timeout/);
  });

  it('booted through the pooler, and its check found every session setting on the role', () => {
    expect(logged.filter((l) => l.level !== 'log')).toEqual([]);
    expect(logged.map((l) => l.message)).toContainEqual(
      expect.stringMatching(`DB_SESSION_SETTINGS=role: role ${name} in database ${name} has every session setting`),
    );
  });

  it('answers concurrent REST and GraphQL searches through 2 shared server connections, as it answers them one at a time', async () => {
    const rest = [
      { near: '32.78,-96.8', radius: 50, limit: 20 },
      { near: '32.78,-96.8', radius: 50, service: 'service.naloxone', limit: 10 },
      { near: '47.65,-122.33', radius: 50, language: 'ase' }, // rare (Seattle): the seed plan, SET LOCAL in its transaction
      { postal_code: '75215', radius: 10 },
      { near: '21.3,-157.85', radius: 50 },
    ];
    const graphqlQuery = `query ($near: String!) { search(near: $near, radius: 40) { data { id distanceM service { name } } } }`;
    const graphqlNear = ['32.78,-96.8', '32.9,-96.7'];
    const getRest = async (q: (typeof rest)[number]) => {
      const res = await request(url).get('/v1/search').query(q);
      expect(res.status).toBe(200);
      return res.body.data as { id: string; distance_m: number }[];
    };
    const getGraphql = async (near: string) => {
      const res = await gql<{ search: { data: unknown[] } }>(url, graphqlQuery, { near });
      expect(res.errors).toBeUndefined();
      return res.data!.search.data;
    };
    const seedCount = async () =>
      (
        (await registry.getSingleMetric('hrd_search_statement_duration_seconds')!.get()).values as {
          metricName?: string;
          labels: { plan?: string };
          value: number;
        }[]
      )
        .filter((v) => v.metricName?.endsWith('_count') && v.labels.plan === 'seed')
        .reduce((n, v) => n + v.value, 0);

    // one at a time first: the answers to compare with
    const restAlone: Awaited<ReturnType<typeof getRest>>[] = [];
    for (const q of rest) restAlone.push(await getRest(q));
    const graphqlAlone: unknown[][] = [];
    for (const near of graphqlNear) graphqlAlone.push(await getGraphql(near));
    expect(restAlone.map((data) => data.length > 0)).toEqual([true, true, true, true, true]);
    for (const data of restAlone) {
      const distances = data.map((r) => r.distance_m);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    }
    expect(graphqlAlone.every((d) => d.length > 0)).toBe(true);
    const seedsBefore = await seedCount();

    // then 60 at once, mixed, each against its own answer
    const burst = Array.from({ length: 60 }, (_, i) =>
      i % 4 === 3
        ? getGraphql(graphqlNear[i % 2]).then((d) => expect(d).toEqual(graphqlAlone[i % 2]))
        : getRest(rest[i % rest.length]).then((d) => expect(d).toEqual(restAlone[i % rest.length])),
    );
    await Promise.all(burst);
    expect(await seedCount()).toBeGreaterThan(seedsBefore); // the rare filter did take its transaction path

    // the app's pool really was shared: 8 clients, at most 2 server connections
    const clients = await bouncer.admin<{ database: string }>('SHOW CLIENTS');
    expect(clients.filter((c) => c.database === name).length).toBeGreaterThanOrEqual(APP_POOL);
    const backends = await asAdmin<{ n: number }>(adminDb, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${name}' AND usename = '${name}'`);
    expect(backends[0].n).toBeLessThanOrEqual(SERVER_POOL);
    expect(backends[0].n).toBeGreaterThan(0);
  });

  it('keyed writes (the advisory write lock, SET LOCAL lock_timeout) and an import work, and read back at once', async () => {
    const keys = await createKeys(app, 'pgbouncer');
    const created = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        request(url)
          .post('/v1/organizations')
          .set(bearer(keys.write))
          .send({ name: `Pooled Outreach ${i} (fictional)`, description: 'Written through PgBouncer.', attributes: ['practice.peer-staff'] }),
      ),
    );
    for (const res of created) {
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
    }
    const path = `/v1/organizations/${created[0].body.id}`;
    expect((await request(url).get(path)).body.name).toBe('Pooled Outreach 0 (fictional)');
    const updated = await request(url).patch(path).set(bearer(keys.write)).set('if-match', '"1"').send({ website: 'https://example.org/pooled' });
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect((await request(url).get(path)).body.website).toBe('https://example.org/pooled');

    const feature = (n: number, lng: number) => ({
      type: 'Feature',
      properties: {
        name: `Pooled Import Site ${n}`,
        address: `${n} Elm St`,
        city: 'Dallas',
        zip: '75226',
        type: 'Private Entity',
        category: 'harm_reduction',
        access_247: false,
        hours_raw: null,
        verified_on: '2026-02-12',
        mobile: false,
      },
      geometry: { type: 'Point', coordinates: [lng, 32.7801] },
    });
    const content = JSON.stringify({ type: 'FeatureCollection', features: [feature(1, -96.8001), feature(2, -96.8002)] });
    const imported = await request(url)
      .post('/v1/imports')
      .set(bearer(keys.write))
      .send({ format: 'geojson', content, mapping: { source: 'test-pgbouncer', licence: 'CC BY 4.0', attribution: 'test' } });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ committed: true, rejected: [], created: { locations: 2 } });
    const near = await request(url).get('/v1/search').query({ near: '32.7801,-96.8001', radius: 1, limit: 50 });
    expect(near.status).toBe(200);
    expect(near.body.data.map((r: { location: { name: string } }) => r.location.name)).toEqual(
      expect.arrayContaining(['Pooled Import Site 1', 'Pooled Import Site 2']),
    );
  });

  it('every server session runs with the role settings, and no SET LOCAL outlived its transaction', async () => {
    // after the searches and writes above: the same values on every server connection
    expect(await showOnServerConnections('plan_cache_mode', SERVER_POOL)).toEqual(Array(SERVER_POOL).fill('force_custom_plan'));
    expect(await showOnServerConnections('enable_bitmapscan', SERVER_POOL)).toEqual(Array(SERVER_POOL).fill('off'));
    expect(await showOnServerConnections('jit', SERVER_POOL)).toEqual(Array(SERVER_POOL).fill('off'));
    expect(await showOnServerConnections('lock_timeout', SERVER_POOL)).toEqual(Array(SERVER_POOL).fill('5s'));
    expect(await showOnServerConnections('statement_timeout', SERVER_POOL)).toEqual(Array(SERVER_POOL).fill('10s'));
    expect(await showOnServerConnections('idle_in_transaction_session_timeout', SERVER_POOL)).toEqual(Array(SERVER_POOL).fill('30s'));
    // and the app's own boot check, through the pooler, agrees
    const report = await checkSessionSettings(
      (sql, values) => app.get(DataSource).query(sql, values),
      expectedSessionSettings({ statementTimeoutMs: 10_000, lockTimeoutMs: 5_000, idleInTransactionTimeoutMs: 30_000 }),
    );
    expect(report.missing).toEqual([]);
  });
});
