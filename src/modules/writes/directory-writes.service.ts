import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { assertStorableJson } from '../../common/validation/storable-text';
import { checkStrongIfMatch, currentEtagOf, IfMatchAgainst } from './if-match';
import { AnyInput, RecordSpec, SPECS } from './record-specs';
import { RecordDetailsWriter } from './record-details.writer';
import { snapshot, unchanged } from './record-snapshot';
import { Actor, Entity, runWrite, WriteScope } from './write-transaction';

/**
 * Creates, updates and (soft-)deletes directory records. Each call is one
 * transaction with its audit entry and change-feed entries.
 */
@Injectable()
export class DirectoryWritesService {
  constructor(private readonly db: DataSource) {}

  create(entity: Entity, input: AnyInput, actor: Actor): Promise<string> {
    const spec = SPECS[entity];
    // REST bodies are checked at the edge; GraphQL inputs arrive here unchecked
    assertStorableJson(input, '');
    const missing = spec.required.filter((f) => (input as Record<string, unknown>)[f] === undefined || (input as Record<string, unknown>)[f] === null);
    if (missing.length) {
      throw new DomainError(
        ErrorCode.InvalidParameter,
        `Missing required field(s): ${missing.join(', ')}.`,
        missing.map((name) => ({ name, reason: 'required when creating' })),
      );
    }
    return runWrite(this.db, actor, async (scope) => {
      await this.checkParentsLive(scope.tx, entity, input);
      const columns = spec.columns(input);
      const params = columns.map((c) => c.value);
      const placeholders = columns.map((c, i) => (c.sql ? c.sql(`$${i + 1}`) : `$${i + 1}`));
      const [{ id }] = await scope.tx.query<{ id: string }[]>(
        `INSERT INTO ${entity} (${columns.map((c) => c.column).join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING id`,
        params,
      );
      await this.writeDetails(scope.tx, spec, id, input);
      await scope.audit('create', entity, id, null, (await snapshot(scope.tx, entity, id))?.audited);
      await scope.changed(entity, [id], 'create');
      return id;
    });
  }

  /**
   * Applies the fields given. A PATCH that changes nothing (`{}`, or the
   * current values again) answers like any other but writes nothing: no new
   * version, no feed entry, no audit row; partners syncing from the feed
   * should not refetch a record that did not change.
   */
  update(entity: Entity, id: string, ifMatch: string | undefined, input: AnyInput, actor: Actor, against: IfMatchAgainst = 'etag'): Promise<void> {
    const spec = SPECS[entity];
    assertStorableJson(input, '');
    return runWrite(this.db, actor, async (scope) => {
      const version = await this.lock(scope.tx, entity, id);
      checkStrongIfMatch(ifMatch, await currentEtagOf(scope.tx, entity, id, version, against));
      for (const field of spec.required) {
        if ((input as Record<string, unknown>)[field] === null) throw DomainError.invalidParameter(field, 'cannot be null');
      }
      const columns = spec.columns(input);
      if (columns.length === 0 && !this.hasDetails(spec, input)) return;
      await this.checkParentsLive(scope.tx, entity, input);
      const before = await snapshot(scope.tx, entity, id);
      // the database decides what "the same" means (geometry, times, lists), so write, compare, and undo a no-op
      await scope.tx.query(`SAVEPOINT patch_noop`);
      const sets = columns.map((c, i) => `${c.column} = ${c.sql ? c.sql(`$${i + 2}`) : `$${i + 2}`}`);
      await scope.tx.query(`UPDATE ${entity} SET ${[...sets, 'version = version + 1', 'last_modified = now()'].join(', ')} WHERE id = $1`, [
        id,
        ...columns.map((c) => c.value),
      ]);
      await this.writeDetails(scope.tx, spec, id, input);
      const after = await snapshot(scope.tx, entity, id);
      if (unchanged(before, after)) {
        await scope.tx.query(`ROLLBACK TO SAVEPOINT patch_noop`);
        return;
      }
      await scope.tx.query(`RELEASE SAVEPOINT patch_noop`);
      await scope.audit('update', entity, id, before?.audited, after?.audited);
      await scope.changed(entity, [id], 'update');
    });
  }

