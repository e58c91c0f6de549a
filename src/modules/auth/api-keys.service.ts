import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { runWrite, Actor } from '../writes/write-transaction';
import { generateApiKey, Scope } from './api-key';
import { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: DataSource,
    private readonly keys: ApiKeysRepository,
  ) {}

  /** Creates a key; the returned `key` is the only time it is ever shown. */
  create(name: string, scope: Scope, actor: Actor): Promise<ApiKeyRecord & { key: string }> {
    const { key, hash, prefix } = generateApiKey();
    return runWrite(this.db, actor, async (scope_) => {
      const record = await this.keys.create(scope_.tx, { name, scope, hash, prefix });
      await scope_.audit('create', 'api_key', record.id, null, record);
      return { ...record, key };
    });
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.keys.list();
  }

  /**
   * Revokes a key at once and returns it as GET /v1/keys lists it. Unknown
   * id: 404. Revoking a revoked key changes nothing and records nothing.
   */
  revoke(id: string, actor: Actor): Promise<ApiKeyRecord> {
    return runWrite(this.db, actor, async (scope) => {
      const before = await this.keys.lock(scope.tx, id);
      if (!before) throw DomainError.notFound('api_key', id);
      if (before.revoked_at) return before;
      const record = await this.keys.revoke(scope.tx, id);
      if (!record) throw DomainError.notFound('api_key', id);
      await scope.audit('delete', 'api_key', id, before, record);
      return record;
    });
  }
}
