import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { bearer, createKeys } from './support/api-keys';
import { cliResult, runCli } from './support/child-app';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000beef';

/** Key revocation (issue 10, item 10): 404 for an unknown id, the key object for a real one. */
describe('API key revocation', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;
  let keys: Awaited<ReturnType<typeof createKeys>>;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
    keys = await createKeys(app, 'keys-spec');
  });
  afterAll(() => app.close());

  const auditOf = (id: string) =>
    db.query<{ action: string; before: unknown; after: unknown }[]>(
      `SELECT action, before, after FROM audit_log WHERE entity = 'api_key' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  it('an unknown id: 404, and no audit row', async () => {
    const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM audit_log`);
    expectProblem(await request(url).delete(`/v1/keys/${UNKNOWN_ID}`).set(bearer(keys.admin)), 404, 'NOT_FOUND');
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(before);
  });

  it('a real key: 200 with the key object (the GET /v1/keys item shape), one audit row, and the key stops working', async () => {
    const created = (await request(url).post('/v1/keys').set(bearer(keys.admin)).send({ name: 'to-revoke', scope: 'write' }).expect(201)).body;
    const res = await request(url).delete(`/v1/keys/${created.id}`).set(bearer(keys.admin)).expect(200);
    expect(Array.isArray(res.body)).toBe(false);
    const listed = (await request(url).get('/v1/keys').set(bearer(keys.admin)).expect(200)).body.data.find((k: { id: string }) => k.id === created.id);
    expect(res.body).toEqual(listed);
    expect(res.body).toMatchObject({ id: created.id, name: 'to-revoke', scope: 'write', revoked_at: expect.any(String) });
    expect(Object.keys(res.body).sort()).toEqual(['created_at', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'scope']);
    expect(JSON.stringify(res.body)).not.toContain(created.key);

    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(audit[1].after).toMatchObject({ id: created.id, name: 'to-revoke', revoked_at: expect.any(String) });
    expect(audit[1].before).toMatchObject({ id: created.id, revoked_at: null });
    expectProblem(await request(url).post('/v1/organizations').set(bearer(created)).send({}), 401, 'UNAUTHENTICATED');

    // revoking again changes nothing: the same key object, no second audit row
    const again = await request(url).delete(`/v1/keys/${created.id}`).set(bearer(keys.admin)).expect(200);
    expect(again.body).toEqual(res.body);
    expect((await auditOf(created.id)).length).toBe(2);
  });
});

describe('keys command line', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'hrd-keys-cli-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('revoke prints the label and id of the revoked key; an unknown id fails with a message', () => {
    const created = runCli(dataDir, ['keys', 'create', '--name', 'cli-revoke-test', '--scope', 'write']);
    const id = /\(id ([0-9a-f-]{36})\)/.exec(created)![1];
    const revoked = runCli(dataDir, ['keys', 'revoke', '--id', id]);
    expect(revoked).toContain(`Revoked key 'cli-revoke-test' (${id}).`);
    expect(revoked).not.toContain('undefined');

    const unknown = cliResult(dataDir, ['keys', 'revoke', '--id', UNKNOWN_ID]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`No api_key with id '${UNKNOWN_ID}'`);
  }, 240_000);
});
