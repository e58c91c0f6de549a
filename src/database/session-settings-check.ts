import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseConnection } from './database-connection';
import { expectedSessionSettings, sessionSettingsStatements } from './data-source-options';

type Query = (sql: string, values?: unknown[]) => Promise<unknown>;

/** What one session of the app's role runs with, against what the app needs. */
export interface SessionSettingsReport {
  role: string;
  database: string;
  /** `name: actual (expected value)` for each setting that differs */
  missing: string[];
  /** the statements that fix it (run as a superuser or the role's owner) */
  fix: string[];
}

/**
 * Reads pg_settings on one pooled connection. Behind PgBouncer every server
 * session of one role in one database starts from the same role settings, so
 * one answers for all (sessions opened before an ALTER ROLE keep the old ones
 * until they are replaced: PgBouncer's RECONNECT, or server_lifetime).
 */
export async function checkSessionSettings(query: Query, expected: Record<string, string>): Promise<SessionSettingsReport> {
  const rows = (await query(`SELECT name, setting, current_user AS role, current_database() AS database FROM pg_settings WHERE name = ANY($1::text[])`, [
    Object.keys(expected),
  ])) as { name: string; setting: string; role: string; database: string }[];
  const [{ role, database }] = rows.length
    ? rows
    : ((await query(`SELECT current_user AS role, current_database() AS database`)) as { role: string; database: string }[]);
  const actual = new Map(rows.map((r) => [r.name, r.setting]));
  const wrong = Object.entries(expected).filter(([name, value]) => actual.get(name) !== value);
  return {
    role,
    database,
    missing: wrong.map(([name, value]) => `${name}: ${actual.get(name) ?? '(unknown)'} (expected ${value})`),
    fix: sessionSettingsStatements(role, database, Object.fromEntries(wrong)),
  };
}

/**
 * DB_SESSION_SETTINGS=role: the app sends no session settings, so it checks
 * at start that the role has them, and says loudly what is missing and the
 * statements that set it. Without them the API still answers correctly, but
 * searches are planned generically (seconds instead of milliseconds at a
 * million locations) and nothing bounds a runaway statement server-side.
 * A warning, not a refusal: an operator may set a timeout on purpose.
 */
@Injectable()
export class SessionSettingsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly connection: DatabaseConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.connection.embedded || this.config.DB_SESSION_SETTINGS !== 'role') return;
    const expected = expectedSessionSettings({
      statementTimeoutMs: this.config.DB_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: this.config.DB_LOCK_TIMEOUT_MS,
      idleInTransactionTimeoutMs: this.config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    });
    let report: SessionSettingsReport;
    try {
      report = await checkSessionSettings((sql, values) => this.db.query(sql, values), expected);
    } catch (error) {
      this.logger.warn(
        `DB_SESSION_SETTINGS=role: could not read the session settings (${(error as Error).message}); check them by hand (README, "Running at scale").`,
      );
      return;
    }
    if (report.missing.length === 0) {
      this.logger.log(`DB_SESSION_SETTINGS=role: role ${report.role} in database ${report.database} has every session setting the API needs`);
      return;
    }
    this.logger.warn(
      `DB_SESSION_SETTINGS=role, but the sessions of role ${report.role} in database ${report.database} lack settings the API needs: ` +
        `${report.missing.join(', ')}. Searches will be slow (generic plans) and runaway statements unbounded until they are set: ` +
        `${report.fix.join(' ')} Then make the pooler open new server connections (PgBouncer: RECONNECT on its admin console).`,
    );
  }
}
