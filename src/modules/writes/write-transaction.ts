import { DataSource, EntityManager } from 'typeorm';
import { toDomainErrorFromDatabase } from '../../common/errors/database-errors';

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

  async audit(
    action: AuditAction,
    entity: string,
    entityId: string | null,
    before: unknown,
    after: unknown,
    importId: string | null = null,
  ): Promise<void> {
    await this.tx.query(
      `INSERT INTO audit_log (api_key_id, actor, action, entity, entity_id, import_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
      [this.actor.apiKeyId, this.actor.label, action, entity, entityId, importId, json(before), json(after)],
    );
  }

  async changed(entity: Entity, ids: string[], op: ChangeOp): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.query(
      `INSERT INTO change_log (entity, entity_id, op) SELECT $1, id, $2 FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY n`,
      [entity, op, ids],
    );
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
    return await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
      return work(new WriteScope(tx, actor));
    });
  } catch (error) {
    throw toDomainErrorFromDatabase(error);
  }
}
