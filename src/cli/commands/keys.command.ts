import { parseArgs } from 'node:util';
import { Scope, SCOPES } from '../../modules/auth/api-key';
import { ApiKeysRepository } from '../../modules/auth/api-keys.repository';
import { ApiKeysService } from '../../modules/auth/api-keys.service';
import { CLI_ACTOR, Command, UsageError } from '../cli-support';

type KeysParams = { sub: 'create'; name: string; scope: Scope } | { sub: 'list' } | { sub: 'revoke'; id: string };

/** API keys from the operator's shell: the first admin key has to come from somewhere. */
export const keysCommand: Command<KeysParams> = {
  usage: `keys create --name <name> --scope ${SCOPES.join('|')} | keys list | keys revoke --id <uuid>`,

  parse(args) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, scope: { type: 'string' }, id: { type: 'string' } } });
    if (sub === 'create' && values.name && SCOPES.includes(values.scope as Scope)) return { sub, name: values.name, scope: values.scope as Scope };
    if (sub === 'list') return { sub };
    if (sub === 'revoke' && values.id) return { sub, id: values.id };
    throw new UsageError(this.usage);
  },

  async run(params, db) {
    const keys = new ApiKeysService(db, new ApiKeysRepository(db));
    if (params.sub === 'create') {
      const created = await keys.create(params.name, params.scope, CLI_ACTOR);
      console.log(`Created ${created.scope} key '${created.name}' (id ${created.id}).`);
      console.log(`Key (shown once, store it now): ${created.key}`);
    } else if (params.sub === 'list') {
      for (const k of await keys.list()) {
        console.log(`${k.id}  ${k.prefix}…  ${k.scope.padEnd(5)}  ${k.revoked_at ? 'revoked' : 'active '}  ${k.name}`);
      }
    } else {
      const revoked = await keys.revoke(params.id, CLI_ACTOR);
      console.log(`Revoked key '${revoked.name}' (${revoked.id}).`);
    }
    return 0;
  },
};
