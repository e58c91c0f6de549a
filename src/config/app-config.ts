import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync, ValidationError } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1');
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every environment variable the service reads, validated once at boot.
 * The README's configuration table documents the same list.
 */
export class AppConfig {
  /** HTTP port. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Interface to bind. 127.0.0.1 keeps a dev server private; containers use 0.0.0.0. */
  @IsString()
  HOST = '127.0.0.1';

  /** PostgreSQL + PostGIS server. Unset: start the embedded PGlite database. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * Streaming standbys of DATABASE_URL for reads (comma-separated postgres://
   * URLs): searches, lists, records, HSDS and exports round-robin over the
   * healthy ones; writes and what must be current stay on the primary.
   * Server mode only (the embedded database has no replicas).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s,]+(\s*,\s*postgres(ql)?:\/\/[^\s,]+)*$/, { message: 'must be comma-separated postgres:// or postgresql:// URLs' })
  DATABASE_READ_URLS?: string;

  /** A replica whose replay lags the primary by more than this is taken out of rotation until it catches up. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  REPLICA_MAX_LAG_SECONDS = 30;

  /** How often each replica is probed (connects, is a standby, lag) in the background. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  REPLICA_CHECK_INTERVAL_MS = 2_000;

  /**
   * A read carrying X-Read-Consistency waits at most this long for a replica
   * to replay the write it names, then reads from the primary instead.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  REPLICA_CATCH_UP_WAIT_MS = 200;

  /** Embedded mode only: where PGlite keeps its files ('memory://' keeps nothing). */
  @IsString()
  DATA_DIR = '.data/pglite';

  /** Connection pool size against a server (embedded mode always uses 1). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  /**
   * Server-side limit on one SQL statement (PostgreSQL statement_timeout). A
   * search takes milliseconds; this only stops a runaway statement from
   * holding a connection. Not enforced by the embedded database.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DB_STATEMENT_TIMEOUT_MS = 10_000;

  /** Longest wait for a row or table lock (PostgreSQL lock_timeout); then 503 with Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DB_LOCK_TIMEOUT_MS = 5_000;

  /** A transaction left idle this long is ended by the server (idle_in_transaction_session_timeout). */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  /**
   * Longest wait for a pooled connection: a free one, or a new one to be
   * established. A request that gets none in time answers 503.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_CONNECT_TIMEOUT_MS = 5_000;

  /**
   * Client-side limit on one query: the server did not answer at all (paused,
   * network gone). Must exceed DB_STATEMENT_TIMEOUT_MS so a live server
   * always cancels first. Server mode only.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DB_QUERY_TIMEOUT_MS = 15_000;

  /** Longest a write waits for its turn (the global write lock); then 503 with Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_WRITE_LOCK_TIMEOUT_MS = 5_000;

  /**
   * Pooled connections writes may hold at once (server mode; at most
   * DB_POOL_SIZE - 1, so reads always keep one). Writes serialize on the
   * write lock anyway: more only parks connections that reads need.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_WRITE_CONNECTIONS = 2;

  /**
   * Where each session's settings (plan_cache_mode, enable_bitmapscan, jit and
   * the statement, lock and idle-in-transaction timeouts) come from: `startup`,
   * sent by the app when it connects; `role`, none sent, stored on the role with
   * ALTER ROLE ... IN DATABASE ... SET (behind PgBouncer or another pooler,
   * which refuses or drops startup parameters). README, "Running at scale".
   */
  @IsIn(['startup', 'role'])
  DB_SESSION_SETTINGS: 'startup' | 'role' = 'startup';

  /** Server mode: apply pending migrations at start instead of refusing to start. */
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = false;

  /** Load the demo data when the directory is empty (default: on in embedded mode only). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO_DATA?: boolean;

  /** `pretty` (coloured lines, for a terminal) or `json` (one JSON object per line, for log collectors; the image's default). */
  @IsIn(['pretty', 'json'])
  LOG_FORMAT: 'pretty' | 'json' = 'pretty';

  /** Nest log level: error, warn, log, debug or verbose. */
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** Port of the Prometheus /metrics listener (its own, never the API port); 0 = off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  /** Interface the /metrics listener binds (default: loopback only; 0.0.0.0 to let a scraper in). */
  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** On SIGTERM: how long requests already in the server may take to finish before their connections are cut. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  SHUTDOWN_GRACE_SECONDS = 25;

