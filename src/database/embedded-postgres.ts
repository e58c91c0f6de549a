import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL the ordinary `pg` driver connects to. */
  url: string;
  /** Absolute data directory, or 'memory://'. */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL in WebAssembly) with PostGIS and serves it over the
 * Postgres wire protocol on 127.0.0.1, so the app uses one code path (`pg`)
 * for embedded and real servers.
 *
 * The socket server is only safe with ONE active client: callers must use a
 * pool of size 1. maxConnections stays above 1 because closed sockets are
 * released asynchronously and a quick reconnect would otherwise be refused.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(dir, { recursive: true });

  const db = await PGlite.create({ dataDir: dir, extensions: { postgis, pg_trgm } });
  // PGlite ignores the startup `options` parameter, but every socket client
  // shares its single backend session, so one SET covers all of them.
  await db.exec('SET plan_cache_mode = force_custom_plan; SET enable_bitmapscan = off; SET jit = off');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    dataDir: dir,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
