import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies defaults: embedded database, port 3000, demo data on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: '.data/pglite', DB_POOL_SIZE: 10 });
    expect(config.embedded).toBe(true);
    expect(config.shouldSeedDemoData).toBe(true);
  });

  it('reads a server URL, numbers and booleans', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x', PORT: '8080', MIGRATIONS_RUN: 'true' });
    expect(config).toMatchObject({ PORT: 8080, MIGRATIONS_RUN: true });
    expect(config.embedded).toBe(false);
    expect(config.shouldSeedDemoData).toBe(false);
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT="eighty"/);
      expect((error as Error).message).toMatch(/LOG_LEVEL="loud"/);
    }
  });

  it('never echoes a database URL, which may hold a password', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://admin:s3cret@db/x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL=\(hidden\)/);
    expect(message).not.toContain('s3cret');
  });

  it('reads replica URLs, which need a server and are never echoed', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_READ_URLS: 'postgres://r1/db, postgresql://u:pw@r2:5433/db' });
    expect(config.readUrls).toEqual(['postgres://r1/db', 'postgresql://u:pw@r2:5433/db']);
    expect(config.REPLICA_MAX_LAG_SECONDS).toBe(30);
    expect(loadConfig({}).readUrls).toEqual([]);
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://r1/db' })).toThrow(/DATABASE_READ_URLS=\(hidden\): needs DATABASE_URL/);
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_READ_URLS: 'postgres://u:s3cret@r1/db,mysql://x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_READ_URLS=\(hidden\)/);
    expect(message).not.toContain('s3cret');
  });
});
