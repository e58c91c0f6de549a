import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations';
import { ConnectionObserver, observedClientClass } from './observed-client';

export const IDLE_CONNECTION_TIMEOUT_MS = 300_000;

/** The app's limits on waiting for the database (AppConfig DB_*_MS). */
export interface DatabaseTimeouts {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

/** What the running app adds to the plain options (the CLIs and test setup go without). */
export interface ServingOptions {
  timeouts: DatabaseTimeouts;
  /**
   * The embedded PGlite ignores startup parameters (it has one shared
   * session; a `statement_timeout` does not even fire in it), and a client-side
   * query timeout would misfire: PGlite runs on our own thread, so a long
   * statement delays the timer and the answer alike, and the timer runs
   * first. There only the pool's connect timeout applies.
   */
  embedded: boolean;
  observer: ConnectionObserver;
  onIdleConnectionError: (error: Error) => void;
}

/** pg settings that bound every wait on the server: a dead, paused or overloaded one fails fast. */
function servingPoolOptions({ timeouts, embedded, observer }: ServingOptions) {
  return {
    Client: observedClientClass(observer),
    // covers both waiting for a free pooled connection and opening a new one
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    ...(embedded
      ? {}
      : {
          // startup parameters: in force for the whole session
          statement_timeout: timeouts.statementTimeoutMs,
          lock_timeout: timeouts.lockTimeoutMs,
          idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
          // a server that stopped answering (SIGSTOP, a dead network) never cancels anything itself
          query_timeout: timeouts.queryTimeoutMs,
          keepAlive: true,
        }),
  };
}

/**
 * TypeORM options shared by the app, the migration CLI and the test setup.
 * Schema changes only ever come from the reviewed migrations: never synchronize.
 */
export function dataSourceOptions(url: string, poolSize: number, serving?: ServingOptions): DataSourceOptions {
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
    // the default handler only logs; an idle connection the server dropped is an outage signal
    ...(serving ? { poolErrorHandler: serving.onIdleConnectionError } : {}),
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
      // idle pooled connections never keep a process alive on their own (a CLI,
      // a test whose teardown failed); a server is kept alive by its listener
      allowExitOnIdle: true,
      application_name: 'harm-reduction-directory',
      ...(serving ? servingPoolOptions(serving) : {}),
    },
  };
}
