import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations';

export const IDLE_CONNECTION_TIMEOUT_MS = 300_000;

/**
 * TypeORM options shared by the app, the migration CLI and the test setup.
 * Schema changes only ever come from the reviewed migrations: never synchronize.
 */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    // TypeORM would log failed queries WITH their parameters, which can hold a
    // caller's location; errors reach the log through the exception filter.
    logging: false,
    extra: {
      max: poolSize,
      // Generic plans turn the nearest-site query into a scan of the array
      // indexes (2-4 req/s at 1M rows); always plan with the real parameters.
      // Bitmap scans off: PostGIS underestimates how many points a dense
      // metro holds (507 estimated, 7,959 actual at 100k), so the planner
      // bitmap-scanned the whole radius and sorted it instead of walking the
      // GiST index nearest-first: 122 ms -> 23 ms for the common search
      // (bench/EXPLAIN.md). Every other query here is an index lookup.
      // JIT off: the search statement's cost estimate passes jit_above_cost,
      // so PostgreSQL compiled it on every request, ~47 of its 59 ms at 1M
      // locations, for a plan that then runs in ~12 ms (bench/RESULTS.md).
      options: '-c plan_cache_mode=force_custom_plan -c enable_bitmapscan=off -c jit=off',
      // Keep idle connections 5 minutes (pg's default: 10 s). A new backend
      // starts with cold catalog caches: its first search plans in ~45 ms
      // instead of ~5, so bursts after a quiet spell paid that on every
      // connection again (measured with EXPLAIN ANALYZE at 1M locations).
      idleTimeoutMillis: IDLE_CONNECTION_TIMEOUT_MS,
      application_name: 'harm-reduction-directory',
    },
  };
}
