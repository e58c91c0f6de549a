import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

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

  /** Embedded mode only: where PGlite keeps its files ('memory://' keeps nothing). */
  @IsString()
  DATA_DIR = '.data/pglite';

  /** Connection pool size against a server (embedded mode always uses 1). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  /** Server mode: apply pending migrations at start instead of refusing to start. */
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = false;

  /** Load the demo data when the directory is empty (default: on in embedded mode only). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO_DATA?: boolean;

  /** Nest log level: error, warn, log, debug or verbose. */
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

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

  /** Absolute base URL used in Link headers and printed URLs (default http://HOST:PORT). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'must be an http(s) URL without a trailing space' })
  PUBLIC_BASE_URL?: string;

  get embedded(): boolean {
    return !this.DATABASE_URL;
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
  for (const key of [...known, 'DATABASE_URL', 'SEED_DEMO_DATA', 'PUBLIC_BASE_URL', 'REDIS_URL', 'RATE_LIMIT_SECRET']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      // never echo a database URL: it may hold a password
      const shown = ['DATABASE_URL', 'REDIS_URL', 'RATE_LIMIT_SECRET'].includes(e.property) ? '(hidden)' : JSON.stringify(raw[e.property]);
      return `  ${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
