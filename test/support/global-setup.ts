import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrateAndSeed, resetServerDatabase } from './test-database';

/**
 * Runs once per Jest run. TEST_DATABASE_URL set: a real PostgreSQL + PostGIS
 * server, wiped and rebuilt. Unset: an in-memory embedded PostGIS.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  process.env.HRD_TEST_RUN_ID = `${process.pid}-${started}`; // test/support/skips.ts: one skip summary per run
  let url = process.env.TEST_DATABASE_URL;
  if (url) {
    await resetServerDatabase(url);
    process.env.DB_POOL_SIZE = '4';
  } else {
    const embedded = await startEmbeddedPostgres('memory://');
    (globalThis as { __EMBEDDED_PG__?: unknown }).__EMBEDDED_PG__ = embedded;
    url = embedded.url;
    process.env.DB_POOL_SIZE = '1';
    // The specs' apps reach this PGlite through DATABASE_URL, so they apply the
    // server-mode timeouts, which the embedded app itself leaves off (PGlite
    // runs on the app's own thread: see data-source-options.ts). Its one
    // connection is shared by every spec, and a big import or cleanup holds it
    // longer than a request should wait in production.
    process.env.DB_CONNECT_TIMEOUT_MS ??= '120000';
    process.env.DB_STATEMENT_TIMEOUT_MS ??= '300000';
    process.env.DB_QUERY_TIMEOUT_MS ??= '600000';
  }
  await migrateAndSeed(url);
  process.env.DATABASE_URL = url;
  process.env.SEED_DEMO_DATA = 'false';
  process.env.MIGRATIONS_RUN = 'false';
  process.env.LOG_LEVEL = 'warn';
  // the suites send thousands of requests from one address; test/http lowers these on purpose
  process.env.RATE_LIMIT_TIERS = 'anonymous=1000000,read=1000000,write=1000000,admin=1000000';
  process.env.TEST_DATABASE_KIND = process.env.TEST_DATABASE_URL ? 'server' : 'embedded';
  console.log(`\n[test database] ${process.env.TEST_DATABASE_KIND} PostGIS migrated and seeded in ${Date.now() - started} ms`);
}
