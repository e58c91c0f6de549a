import { REBUILD_RECORD_DOCUMENTS, RECORD_DOCUMENTS_DRIFT } from '../../modules/records/record-documents.schema';
import { REBUILD_SEARCH_PROJECTION, SEARCH_PROJECTION_DRIFT } from '../../modules/search/search-projection.sql';
import { Command, UsageError } from '../cli-support';

type Action = 'rebuild' | 'check';

/**
 * `search-projection rebuild`: recomputes the tables every search reads from their sources — the projection
 * and the record documents (record-documents.schema.ts) — for disaster recovery, or after a bulk load that
 * bypassed their triggers, then refreshes their planner statistics.
 * `search-projection check`: exit 1 when either differs from what a rebuild would make.
 */
export const searchProjectionCommand: Command<Action> = {
  usage: 'search-projection rebuild|check',
  parse(args) {
    if (args.length !== 1 || (args[0] !== 'rebuild' && args[0] !== 'check')) throw new UsageError(this.usage);
    return args[0];
  },
  async run(action, db) {
    const started = Date.now();
    if (action === 'rebuild') {
      const [[{ rows }], [{ rows: documents }]] = await db.transaction(async (manager) => [
        await manager.query<Array<{ rows: number }>>(REBUILD_SEARCH_PROJECTION),
        await manager.query<Array<{ rows: number }>>(REBUILD_RECORD_DOCUMENTS),
      ]);
      await db.query('ANALYZE search_projection, service_document, location_document, organization_document');
      console.log(`Rebuilt the search projection (${rows} rows) and the record documents (${documents}) in ${Date.now() - started} ms.`);
      return 0;
    }
    const drift = [
      ...(await db.query<Array<{ kind: string; id: string }>>(SEARCH_PROJECTION_DRIFT)),
      ...(await db.query<Array<{ kind: string; id: string }>>(RECORD_DOCUMENTS_DRIFT)).map((d) => ({ kind: `${d.kind} document`, id: d.id })),
    ];
    if (drift.length === 0) {
      console.log(`The search projection and the record documents are current (${Date.now() - started} ms).`);
      return 0;
    }
    console.log(`The search projection or the record documents differ from a rebuild (run \`search-projection rebuild\`):`);
    for (const { kind, id } of drift) console.log(`  ${kind} ${id}`);
    return 1;
  },
};
