import { REBUILD_SEARCH_PROJECTION, SEARCH_PROJECTION_DRIFT } from '../../modules/search/search-projection.sql';
import { Command, UsageError } from '../cli-support';

type Action = 'rebuild' | 'check';

/**
 * `search-projection rebuild`: recomputes the table every search reads from its sources (disaster recovery,
 * or after a bulk load that bypassed its triggers), then refreshes its planner statistics.
 * `search-projection check`: exit 1 when the table differs from what a rebuild would make.
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
      const [{ rows }] = await db.transaction((manager) => manager.query<Array<{ rows: number }>>(REBUILD_SEARCH_PROJECTION));
      await db.query('ANALYZE search_projection');
      console.log(`Rebuilt the search projection: ${rows} rows in ${Date.now() - started} ms.`);
      return 0;
    }
    const drift = await db.query<Array<{ kind: string; id: string }>>(SEARCH_PROJECTION_DRIFT);
    if (drift.length === 0) {
      console.log(`The search projection is current (${Date.now() - started} ms).`);
      return 0;
    }
    console.log(`The search projection differs from a rebuild (run \`search-projection rebuild\`):`);
    for (const { kind, id } of drift) console.log(`  ${kind} ${id}`);
    return 1;
  },
};
