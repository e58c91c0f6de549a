import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createDirectoryClient } from '../clients/typescript';
import { createKeys } from './support/api-keys';
import { checkedFetch } from './support/checked-request';
import { startTestApp } from './support/test-app';

/**
 * The generated TypeScript client (clients/typescript: openapi-typescript
 * types over openapi-fetch) against the real server. This file is also
 * type-checked (`npm run typecheck`): it only compiles because the spec says
 * which values may be null, so the null checks below are what a client
 * author is forced to write.
 */
describe('the typed TypeScript client generated from openapi.yaml', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
  });
  afterAll(() => app.close());

  it('is what openapi-typescript generates from the committed openapi.yaml (no drift)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hrd-client-')), 'schema.d.ts');
    const bin = join(__dirname, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    execFileSync(process.execPath, [bin, join(__dirname, '..', 'openapi.yaml'), '-o', out], { stdio: 'pipe' });
    expect(readFileSync(join(__dirname, '..', 'clients', 'typescript', 'schema.d.ts'), 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('searches, including the by-mail programs in reaching, and pages by cursor', async () => {
    const api = createDirectoryClient(url, { fetch: checkedFetch });
    const first = await api.GET('/v1/search', {
      params: { query: { postal_code: '75215', service: ['service.naloxone'], limit: 3 } },
    });
    expect(first.error).toBeUndefined();
    const page = first.data!;
    expect(page.page.origin.source).toBe('postal_code');
    for (const place of page.data) {
      expect(typeof place.distance_m).toBe('number');
      // geometry is nullable in the spec: the compiler makes us check
      const coordinates = place.location.geometry?.coordinates ?? null;
      if (place.location.address_visibility === 'public') expect(coordinates).toHaveLength(2);
    }
    expect(page.reaching.some((r) => r.reach === 'by_mail' && r.location.geometry === null)).toBe(true);
    const cursor = page.page.next_cursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await api.GET('/v1/search', {
      params: { query: { postal_code: '75215', service: ['service.naloxone'], limit: 3, cursor: cursor! } },
    });
    expect(second.data!.data[0].distance_m).toBeGreaterThanOrEqual(page.data[page.data.length - 1].distance_m);
    expect(second.data!.data.map((r) => r.id)).not.toContain(page.data[0].id);
  });

  it('ANDs repeated filters as the spec declares (form, explode)', async () => {
    const api = createDirectoryClient(url, { fetch: checkedFetch });
    const both = await api.GET('/v1/search', {
      params: { query: { near: '32.7767,-96.797', radius: 300, access: ['access.walk-in', 'access.free'], limit: 100 } },
    });
    const codes = (r: { access: { code: string }[]; service: { attributes: { code: string }[] } }) =>
      new Set([...r.access.map((t) => t.code), ...r.service.attributes.map((t) => t.code)]);
    expect(both.data!.data.length).toBeGreaterThan(0);
    for (const r of both.data!.data) expect([...codes(r)]).toEqual(expect.arrayContaining(['access.walk-in', 'access.free']));
  });

  it('reads a record by id, with its nullable fields typed as such', async () => {
    const api = createDirectoryClient(url, { fetch: checkedFetch });
    const list = await api.GET('/v1/organizations', { params: { query: { limit: 1 } } });
    const id = list.data!.data[0].id;
    const one = await api.GET('/v1/organizations/{id}', { params: { path: { id } } });
    expect(one.data!.id).toBe(id);
    const website: string | null = one.data!.website;
    expect(website === null || typeof website === 'string').toBe(true);
  });

  it('writes with a key, and gets a typed problem for bad input', async () => {
    const keys = await createKeys(app, 'typed-client');
    const api = createDirectoryClient(url, { fetch: checkedFetch, apiKey: keys.write.key });
    const created = await api.POST('/v1/organizations', {
      body: { name: 'Typed Client Test Collective (fictional)', description: 'Test record.', website: null },
    });
    expect(created.response.status).toBe(201);
    expect(created.data!.name).toBe('Typed Client Test Collective (fictional)');

    const anonymous = createDirectoryClient(url, { fetch: checkedFetch });
    const refused = await anonymous.POST('/v1/organizations', { body: { name: 'x', description: 'y' } });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ code: 'UNAUTHENTICATED' });

    const bad = await api.GET('/v1/search', { params: { query: { near: '95,-96.8' } } });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({ code: 'INVALID_PARAMETER', invalid_params: [expect.objectContaining({ name: 'near' })] });
  });
});
