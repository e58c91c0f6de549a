import { DataSource } from 'typeorm';
import { ConcurrencyLimit } from '../common/concurrency-limit';

/**
 * How many writes may hold a pooled connection at once, and how long a write
 * waits for its turn (in this queue and then for the global write lock
 * together). See write-transaction.ts for why.
 */
export class WriteAdmission {
  private readonly slots: ConcurrencyLimit;

  constructor(
    readonly connections: number,
    readonly maxWaitMs: number,
  ) {
    this.slots = new ConcurrencyLimit(connections);
  }

  /**
   * Runs `write` once a slot is free. It gets what is left of the wait budget,
   * to wait for the lock with. Throws QueueTimeoutError if no slot frees in time.
   */
  run<T>(write: (lockWaitMs: number) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.maxWaitMs;
    return this.slots.run(() => write(Math.max(1, deadline - Date.now())), { maxWaitMs: this.maxWaitMs });
  }
}

/** Pool connections a server-mode app lets writes hold: never all of them, so reads keep at least one. */
export function writeConnectionsFor(poolSize: number, configured: number): number {
  return Math.max(1, Math.min(configured, poolSize - 1));
}

/**
 * The command-line tools (keys, import) run alone in their process: one write
 * at a time, and an operator can wait longer for a running import to finish.
 */
const OPERATOR_ADMISSION = new WriteAdmission(1, 60_000);

const admissions = new WeakMap<DataSource, WriteAdmission>();

/** The running app registers its admission for its DataSource (database.module.ts). */
export function setWriteAdmission(db: DataSource, admission: WriteAdmission): void {
  admissions.set(db, admission);
}

export function writeAdmissionFor(db: DataSource): WriteAdmission {
  return admissions.get(db) ?? OPERATOR_ADMISSION;
}
