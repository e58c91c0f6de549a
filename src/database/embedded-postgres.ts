import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
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
 *
 * PGlite runs in a worker thread of its own: its statements are WebAssembly
 * on whatever thread hosts it, so on the main thread a big import or a slow
 * search would stop the event loop (health checks, every other request),
 * and the server's start-up (loading PostGIS) could not overlap Nest's.
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
    release = ownership.release;
    announce = ownership.update;
  }

  try {
    const worker = await startDatabaseThread({ dataDir: dir, socketPath: socketPathIn(runDir), sessionSql: SESSION_SQL, requireFrom: __filename });
    chmodSync(socketPathIn(runDir), 0o600);
    return {
      url: socketUrl(runDir),
      dataDir: dir,
      announce,
      async stop() {
        await stopDatabaseThread(worker);
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

let early: { dataDir: string; started: Promise<EmbeddedPostgres> } | null = null;

/**
 * Starts the embedded database before the rest of the app is even loaded
 * (main.ts), so loading PostGIS in its thread overlaps loading and wiring
 * Nest on the main one; the DatabaseConnection provider then takes it.
 */
export function startEmbeddedPostgresEarly(dataDir: string): void {
  const started = startEmbeddedPostgres(dataDir);
  started.catch(() => {}); // reported where it is taken (embeddedPostgresFor)
  early = { dataDir, started };
}

/** The database main.ts started early for `dataDir`, or a new one. */
export function embeddedPostgresFor(dataDir: string): Promise<EmbeddedPostgres> {
  if (early && early.dataDir === dataDir) {
    const { started } = early;
    early = null;
    return started;
  }
  return startEmbeddedPostgres(dataDir);
}

// PGlite ignores the startup `options` parameter, but every socket client
// shares its single backend session, so one SET covers all of them.
const SESSION_SQL = 'SET plan_cache_mode = force_custom_plan; SET enable_bitmapscan = off; SET jit = off';

interface ThreadData {
  dataDir: string;
  socketPath: string;
  sessionSql: string;
  /** Packages resolve from here (the worker's source is inline, with no file of its own). */
  requireFrom: string;
}

/*
 * The thread's whole program. Inline (not a file) so that it runs the same
 * from dist/, under ts-node and under Jest: it needs only the PGlite packages.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const load = require('node:module').createRequire(workerData.requireFrom);
const { PGlite } = load('@electric-sql/pglite');
const { pg_trgm } = load('@electric-sql/pglite/contrib/pg_trgm');
const { postgis } = load('@electric-sql/pglite-postgis');
const { PGLiteSocketServer } = load('@electric-sql/pglite-socket');
(async () => {
  const db = await PGlite.create({ dataDir: workerData.dataDir, extensions: { postgis, pg_trgm } });
  await db.exec(workerData.sessionSql);
  const server = new PGLiteSocketServer({ db, path: workerData.socketPath, maxConnections: 8 });
  await server.start();
  parentPort.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.stop();
    await db.close();
    parentPort.postMessage('stopped');
  });
  parentPort.postMessage('ready');
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

function startDatabaseThread(data: ThreadData): Promise<Worker> {
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: data });
  return new Promise((resolveReady, reject) => {
    const onExit = (code: number) => reject(new Error(`The embedded database thread exited (${code}) before it was ready.`));
    worker.once('exit', onExit);
    worker.once('error', reject);
    worker.once('message', (message: unknown) => {
      worker.off('exit', onExit);
      if (message === 'ready') return resolveReady(worker);
      void worker.terminate();
      reject(new Error(`The embedded database did not start: ${(message as { error?: string })?.error ?? String(message)}`));
    });
  });
}

/** Closes PGlite cleanly (its files are consistent on disk), then ends the thread. */
async function stopDatabaseThread(worker: Worker): Promise<void> {
  await new Promise<void>((resolveStopped) => {
    worker.once('message', () => resolveStopped());
    worker.once('exit', () => resolveStopped());
    worker.postMessage('stop');
  });
  await worker.terminate();
}
