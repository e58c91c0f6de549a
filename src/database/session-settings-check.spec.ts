import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, expectedSessionSettings, sessionSettingsSourceFrom } from './data-source-options';
import { DatabaseConnection } from './database-connection';
import { checkSessionSettings, SessionSettingsCheck } from './session-settings-check';

const EXPECTED = expectedSessionSettings({ statementTimeoutMs: 10_000, lockTimeoutMs: 5_000, idleInTransactionTimeoutMs: 30_000 });
const observer = { succeeded: () => {}, failed: () => {} };
const serving = {
  timeouts: { statementTimeoutMs: 10_000, lockTimeoutMs: 5_000, idleInTransactionTimeoutMs: 30_000, connectTimeoutMs: 5_000, queryTimeoutMs: 15_000 },
  embedded: false,
  observer,
  onIdleConnectionError: () => {},
};
const extra = (options: ReturnType<typeof dataSourceOptions>) => (options as { extra: Record<string, unknown> }).extra;

/** pg_settings rows as the check's query returns them. */
const settings = (values: Record<string, string>) =>
  Object.entries(values).map(([name, setting]) => ({ name, setting, role: 'directory', database: 'directory' }));

describe('DB_SESSION_SETTINGS', () => {
  it('startup (the default): the planner settings and the timeouts go in the startup packet', () => {
    const options = extra(dataSourceOptions('postgres://x@h/db', 4, serving, 'startup'));
    expect(options).toMatchObject({
      options: '-c plan_cache_mode=force_custom_plan -c enable_bitmapscan=off -c jit=off',
      statement_timeout: 10_000,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 30_000,
      query_timeout: 15_000,
    });
  });

  it('role: no startup parameter a pooler would refuse; the client-side bounds stay', () => {
    const options = extra(dataSourceOptions('postgres://x@h/db', 4, serving, 'role'));
    for (const startupParameter of ['options', 'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout']) {
      expect(options).not.toHaveProperty(startupParameter);
    }
    expect(options).toMatchObject({ query_timeout: 15_000, connectionTimeoutMillis: 5_000, application_name: 'harm-reduction-directory' });
    // the CLI and the migrator (no serving options) as well
    expect(extra(dataSourceOptions('postgres://x@h/db', 1, undefined, 'role'))).not.toHaveProperty('options');
  });

  it('is read from the environment for the connections built without AppConfig, and validated', () => {
    expect(sessionSettingsSourceFrom({})).toBe('startup');
    expect(sessionSettingsSourceFrom({ DB_SESSION_SETTINGS: 'role' })).toBe('role');
    expect(() => sessionSettingsSourceFrom({ DB_SESSION_SETTINGS: 'pgbouncer' })).toThrow(/startup, role/);
  });
});

describe('the boot check of DB_SESSION_SETTINGS=role', () => {
  afterEach(() => jest.restoreAllMocks());

  it('names each missing or different setting and the ALTER ROLE statements that set it', async () => {
    const report = await checkSessionSettings(() => Promise.resolve(settings({ ...EXPECTED, plan_cache_mode: 'auto', statement_timeout: '0' })), EXPECTED);
    expect(report.missing).toEqual(['plan_cache_mode: auto (expected force_custom_plan)', 'statement_timeout: 0 (expected 10000)']);
    expect(report.fix).toEqual([
      `ALTER ROLE "directory" IN DATABASE "directory" SET plan_cache_mode = 'force_custom_plan';`,
      `ALTER ROLE "directory" IN DATABASE "directory" SET statement_timeout = '10000';`,
    ]);
    expect((await checkSessionSettings(() => Promise.resolve(settings(EXPECTED)), EXPECTED)).missing).toEqual([]);
  });

  const run = async (config: Partial<AppConfig>, rows: unknown[] | Error, embedded = false) => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
    const db = { query: () => (rows instanceof Error ? Promise.reject(rows) : Promise.resolve(rows)) } as unknown as DataSource;
    const connection = new DatabaseConnection('postgres://x@h/db', 4, embedded ? ({} as never) : null);
    const appConfig = Object.assign(new AppConfig(), config);
    await new SessionSettingsCheck(db, appConfig, connection).onApplicationBootstrap();
    return { warnings: warn.mock.calls.map((c) => String(c[0])), logs: log.mock.calls.map((c) => String(c[0])) };
  };

  it('warns loudly when the role lacks them, with the statements to run', async () => {
    const { warnings } = await run({ DATABASE_URL: 'postgres://x@h/db', DB_SESSION_SETTINGS: 'role' }, settings({ ...EXPECTED, jit: 'on' }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/lack settings the API needs: jit: on \(expected off\)/);
    expect(warnings[0]).toContain(`ALTER ROLE "directory" IN DATABASE "directory" SET jit = 'off';`);
    expect(warnings[0]).toMatch(/RECONNECT/);
  });

  it('compares the timeouts with the app configuration', async () => {
    const { warnings } = await run({ DATABASE_URL: 'postgres://x@h/db', DB_SESSION_SETTINGS: 'role', DB_LOCK_TIMEOUT_MS: 2_000 }, settings(EXPECTED));
    expect(warnings[0]).toMatch(/lock_timeout: 5000 \(expected 2000\)/);
  });

  it('says so when all is in place, and warns (without failing the start) when it cannot look', async () => {
    expect((await run({ DATABASE_URL: 'postgres://x@h/db', DB_SESSION_SETTINGS: 'role' }, settings(EXPECTED))).logs).toEqual([
      expect.stringMatching(/role directory in database directory has every session setting/),
    ]);
    expect((await run({ DATABASE_URL: 'postgres://x@h/db', DB_SESSION_SETTINGS: 'role' }, new Error('boom'))).warnings).toEqual([
      expect.stringMatching(/could not read the session settings \(boom\)/),
    ]);
  });

  it('does nothing with DB_SESSION_SETTINGS=startup (the server applies them or refuses the connection) or embedded', async () => {
    expect(await run({ DATABASE_URL: 'postgres://x@h/db' }, settings({}))).toEqual({ warnings: [], logs: [] });
    expect(await run({ DB_SESSION_SETTINGS: 'role' }, settings({}), true)).toEqual({ warnings: [], logs: [] });
  });
});
