/**
 * API key management from the command line (the first admin key has to come
 * from somewhere):
 *   npm run keys:create -- --name <name> --scope read|write|admin
 *   npm run keys:list
 *   npm run keys:revoke -- --id <uuid>
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the app first:
 * only one process can open it).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../config/app-config';
import { dataSourceOptions } from '../../../database/data-source-options';
import { startEmbeddedPostgres } from '../../../database/embedded-postgres';
import { Scope, SCOPES } from '../api-key';
import { ApiKeysRepository } from '../api-keys.repository';
import { ApiKeysService } from '../api-keys.service';

const CLI_ACTOR = { apiKeyId: null, label: 'cli' };

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, scope: { type: 'string' }, id: { type: 'string' } } });
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR);
  const db = new DataSource(dataSourceOptions(config.DATABASE_URL ?? embedded!.url, 1));
  await db.initialize();
  try {
    if (embedded) await db.runMigrations({ transaction: 'each' });
    const keys = new ApiKeysService(db, new ApiKeysRepository(db));
    if (command === 'create') {
      if (!values.name || !SCOPES.includes(values.scope as Scope)) {
        throw new Error(`usage: npm run keys:create -- --name <name> --scope ${SCOPES.join('|')}`);
      }
      const created = await keys.create(values.name, values.scope as Scope, CLI_ACTOR);
      console.log(`Created ${created.scope} key '${created.name}' (id ${created.id}).`);
      console.log(`Key (shown once, store it now): ${created.key}`);
    } else if (command === 'list') {
      for (const k of await keys.list()) {
        console.log(`${k.id}  ${k.prefix}…  ${k.scope.padEnd(5)}  ${k.revoked_at ? 'revoked' : 'active '}  ${k.name}`);
      }
    } else if (command === 'revoke') {
      if (!values.id) throw new Error('usage: npm run keys:revoke -- --id <uuid>');
      const revoked = await keys.revoke(values.id, CLI_ACTOR);
      console.log(`Revoked key '${revoked.name}' (${revoked.id}).`);
    } else {
      throw new Error('usage: keys create|list|revoke');
    }
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
