#!/usr/bin/env node
/**
 * The operator's command line, one entry point for a source checkout
 * (`npm run import -- …`, `npm run keys:create -- …`) and the production image
 * (`harm-reduction-directory import …`): import, keys, migrate, demo, search-projection.
 *
 * Embedded mode: when a server owns the data folder, commands go through it
 * (what they write is visible to it at once); otherwise they open the folder
 * themselves, migrated as `npm start` does (src/database/command-database.ts).
 */
import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { openCommandDatabase } from '../database/command-database';
import { Command, UsageError } from './cli-support';
import { demoCommand } from './commands/demo.command';
import { importCommand } from './commands/import.command';
import { keysCommand } from './commands/keys.command';
import { migrateCommand } from './commands/migrate.command';
import { searchProjectionCommand } from './commands/search-projection.command';

const COMMANDS: Record<string, Command<unknown>> = {
  import: importCommand,
  keys: keysCommand,
  migrate: migrateCommand,
  demo: demoCommand,
  'search-projection': searchProjectionCommand,
};

const usage = () =>
  `usage: harm-reduction-directory <command>\n${Object.values(COMMANDS)
    .map((c) => `  ${c.usage}`)
    .join('\n')}\n` + 'Uses DATABASE_URL, or the embedded database in DATA_DIR (through the running server when there is one).';

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS[name];
  if (!command) throw new UsageError(usage());
  const params = command.parse(args);
  const config: AppConfig = loadConfig();
  const db = await openCommandDatabase(config, name);
  try {
    if (process.stderr.isTTY) console.error(`(${db.via})`);
    return await command.run(params, db.dataSource);
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? `${error.message}` : error.message);
    process.exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1);
  },
);
