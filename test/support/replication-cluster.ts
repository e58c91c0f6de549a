import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './child-app';
import { findPostgresBinaries } from './own-postgres';

/**
 * A primary and a streaming standby of the test's own, built with
 * PostgreSQL's own tools: initdb, pg_ctl, and pg_basebackup -R (which writes
 * standby.signal and primary_conninfo). Each on its own free port and
 * temporary folder; never the shared server on 5432.
 */
export interface ReplicationCluster {
  primaryUrl: string;
  standbyUrl: string;
  /** pg_ctl stop -m fast: the standby ends its sessions (57P01) and shuts down. Asynchronous: the app in this process keeps serving meanwhile. */
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  /** Runs SQL on one of the two (a fresh connection each time, so a stopped server just fails). */
  query<T extends object>(server: 'primary' | 'standby', sql: string, params?: unknown[]): Promise<T[]>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  /** Stops both servers and deletes their files. */
  destroy(): void;
}

/** The binaries the cluster needs, or why they are missing. */
export function replicationBinaries(): { binDir: string } | { missing: string } {
  const found = findPostgresBinaries();
  if ('missing' in found) return found;
  if (!existsSync(join(found.binDir, 'pg_basebackup'))) return { missing: `${join(found.binDir, 'pg_basebackup')} does not exist` };
  return found;
}

/** initdb refuses to run as root: run the server tools as the `postgres` user then. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startReplicationCluster(binDir: string, prepare: (primaryUrl: string) => Promise<void>): Promise<ReplicationCluster> {
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'hrd-replication-'));
  const user = serverUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (tool: string, args: string[]) => execFileSync(join(binDir, tool), args, { stdio: 'pipe', timeout: 120_000, ...(user ?? {}) });
  const runAsync = async (tool: string, args: string[]) => void (await promisify(execFile)(join(binDir, tool), args, { timeout: 120_000, ...(user ?? {}) }));
  const primaryDir = join(dir, 'primary');
  const standbyDir = join(dir, 'standby');
  // small and fast: fsync off (a test cluster), few connections; the standby answers reads (hot_standby is the default)
  const options = (port: number) =>
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40 -c wal_level=replica -c max_wal_senders=4`;
  const start = (dataDir: string, port: number, log: string) =>
    run('pg_ctl', ['-D', dataDir, '-o', options(port), '-l', join(dir, log), '-w', '-t', '60', 'start']);
  const stop = (dataDir: string) => {
    if (existsSync(join(dataDir, 'postmaster.pid'))) run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '60', 'stop']);
  };
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const standbyUrl = `postgres://postgres@127.0.0.1:${standbyPort}/postgres`;

  const query = async <T extends object>(server: 'primary' | 'standby', sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: server === 'primary' ? primaryUrl : standbyUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  try {
    // initdb's pg_hba.conf with --auth=trust already lets local replication connections in
    run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    start(primaryDir, primaryPort, 'primary.log');
    await query('primary', 'CREATE EXTENSION IF NOT EXISTS postgis');
    await prepare(primaryUrl);
    run('pg_basebackup', [
      '-D',
      standbyDir,
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-R',
      '-X',
      'stream',
      '--checkpoint=fast',
      '--no-sync',
    ]);
    start(standbyDir, standbyPort, 'standby.log');
  } catch (error) {
    stop(standbyDir);
    stop(primaryDir);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const cluster: ReplicationCluster = {
    primaryUrl,
    standbyUrl,
    stopStandby: () => runAsync('pg_ctl', ['-D', standbyDir, '-m', 'fast', '-w', '-t', '60', 'stop']),
    startStandby: () => runAsync('pg_ctl', ['-D', standbyDir, '-o', options(standbyPort), '-l', join(dir, 'standby.log'), '-w', '-t', '60', 'start']),
    query,
    async waitForReplay(timeoutMs = 15_000) {
      const [{ lsn }] = await query<{ lsn: string }>('primary', 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [{ caught_up }] = await query<{ caught_up: boolean }>('standby', 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up', [lsn]);
        if (caught_up) return;
        if (Date.now() > deadline) throw new Error(`standby has not replayed ${lsn} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    destroy() {
      try {
        stop(standbyDir);
      } finally {
        try {
          stop(primaryDir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    },
  };
  // the standby is up: wait until it streams from the primary
  await cluster.waitForReplay(30_000);
  return cluster;
}