  /** Cache-Control max-age for public reads (search responses are private to the browser). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  CACHE_MAX_AGE_SECONDS = 60;

  /**
   * Requests per window by caller tier: anonymous (per client address), and
   * per API key by scope. Format: anonymous=120,read=600,write=1200,admin=3000
   */
  @Matches(/^(anonymous|read|write|admin)=\d+(,(anonymous|read|write|admin)=\d+)*$/, {
    message: 'must look like anonymous=120,read=600,write=1200,admin=3000',
  })
  RATE_LIMIT_TIERS = 'anonymous=120,read=600,write=1200,admin=3000';

  /** Length of the rate-limit window, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Redis for rate-limit counters shared by several API instances (unset: in memory). */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Key for hashing client addresses in rate-limit counters (default: random per process). */
  @IsOptional()
  @IsString()
  @Matches(/^.{16,}$/, { message: 'must be at least 16 characters' })
  RATE_LIMIT_SECRET?: string;

  /**
   * Key signing pagination cursors (HMAC-SHA256), so a cursor only works on
   * the list and query that issued it. Unset: the random key the database
   * holds (migration CursorSecret), shared by every instance. Changing it
   * invalidates every cursor and change-feed `since` issued before.
   */
  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/, { message: 'must be at least 32 characters' })
  CURSOR_SECRET?: string;

  /** Absolute base URL used in Link headers and printed URLs (default http://HOST:PORT). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'must be an http(s) URL without a trailing space' })
  PUBLIC_BASE_URL?: string;

  /**
   * Behind a reverse proxy: which hops to believe about the client address
   * (X-Forwarded-For), as Fastify's `trustProxy`: `true` (any), a hop count,
   * or addresses/CIDRs (comma-separated). Unset: the TCP peer is the client.
   * Rate limits and the request log use the address Fastify resolves.
   */
  @IsOptional()
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F:.]+(\/\d{1,3})?(\s*,\s*[0-9a-fA-F:.]+(\/\d{1,3})?)*)$/, {
    message: 'must be true, false, a hop count, or comma-separated addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8)',
  })
  TRUST_PROXY?: string;

  /** TRUST_PROXY in the form Fastify's `trustProxy` takes. */
  get trustProxy(): boolean | number | string[] {
    const value = this.TRUST_PROXY;
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    return value.split(',').map((part) => part.trim());
  }

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }

  /** DATABASE_READ_URLS as a list (empty when unset). */
  get readUrls(): string[] {
    return (this.DATABASE_READ_URLS ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean);
  }

  /** RATE_LIMIT_TIERS as numbers. */
  get rateLimitTiers(): Record<'anonymous' | 'read' | 'write' | 'admin', number> {
    const tiers = { anonymous: 120, read: 600, write: 1200, admin: 3000 };
    for (const part of this.RATE_LIMIT_TIERS.split(',')) {
      const [tier, value] = part.split('=') as [keyof typeof tiers, string];
      tiers[tier] = Number(value);
    }
    return tiers;
  }

  get shouldSeedDemoData(): boolean {
    return this.SEED_DEMO_DATA ?? this.embedded;
  }
}

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'DATABASE_READ_URLS',
    'SEED_DEMO_DATA',
    'PUBLIC_BASE_URL',
    'REDIS_URL',
    'RATE_LIMIT_SECRET',
    'CURSOR_SECRET',
    'TRUST_PROXY',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length === 0 && config.DB_QUERY_TIMEOUT_MS <= config.DB_STATEMENT_TIMEOUT_MS) {
    errors.push(
      Object.assign(new ValidationError(), {
        property: 'DB_QUERY_TIMEOUT_MS',
        constraints: { exceedsStatementTimeout: `must be greater than DB_STATEMENT_TIMEOUT_MS (${config.DB_STATEMENT_TIMEOUT_MS})` },
      }),
    );
  }
  if (errors.length === 0 && config.DATABASE_READ_URLS && config.embedded) {
    errors.push(
      Object.assign(new ValidationError(), {
        property: 'DATABASE_READ_URLS',
        constraints: { needsServer: 'needs DATABASE_URL: the embedded database has no replicas' },
      }),
    );
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      // never echo a database URL: it may hold a password
      const shown = ['DATABASE_URL', 'DATABASE_READ_URLS', 'REDIS_URL', 'RATE_LIMIT_SECRET', 'CURSOR_SECRET'].includes(e.property)
        ? '(hidden)'
        : JSON.stringify(raw[e.property]);
      return `  ${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
