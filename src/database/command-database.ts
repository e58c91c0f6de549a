import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DataFolderInUseError, readOwner, runDirOf, socketPathIn } from './data-folder-owner';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres, socketUrl, startEmbeddedPostgres } from './embedded-postgres';
import { seedDemoDataIfEmpty } from './seed/demo-data.seeder';

export interface CommandDatabase {
  dataSource: DataSource;
  /** Where the command's statements go, for its first line of output. */
  via: string;
  close(): Promise<void>;
}

const SOCKET_WAIT_MS = 60_000;

async function waitForSocket(path: string): Promise<void> {
  const until = Date.now() + SOCKET_WAIT_MS;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`The server that owns the data folder did not open its socket ${path} within ${SOCKET_WAIT_MS / 1000} s.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function connect(url: string, via: string, onClose: () => Promise<void> = async () => {}): Promise<CommandDatabase> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  return {
    dataSource,
    via,
    async close() {
      await dataSource.destroy();
      await onClose();
    },
  };
}

/**
 * The database a CLI command (import, keys, migrate, demo) works on:
 * - DATABASE_URL: that server (migrations only ever by `migrate`);
 * - embedded, a server running on the folder: through that server's socket,
 *   so what the command writes is the server's own state, visible at once;
 * - embedded, no server: the command opens the folder itself, owning it like
 *   a server would, migrating it (and loading the demo data into an empty
 *   one) exactly as `npm start` does.
 */
export async function openCommandDatabase(config: AppConfig, command: string): Promise<CommandDatabase> {
  if (config.DATABASE_URL) {
    const db = await connect(config.DATABASE_URL, 'PostgreSQL server from DATABASE_URL');
    if (command !== 'migrate' && (await db.dataSource.showMigrations())) {
      await db.close();
      throw new Error('The database has pending migrations: apply them with `npm run db:migrate` (in the image: `harm-reduction-directory migrate`).');
    }
    return db;
  }
  const dataDir = resolve(config.DATA_DIR);
  for (let attempt = 0; ; attempt++) {
    const owner = readOwner(dataDir);
    if (owner) {
      await waitForSocket(socketPathIn(runDirOf(dataDir)));
      return connect(socketUrl(runDirOf(dataDir)), `embedded database in ${dataDir}, through the running server (pid ${owner.pid})`);
    }
    let embedded: EmbeddedPostgres;
    try {
      embedded = await startEmbeddedPostgres(dataDir, command);
    } catch (error) {
      if (error instanceof DataFolderInUseError && attempt === 0) continue; // a server started just now: go through it
      throw error;
    }
    const db = await connect(embedded.url, `embedded database in ${dataDir}`, () => embedded.stop());
    // a folder is set up the same whichever opens it first: `npm start` or a command
    await db.dataSource.runMigrations({ transaction: 'each' });
    if (config.shouldSeedDemoData) await seedDemoDataIfEmpty(db.dataSource);
    return db;
  }
}
