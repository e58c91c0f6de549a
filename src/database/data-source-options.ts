import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations';
import { ConnectionObserver, observedClientClass } from './observed-client';

export const IDLE_CONNECTION_TIMEOUT_MS = 300_000;

/**
 * Where the connection-level settings of every session come from
 * (AppConfig DB_SESSION_SETTINGS):
 * - `startup`: the app sends them when it connects (the startup packet's
 *   `options` and pg's statement_timeout, lock_timeout and
 *   idle_in_transaction_session_timeout).
 * - `role`: the app sends none; the operator stores them on the role in the
 *   database (`ALTER ROLE ... IN DATABASE ... SET`, sessionSettingsStatements).
 *   For a pooler between the app and PostgreSQL: PgBouncer refuses every
 *   startup parameter it does not know ("unsupported startup parameter:
 *   options"), and in transaction mode a server connection serves many
 *   clients, so only what the server session itself starts with holds.
 */
export type SessionSettingsSource = 'startup' | 'role';
export const SESSION_SETTINGS_SOURCES: readonly SessionSettingsSource[] = ['startup', 'role'];

/**
 * DB_SESSION_SETTINGS as every connection of the process must see it, the
 * CLI's and the migrator's too (they build their options without AppConfig;
 * AppConfig validates the same variable at boot).
 */
export function sessionSettingsSourceFrom(env: NodeJS.ProcessEnv = process.env): SessionSettingsSource {
  const value = env.DB_SESSION_SETTINGS || 'startup';
  if (!(SESSION_SETTINGS_SOURCES as string[]).includes(value)) throw new Error(`DB_SESSION_SETTINGS must be one of ${SESSION_SETTINGS_SOURCES.join(', ')}`);
  return value as SessionSettingsSource;
}

/**
 * The planner settings every serving session needs (why: the comment at
 * `options` below). pg_settings spelling.
 */
export const PLANNER_SETTINGS = { plan_cache_mode: 'force_custom_plan', enable_bitmapscan: 'off', jit: 'off' } as const;

/** Every session setting the app relies on, as pg_settings shows it (the timeouts in ms). */
export function expectedSessionSettings(
  timeouts: Pick<DatabaseTimeouts, 'statementTimeoutMs' | 'lockTimeoutMs' | 'idleInTransactionTimeoutMs'>,
): Record<string, string> {
  return {
    ...PLANNER_SETTINGS,
    statement_timeout: String(timeouts.statementTimeoutMs),
    lock_timeout: String(timeouts.lockTimeoutMs),
    idle_in_transaction_session_timeout: String(timeouts.idleInTransactionTimeoutMs),
  };
}

/** The statements that store `expected` on `role` in `database` (DB_SESSION_SETTINGS=role). */
export function sessionSettingsStatements(role: string, database: string, expected: Record<string, string>): string[] {
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return Object.entries(expected).map(([name, value]) => `ALTER ROLE ${ident(role)} IN DATABASE ${ident(database)} SET ${name} = '${value}';`);
}

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
function servingPoolOptions({ timeouts, embedded, observer }: ServingOptions, source: SessionSettingsSource) {
  return {
    Client: observedClientClass(observer),
    // covers both waiting for a free pooled connection and opening a new one
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    ...(embedded
      ? {}
      : {
          // startup parameters: in force for the whole session (DB_SESSION_SETTINGS=role: the role's instead)
          ...(source === 'startup'
            ? {
                statement_timeout: timeouts.statementTimeoutMs,
                lock_timeout: timeouts.lockTimeoutMs,
                idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
              }
            : {}),
          // client-side (pg's own timer, nothing sent to the server): the same behind a pooler.
          // A server that stopped answering (SIGSTOP, a dead network) never cancels anything itself.
          query_timeout: timeouts.queryTimeoutMs,
          keepAlive: true,
        }),
  };
}

/**
 * TypeORM options shared by the app, the migration CLI and the test setup.
 * Schema changes only ever come from the reviewed migrations: never synchronize.
 */
export function dataSourceOptions(
  url: string,
  poolSize: number,
  serving?: ServingOptions,
  sessionSettings: SessionSettingsSource = sessionSettingsSourceFrom(),
): DataSourceOptions {
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
      // DB_SESSION_SETTINGS=role: none sent; the role carries them (README, "Running at scale").
      ...(sessionSettings === 'startup'
        ? {
            options: Object.entries(PLANNER_SETTINGS)
              .map(([name, value]) => `-c ${name}=${value}`)
              .join(' '),
          }
        : {}),
      // Keep idle connections 5 minutes (pg's default: 10 s). A new backend
      // starts with cold catalog caches: its first search plans in ~45 ms
      // instead of ~5, so bursts after a quiet spell paid that on every
      // connection again (measured with EXPLAIN ANALYZE at 1M locations).
      idleTimeoutMillis: IDLE_CONNECTION_TIMEOUT_MS,
      // idle pooled connections never keep a process alive on their own (a CLI,
      // a test whose teardown failed); a server is kept alive by its listener
      allowExitOnIdle: true,
      application_name: 'harm-reduction-directory',
      ...(serving ? servingPoolOptions(serving, sessionSettings) : {}),
    },
  };
}
