import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process owns an embedded data folder at a time. Two PGlite instances on
 * one folder silently lose each other's commits (or corrupt the files), so
 * the owner records itself in `<folder>.run/owner.json`, created with O_EXCL,
 * and every other process either talks to the owner over its socket (CLIs)
 * or refuses to start (a second server).
 *
 * The `.run` folder is 0700: it also holds the owner's Unix socket, so only
 * the user who started the server can connect to the database.
 */
export interface OwnerRecord {
  pid: number;
  host: string;
  /** What the owner is: `server` (npm start) or a CLI command that opened the folder itself. */
  role: string;
  /** The HTTP port, once a server is listening. */
  httpPort?: number;
  startedAt: string;
}

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: OwnerRecord,
  ) {
    const what = owner.role === 'server' ? `a running server${owner.httpPort ? ` on port ${owner.httpPort}` : ''}` : `\`${owner.role}\``;
    super(
      `The embedded database in ${dataDir} is in use by ${what} (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}). ` +
        'Stop that process first, or set DATA_DIR to another folder. Commands (import, keys, migrate, demo) work while a server runs: they go through it.',
    );
  }
}

export const runDirOf = (dataDir: string) => `${dataDir}.run`;
export const socketPathIn = (runDir: string) => join(runDir, '.s.PGSQL.5432');
const ownerFileIn = (runDir: string) => join(runDir, 'owner.json');

function isAlive(owner: OwnerRecord): boolean {
  if (owner.host !== hostname()) return true; // another machine's pid cannot be checked: assume it is alive
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/** The live owner of a data folder, or null (none, or it died without cleaning up). */
export function readOwner(dataDir: string): OwnerRecord | null {
  let owner: OwnerRecord;
  try {
    owner = JSON.parse(readFileSync(ownerFileIn(runDirOf(dataDir)), 'utf8')) as OwnerRecord;
  } catch {
    return null;
  }
  return typeof owner?.pid === 'number' && isAlive(owner) ? owner : null;
}

export interface Ownership {
  runDir: string;
  socketPath: string;
  /** Adds details (e.g. the HTTP port) for whoever finds the folder taken. */
  update(details: Partial<OwnerRecord>): void;
  release(): void;
}

/**
 * Takes the folder or throws DataFolderInUseError. A record left by a dead
 * process (kill -9, power loss) is recovered: removed, then taken.
 */
export function acquireDataFolder(dataDir: string, role: string): Ownership {
  const runDir = runDirOf(dataDir);
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  chmodSync(runDir, 0o700);
  const file = ownerFileIn(runDir);
  let record: OwnerRecord = { pid: process.pid, host: hostname(), role, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      const owner = readOwner(dataDir);
      if (owner && owner.pid !== process.pid) throw new DataFolderInUseError(dataDir, owner);
      rmSync(file, { force: true }); // stale: its process is gone
      rmSync(socketPathIn(runDir), { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rmSync(socketPathIn(runDir), { force: true });
    rmSync(file, { force: true });
  };
  process.once('exit', release); // a crash still frees the folder for the next start
  return {
    runDir,
    socketPath: socketPathIn(runDir),
    update(details) {
      record = { ...record, ...details };
      writeFileSync(file, JSON.stringify(record), { mode: 0o600 });
    },
    release() {
      process.removeListener('exit', release);
      release();
    },
  };
}
