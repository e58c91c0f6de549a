import { removeDemoData } from '../../database/seed/demo-data.remover';
import { CLI_ACTOR, Command, UsageError } from '../cli-support';

/** Takes the fictional demo data (source 'demo') out, leaving imports, API records and keys alone. */
export const demoCommand: Command<'remove'> = {
  usage: 'demo remove',
  parse(args) {
    if (args.length !== 1 || args[0] !== 'remove') throw new UsageError(this.usage);
    return 'remove';
  },
  async run(_params, db) {
    const removed = await removeDemoData(db, CLI_ACTOR);
    const total = Object.values(removed).reduce((a, b) => a + b, 0);
    console.log(
      total === 0
        ? 'No demo records: nothing removed.'
        : `Removed the demo data: ${removed.organization} organizations, ${removed.service} services, ` +
            `${removed.location} locations, ${removed.service_at_location} service-at-locations (tombstones in the change feed).`,
    );
    return 0;
  },
};
