import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A throw-away PostgreSQL server of the test's own (initdb on a temporary
 * directory, its own port), so a test may stop, pause and restart it without
 * touching any server someone else uses.
 */
export interface OwnPostgres {
  url: string;
  /** pg_ctl stop -m immediate: every backend dies at once, like a crash. */
  stopImmediately(): void;
  start(): void;
  isRunning(): boolean;
  /** SIGSTOP the postmaster and every backend: TCP stays open, nothing answers. */
  pause(): void;
  resume(): void;
  /** Stops the server (whatever state it is in) and deletes its files. */
  destroy(): void;
}

/** The folder with initdb, pg_ctl and postgres (Debian keeps it off PATH), or a reason it is missing. */
export function findPostgresBinaries(): { binDir: string } | { missing: string } {
  const configured = process.env.PG_BINDIR;
  let binDir = configured;
  if (!binDir) {
    const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
    if (result.status !== 0) return { missing: 'pg_config is not on PATH (set PG_BINDIR to the folder with initdb and pg_ctl)' };
    binDir = result.stdout.trim();
  }
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(binDir, tool))) return { missing: `${join(binDir, tool)} does not exist` };
  }
  return { binDir };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: run the server tools as the `postgres` user then. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startOwnPostgres(binDir: string): Promise<OwnPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hrd-own-pg-'));
  const dataDir = join(dir, 'data');
  const user = serverUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (tool: string, args: string[]) => execFileSync(join(binDir, tool), args, { stdio: 'pipe', timeout: 60_000, ...(user ?? {}) });

  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  const start = () => run('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const postmasterPid = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const clusterPids = () => {
    const pid = postmasterPid();
    const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
    return [
      pid,
      ...children
        .split('\n')
        .map((line) => Number(line.trim()))
        .filter((n) => n > 0),
    ];
  };
  const signalAll = (signal: NodeJS.Signals) => {
    for (const pid of clusterPids()) {
      try {
        process.kill(pid, signal);
      } catch {
        // a backend that exited meanwhile
      }
    }
  };

  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query('CREATE EXTENSION IF NOT EXISTS postgis');
  await admin.end();

  let paused = false;
  return {
    url,
    stopImmediately: () => run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    start,
    isRunning: () => existsSync(join(dataDir, 'postmaster.pid')),
    pause: () => {
      signalAll('SIGSTOP');
      paused = true;
    },
    resume: () => {
      signalAll('SIGCONT');
      paused = false;
    },
    destroy: () => {
      try {
        if (paused && existsSync(join(dataDir, 'postmaster.pid'))) signalAll('SIGCONT');
        if (existsSync(join(dataDir, 'postmaster.pid'))) run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
