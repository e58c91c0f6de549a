import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Scope } from './api-key';

export interface ApiKeyRecord {
  id: string;
  name: string;
  scope: Scope;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const COLUMNS = `id, name, scope, prefix,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
  to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS revoked_at,
  to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_used_at`;

/**
 * The rows of an `UPDATE … RETURNING` (or DELETE) run through query():
 * TypeORM's PostgreSQL driver answers those with `[rows, affectedCount]`,
 * not the rows themselves as for SELECT and INSERT.
 */
function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  throw new Error('expected the [rows, count] answer of an UPDATE … RETURNING');
}

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: DataSource) {}

  async create(db: EntityManager | DataSource, key: { name: string; scope: Scope; hash: string; prefix: string }): Promise<ApiKeyRecord> {
    const [row] = await db.query<ApiKeyRecord[]>(`INSERT INTO api_key (name, scope, key_hash, prefix) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
      key.name,
      key.scope,
      key.hash,
      key.prefix,
    ]);
    return row;
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.db.query<ApiKeyRecord[]>(`SELECT ${COLUMNS} FROM api_key WHERE key_hash = $1`, [hash]);
    return row ?? null;
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM api_key ORDER BY created_at, id`);
  }

  /** The key, locked for the rest of the transaction; null when there is none. */
  async lock(db: EntityManager, id: string): Promise<ApiKeyRecord | null> {
    const [row] = await db.query<ApiKeyRecord[]>(`SELECT ${COLUMNS} FROM api_key WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  /** Revokes the key (keeping the first revocation time); null when there is none. */
  async revoke(db: EntityManager, id: string): Promise<ApiKeyRecord | null> {
    const [row] = updatedRows<ApiKeyRecord>(
      await db.query(`UPDATE api_key SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`, [id]),
    );
    return row ?? null;
  }

  /** Best effort and coarse (once a minute), so reads stay reads. */
  async touch(id: string): Promise<void> {
    await this.db.query(`UPDATE api_key SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
  }
}
