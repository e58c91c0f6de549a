import { DataSource } from 'typeorm';
import { Actor, Entity, runWrite } from '../../modules/writes/write-transaction';
import { DEMO_SOURCE_ID } from './demo-data.seeder';

export type DemoRemoval = Record<Entity, number>;

/** Children first, so nothing live ever points at a deleted parent. */
const ORDER: Entity[] = ['service_at_location', 'location', 'service', 'organization'];

/**
 * Soft-deletes every record of the demo source and nothing else, in one
 * write: partners following the change feed get a tombstone for each, and
 * the audit log one line. Imported and API-entered records are untouched.
 */
export async function removeDemoData(db: DataSource, actor: Actor): Promise<DemoRemoval> {
  return runWrite(db, actor, async (scope) => {
    const removed = {} as DemoRemoval;
    for (const entity of ORDER) {
      const rows: { id: string }[] = await scope.tx.query(
        `UPDATE ${entity} SET deleted_at = now(), version = version + 1, last_modified = now()
          WHERE source_id = $1 AND deleted_at IS NULL RETURNING id`,
        [DEMO_SOURCE_ID],
      );
      // TypeORM answers UPDATE … RETURNING with [rows, count]
      const ids = (Array.isArray(rows[0]) ? (rows[0] as unknown as { id: string }[]) : rows).map((r) => r.id);
      removed[entity] = ids.length;
      await scope.changed(entity, ids, 'delete');
    }
    await scope.audit('delete', 'data_source', null, { source: DEMO_SOURCE_ID }, { removed });
    return removed;
  });
}
