/*
 * Every write takes one global advisory lock (WRITE_LOCK_KEY) inside its
 * transaction, so change_log order is commit order across all writers and
 * app instances (the change feed's `since` must never skip a row committed
 * late). The lock serializes writers; it must never make readers wait. So:
 *
 * - A write waits at most DB_WRITE_LOCK_TIMEOUT_MS for its turn: first in
 *   this process's FIFO queue, then for the lock itself (SET LOCAL
 *   lock_timeout before pg_advisory_xact_lock). Past that it answers 503 with
 *   Retry-After instead of piling up.
 * - At most DB_WRITE_CONNECTIONS writes (never the whole pool: pool size - 1
 *   at most) hold a pooled connection at once, waiting for the lock or
 *   working; the others wait in the queue without a connection. So however
 *   many writes arrive, reads keep the rest of the pool (write-admission.ts).
 *   Only one writer can work at a time anyway, so a second one in hand is all
 *   that is worth a connection.
 *
 * Embedded mode has exactly one connection (PGlite serves one client): reads
 * and writes necessarily share it, and a read waits while a write transaction
 * holds it (at most DB_CONNECT_TIMEOUT_MS, then 503).
 *
 * We kept the lock rather than replacing it (e.g. with a commit-ordered
 * sequence read after commit) because writes are rare next to reads and
 * every write is short; imports hold it for their whole transaction, so a
 * write arriving during a large import gets a 503 and retries.
 */
import { DataSource, EntityManager } from 'typeorm';
import { toDomainErrorFromDatabase } from '../../common/errors/database-errors';
import { QueueTimeoutError } from '../../common/concurrency-limit';
import { classifyDatabaseFault, RETRY_AFTER_SECONDS, ServiceUnavailableError } from '../../database/database-faults';
import { writeAdmissionFor } from '../../database/write-admission';

/** Who is writing: an API key, or an operator at the command line. */
export interface Actor {
  apiKeyId: string | null;
  label: string;
}

export type Entity = 'organization' | 'service' | 'location' | 'service_at_location';
export type AuditAction = 'create' | 'update' | 'delete' | 'verify' | 'import';
export type ChangeOp = 'create' | 'update' | 'delete';

/** Every write runs with this advisory lock held, so change_log order is commit order. */
const WRITE_LOCK_KEY = 727_001;

/** The transaction a write runs in, with its audit and change-feed recording. */
export class WriteScope {
  constructor(
    readonly tx: EntityManager,
    readonly actor: Actor,
  ) {}

  async audit(action: AuditAction, entity: string, entityId: string | null, before: unknown, after: unknown, importId: string | null = null): Promise<void> {
    await this.tx.query(
      `INSERT INTO audit_log (api_key_id, actor, action, entity, entity_id, import_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
      [this.actor.apiKeyId, this.actor.label, action, entity, entityId, importId, json(before), json(after)],
    );
  }

  async changed(entity: Entity, ids: string[], op: ChangeOp): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.query(`INSERT INTO change_log (entity, entity_id, op) SELECT $1, id, $2 FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY n`, [
      entity,
      op,
      ids,
    ]);
  }
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * Runs `work` in one transaction: it commits whole or writes nothing. Every
 * read inside must use `scope.tx` (the embedded database serves one
 * connection, so a read outside the transaction would wait for it forever).
 */
export async function runWrite<T>(db: DataSource, actor: Actor, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  try {
    return await writeAdmissionFor(db).run((lockWaitMs) =>
      db.transaction(async (tx) => {
        await takeWriteLock(tx, lockWaitMs);
        return work(new WriteScope(tx, actor));
      }),
    );
  } catch (error) {
    if (error instanceof QueueTimeoutError) throw writeBusy();
    throw toDomainErrorFromDatabase(error);
  }
}

async function takeWriteLock(tx: EntityManager, waitMs: number): Promise<void> {
  // one round trip; the lock wait gets its own timeout, then the session's is back for the write itself
  try {
    await tx.query(`SET LOCAL lock_timeout = ${Math.ceil(waitMs)}; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY}); SET LOCAL lock_timeout TO DEFAULT`);
  } catch (error) {
    if (classifyDatabaseFault(error)?.reason.includes('55P03')) throw writeBusy();
    throw error;
  }
}

const writeBusy = () =>
  new ServiceUnavailableError('Other writes are in progress; this one could not get its turn in time. Please retry.', RETRY_AFTER_SECONDS.busy);
