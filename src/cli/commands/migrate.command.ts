import { Command, UsageError } from '../cli-support';

/** Applies pending migrations (a server database; the embedded one migrates whenever it is opened). */
export const migrateCommand: Command<null> = {
  usage: 'migrate',
  parse(args) {
    if (args.length) throw new UsageError(this.usage);
    return null;
  },
  async run(_params, db) {
    const applied = await db.runMigrations({ transaction: 'each' });
    console.log(applied.length === 0 ? 'No pending migrations.' : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m.name}`).join('\n')}`);
    return 0;
  },
};
