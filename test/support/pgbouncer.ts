import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './child-app';

/** The Debian package's binary; PGBOUNCER points elsewhere. */
export const PGBOUNCER = process.env.PGBOUNCER ?? '/usr/sbin/pgbouncer';

export interface OwnPgbouncer {
  port: number;
  /** postgres:// URL of `database` through this PgBouncer, as `user` */
  url: string;
  /** a statement on the admin console (simple protocol only): SHOW POOLS, SHOW CLIENTS, RECONNECT... */
  admin<T>(statement: string): Promise<T[]>;
  log(): string;
  /** Stops it (SIGTERM, then SIGKILL) and deletes its files. */
  stop(): Promise<void>;
}

export interface PgbouncerOptions {
  /** the PostgreSQL server it pools for */
  serverHost: string;
  serverPort: number;
  database: string;
  user: string;
  password: string;
  /** server connections per database/user pair (PgBouncer's default_pool_size) */
  poolSize: number;
}

/** PgBouncer refuses to run as root: it runs as the `postgres` user then, its files readable by it. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A PgBouncer of the test's own, in transaction pooling mode, on a free port
 * of 127.0.0.1, for one database and one user of an existing server (which it
 * never touches otherwise).
 */
export async function startPgbouncer(options: PgbouncerOptions): Promise<OwnPgbouncer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hrd-pgbouncer-'));
  const user = serverUser();
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(join(dir, 'users.txt'), `${quote(options.user)} ${quote(options.password)}\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${options.database} = host=${options.serverHost} port=${options.serverPort} dbname=${options.database}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      `admin_users = ${options.user}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize}`,
      'min_pool_size = 0',
      'reserve_pool_size = 0',
      `max_db_connections = ${options.poolSize}`,
      'max_client_conn = 200',
      // nothing ignored: a startup parameter PgBouncer does not know fails the login, as in production
      'ignore_startup_parameters =',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n'),
  );
  if (user) {
    chownSync(dir, user.uid, user.gid);
    for (const file of ['users.txt', 'pgbouncer.ini']) chownSync(join(dir, file), user.uid, user.gid);
  }
  const child: ChildProcess = spawn(PGBOUNCER, [join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const log = () => output + (existsSync(join(dir, 'pgbouncer.log')) ? readFileSync(join(dir, 'pgbouncer.log'), 'utf8') : '');

  const adminUrl = `postgres://${encodeURIComponent(options.user)}@127.0.0.1:${port}/pgbouncer`;
  const admin = async <T>(statement: string): Promise<T[]> => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query(statement)).rows as T[];
    } finally {
      await client.end();
    }
  };

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  // listening once the admin console answers
  for (const started = Date.now(); ;) {
    if (child.exitCode !== null) {
      const text = log();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer exited (${child.exitCode}):\n${text}`);
    }
    try {
      await admin('SHOW VERSION');
      break;
    } catch (error) {
      if (Date.now() - started > 10_000) {
        await stop();
        throw new Error(`pgbouncer did not answer within 10 s (${(error as Error).message}):\n${log()}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    url: `postgres://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${options.database}`,
    admin,
    log,
    stop,
  };
}
