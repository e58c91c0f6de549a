import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { acquireDataFolder, OwnerRecord, socketPathIn } from './data-folder-owner';

export interface EmbeddedPostgres {
  /** A postgres:// URL the ordinary `pg` driver connects to (a Unix socket). */
  url: string;
  /** Absolute data directory, or 'memory://'. */
  dataDir: string;
  /** Tells a process that finds the folder taken who holds it (e.g. the HTTP port). */
  announce(details: Partial<OwnerRecord>): void;
  stop(): Promise<void>;
}

/** A `pg` URL for the socket in `runDir` (pg takes a folder as host and adds `.s.PGSQL.5432`). */
export const socketUrl = (runDir: string) => `postgres://postgres@localhost/postgres?host=${encodeURIComponent(runDir)}`;

/**
 * Starts PGlite (PostgreSQL in WebAssembly) with PostGIS and serves it over the
 * Postgres wire protocol, so the app uses one code path (`pg`) for embedded
 * and real servers.
 *
 * Who may connect: PGlite has no authentication, so it listens on a Unix
 * socket in a 0700 folder, never on a TCP port: only the user who started it
 * can reach it. Who may open the folder: one process (data-folder-owner.ts);
 * everyone else goes through that process's socket.
 *
 * The socket server runs one statement at a time and keeps a client's
 * transaction to itself; the app still uses a pool of one (PGlite has one
 * backend session). maxConnections leaves room for CLI commands that go
 * through a running server, and for quick reconnects.
 */
export async function startEmbeddedPostgres(dataDir: string, role = 'server'): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? dataDir : resolve(dataDir);
  let runDir: string;
  let release = () => {};
  let announce: EmbeddedPostgres['announce'] = () => {};
  if (inMemory) {
    runDir = mkdtempSync(join(tmpdir(), 'hrd-pglite-'));
    chmodSync(runDir, 0o700);
    release = () => rmSync(runDir, { recursive: true, force: true });
  } else {
    mkdirSync(dir, { recursive: true });
    const ownership = acquireDataFolder(dir, role);
    runDir = ownership.runDir;
    release = () => ownership.release();
    announce = (details) => ownership.update(details);
  }

  try {
    const db = await PGlite.create({ dataDir: dir, extensions: { postgis, pg_trgm } });
    // PGlite ignores the startup `options` parameter, but every socket client
    // shares its single backend session, so one SET covers all of them.
    await db.exec('SET plan_cache_mode = force_custom_plan; SET enable_bitmapscan = off; SET jit = off');
    const server = new PGLiteSocketServer({ db, path: socketPathIn(runDir), maxConnections: 8 });
    await server.start();
    chmodSync(socketPathIn(runDir), 0o600);
    return {
      url: socketUrl(runDir),
      dataDir: dir,
      announce,
      async stop() {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
