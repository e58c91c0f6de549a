import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrateAndSeed, resetServerDatabase } from './test-database';

/**
 * Runs once per Jest run. TEST_DATABASE_URL set: a real PostgreSQL + PostGIS
 * server, wiped and rebuilt. Unset: an in-memory embedded PostGIS.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  let url = process.env.TEST_DATABASE_URL;
  if (url) {
    await resetServerDatabase(url);
    process.env.DB_POOL_SIZE = '4';
  } else {
    const embedded = await startEmbeddedPostgres('memory://');
    (globalThis as { __EMBEDDED_PG__?: unknown }).__EMBEDDED_PG__ = embedded;
    url = embedded.url;
    process.env.DB_POOL_SIZE = '1';
  }
  await migrateAndSeed(url);
  process.env.DATABASE_URL = url;
  process.env.SEED_DEMO_DATA = 'false';
  process.env.MIGRATIONS_RUN = 'false';
  process.env.LOG_LEVEL = 'warn';
  // the suites send thousands of requests from one address; test/http lowers these on purpose
  process.env.RATE_LIMIT_TIERS = 'anonymous=1000000,read=1000000,write=1000000,admin=1000000';
  process.env.TEST_DATABASE_KIND = process.env.TEST_DATABASE_URL ? 'server' : 'embedded';
  console.log(
    `\n[test database] ${process.env.TEST_DATABASE_KIND} PostGIS migrated and seeded in ${Date.now() - started} ms`,
  );
}