  remove(entity: Entity, id: string, ifMatch: string | undefined, actor: Actor, against: IfMatchAgainst = 'etag'): Promise<void> {
    return runWrite(this.db, actor, async (scope) => {
      const version = await this.lock(scope.tx, entity, id);
      checkStrongIfMatch(ifMatch, await currentEtagOf(scope.tx, entity, id, version, against));
      await this.softDelete(scope, entity, [id]);
    });
  }

  /** Stamps assured_date: a person checked this listing today. */
  verify(serviceId: string, actor: Actor): Promise<void> {
    return runWrite(this.db, actor, async (scope) => {
      await this.lock(scope.tx, 'service', serviceId);
      const before = await snapshot(scope.tx, 'service', serviceId);
      await scope.tx.query(`UPDATE service SET assured_date = current_date, version = version + 1, last_modified = now() WHERE id = $1`, [serviceId]);
      await scope.audit('verify', 'service', serviceId, before?.audited, (await snapshot(scope.tx, 'service', serviceId))?.audited);
      await scope.changed('service', [serviceId], 'update');
    });
  }

  /** Deletes the records and, recursively, what hangs from them; each gets a tombstone. */
  private async softDelete(scope: WriteScope, entity: Entity, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) await scope.audit('delete', entity, id, (await snapshot(scope.tx, entity, id))?.audited, null);
    await scope.tx.query(`UPDATE ${entity} SET deleted_at = now(), version = version + 1, last_modified = now() WHERE id = ANY($1::uuid[])`, [ids]);
    await scope.changed(entity, ids, 'delete');
    for (const [child, column] of SPECS[entity].cascade) {
      const rows: { id: string }[] = await scope.tx.query(`SELECT id FROM ${child} WHERE ${column} = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY id`, [
        ids,
      ]);
      await this.softDelete(
        scope,
        child,
        rows.map((r) => r.id),
      );
    }
  }

  /** Locks the live record for the rest of the transaction; 404 when absent or deleted. */
  private async lock(tx: EntityManager, entity: Entity, id: string): Promise<number> {
    const [row] = await tx.query<{ version: number }[]>(`SELECT version FROM ${entity} WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [id]);
    if (!row) throw DomainError.notFound(entity, id);
    return row.version;
  }

  /** A record cannot hang from a deleted (or missing) parent. */
  private async checkParentsLive(tx: EntityManager, entity: Entity, input: AnyInput): Promise<void> {
    const refs: [string, Entity][] =
      entity === 'service_at_location'
        ? [
            ['service_id', 'service'],
            ['location_id', 'location'],
          ]
        : entity === 'organization'
          ? []
          : [['organization_id', 'organization']];
    for (const [field, parent] of refs) {
      const parentId = (input as Record<string, unknown>)[field] as string | undefined;
      if (parentId === undefined) continue;
      const [row] = await tx.query<unknown[]>(`SELECT 1 FROM ${parent} WHERE id = $1 AND deleted_at IS NULL`, [parentId]);
      if (!row) throw DomainError.invalidParameter(field, `no ${parent} with id '${parentId}'`);
    }
  }

  private hasDetails(spec: RecordSpec, input: AnyInput): boolean {
    return spec.details.some((d) => (input as Record<string, unknown>)[d] !== undefined);
  }

  private async writeDetails(tx: EntityManager, spec: RecordSpec, id: string, input: AnyInput): Promise<void> {
    const owner = `${spec.entity}_id` as 'organization_id';
    const writer = new RecordDetailsWriter(tx);
    const i = input as Partial<Record<'phones' | 'languages' | 'attributes' | 'schedules', never[]>>;
    if (spec.details.includes('phones') && i.phones) await writer.replacePhones(owner, id, i.phones);
    if (spec.details.includes('languages') && i.languages) await writer.replaceLanguages(owner as 'service_id', id, i.languages);
    if (spec.details.includes('attributes') && i.attributes) await writer.replaceTerms(owner, id, i.attributes);
    if (spec.details.includes('schedules') && i.schedules) await writer.replaceSchedules(owner as 'location_id', id, i.schedules);
  }
}
