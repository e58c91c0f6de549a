import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Scope } from '../../src/modules/auth/api-key';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';

/** Real keys, created through the same service the CLI uses. */
export async function createKeys(app: NestFastifyApplication, label: string) {
  const keys = app.get(ApiKeysService);
  const actor = { apiKeyId: null, label: 'test' };
  const make = (scope: Scope) => keys.create(`${label}-${scope}`, scope, actor);
  const [read, write, admin, revoked] = [await make('read'), await make('write'), await make('admin'), await make('write')];
  await keys.revoke(revoked.id, actor);
  return { read, write, admin, revoked };
}

export const bearer = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });
