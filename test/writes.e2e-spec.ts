import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { bearer, createKeys } from './support/api-keys';
import { gql } from './support/graphql';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';
import { expectProjectionCurrent } from './support/search-projection';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('write API', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;
  let keys: Awaited<ReturnType<typeof createKeys>>;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
    keys = await createKeys(app, 'writes');
  });
  // every write this suite makes must leave the search projection equal to a rebuild
  afterEach(() => expectProjectionCurrent(app.get(DataSource)));
  afterAll(() => app.close());

  const send = (method: 'post' | 'patch' | 'delete' | 'get', path: string) => request(url)[method](path);

  const newOrganization = async () => {
    const res = await send('post', '/v1/organizations')
      .set(bearer(keys.write))
      .send({ name: 'Test Outreach Collective (fictional)', description: 'Test record.', attributes: ['practice.peer-staff'] })
      .expect(201);
    return res;
  };

  describe('auth matrix', () => {
    const writeRoutes: [string, 'post' | 'patch' | 'delete', string][] = [
      ['create organization', 'post', '/v1/organizations'],
      ['update organization', 'patch', `/v1/organizations/${UNKNOWN_ID}`],
      ['delete organization', 'delete', `/v1/organizations/${UNKNOWN_ID}`],
      ['create service', 'post', '/v1/services'],
      ['update service', 'patch', `/v1/services/${UNKNOWN_ID}`],
      ['delete service', 'delete', `/v1/services/${UNKNOWN_ID}`],
      ['verify service', 'post', `/v1/services/${UNKNOWN_ID}/verify`],
      ['create location', 'post', '/v1/locations'],
      ['update location', 'patch', `/v1/locations/${UNKNOWN_ID}`],
      ['delete location', 'delete', `/v1/locations/${UNKNOWN_ID}`],
      ['create link', 'post', '/v1/service-at-locations'],
      ['update link', 'patch', `/v1/service-at-locations/${UNKNOWN_ID}`],
      ['delete link', 'delete', `/v1/service-at-locations/${UNKNOWN_ID}`],
    ];

    it.each(writeRoutes)('%s: no key 401, read key 403, revoked 401, write and admin keys pass', async (_name, method, path) => {
      const call = (headers: Record<string, string>) => send(method, path).set(headers).set('if-match', '"1"').send({});
      expectProblem(await call({}), 401, 'UNAUTHENTICATED');
      expect((await call({})).headers['www-authenticate']).toMatch(/^Bearer/);
      expectProblem(await call({ authorization: 'Bearer not-a-key' }), 401, 'UNAUTHENTICATED');
      expectProblem(await call(bearer(keys.read)), 403, 'FORBIDDEN');
      expectProblem(await call(bearer(keys.revoked)), 401, 'UNAUTHENTICATED');
      // past the guard: a create without fields is a 400, an unknown id a 404
      for (const key of [keys.write, keys.admin]) {
        const res = await call(bearer(key));
        expect([400, 404]).toContain(res.status);
      }
    });

    it.each([
      ['post', '/v1/keys'],
      ['get', '/v1/keys'],
      ['delete', `/v1/keys/${UNKNOWN_ID}`],
      ['get', '/v1/audit'],
    ] as const)('%s %s needs the admin scope', async (method, path) => {
      expectProblem(await send(method, path).send({ name: 'x', scope: 'read' }), 401, 'UNAUTHENTICATED');
      expectProblem(await send(method, path).set(bearer(keys.write)).send({ name: 'x', scope: 'read' }), 403, 'FORBIDDEN');
      expectProblem(await send(method, path).set(bearer(keys.revoked)).send({ name: 'x', scope: 'read' }), 401, 'UNAUTHENTICATED');
      const res = await send(method, path).set(bearer(keys.admin)).send({ name: 'matrix-key', scope: 'read' });
      expect([200, 201, 404]).toContain(res.status);
    });

    it('GraphQL mutations follow the same rules', async () => {
      const mutation = `mutation { createOrganization(input: { name: "GQL Test Org (fictional)", description: "Test." }) { id version } }`;
      const post = (headers: Record<string, string>) =>
        request(url)
          .post('/graphql')
          .set(headers)
          .send({ query: mutation })
          .then((r) => r.body);
      expect((await post({})).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await post(bearer(keys.read))).errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await post(bearer(keys.revoked))).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const ok = await post(bearer(keys.write));
      expect(ok.errors).toBeUndefined();
      expect(ok.data.createOrganization.version).toBe(1);
    });

    it('reads stay open without a key', async () => {
      await send('get', '/v1/organizations').expect(200);
      await send('get', '/v1/changes').expect(200);
    });
  });

  it('creates, reads with an ETag, updates with If-Match, and rejects stale or missing If-Match', async () => {
    const created = await newOrganization();
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/v1/organizations/${created.body.id}`);
    expect(created.body.attributes).toEqual([expect.objectContaining({ code: 'practice.peer-staff' })]);
    const read = await send('get', `/v1/organizations/${created.body.id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');

    const path = `/v1/organizations/${created.body.id}`;
    expectProblem(await send('patch', path).set(bearer(keys.write)).send({ website: 'https://example.org/x' }), 428, 'PRECONDITION_REQUIRED');
    const updated = await send('patch', path).set(bearer(keys.write)).set('if-match', '"1"').send({ website: 'https://example.org/x' }).expect(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.body).toMatchObject({ website: 'https://example.org/x', name: created.body.name, version: 2 });
    expectProblem(await send('patch', path).set(bearer(keys.write)).set('if-match', '"1"').send({ email: 'a@example.org' }), 412, 'PRECONDITION_FAILED');
  });

  it('lets exactly one of two concurrent updates with the same ETag win', async () => {
    const created = await newOrganization();
    const path = `/v1/organizations/${created.body.id}`;
    const attempt = (name: string) => send('patch', path).set(bearer(keys.write)).set('if-match', '"1"').send({ name });
    const results = await Promise.all([attempt('Winner A (fictional)'), attempt('Winner B (fictional)'), attempt('Winner C (fictional)')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    const final = await send('get', path).expect(200);
    expect(final.body.version).toBe(2);
    expect(final.body.name).toBe(results.find((r) => r.status === 200)!.body.name);
  });

  it('writes a whole location (point, address, hours, terms) or nothing', async () => {
    const org = await newOrganization();
    const body = {
      organization_id: org.body.id,
      location_type: 'physical',
      name: 'Test drop-in site',
      latitude: 32.7495,
      longitude: -96.7657,
      address: { address_1: '1 Test St', city: 'Dallas', state_province: 'TX', postal_code: '75215' },
      languages: ['en', 'es'],
      attributes: ['access.walk-in'],
      phones: [{ number: '+1 214-555-0100' }],
      schedules: [{ byday: ['MO', 'TU'], opens_at: '09:00', closes_at: '17:00', timezone: 'America/Chicago' }],
    };
    const count = async () => (await db.query(`SELECT count(*)::int AS n FROM location`))[0].n + (await db.query(`SELECT count(*)::int AS n FROM phone`))[0].n;
    const before = await count();
    // each of these fails after the location row would have been inserted: nothing may remain
    expectProblem(
      await send('post', '/v1/locations')
        .set(bearer(keys.write))
        .send({ ...body, schedules: [{ ...body.schedules[0], timezone: 'Mars/Base' }] }),
      400,
      'INVALID_PARAMETER',
      'timezone',
    );
    expectProblem(
      await send('post', '/v1/locations')
        .set(bearer(keys.write))
        .send({ ...body, attributes: ['access.teleport'] }),
      400,
      'INVALID_PARAMETER',
      'attributes',
    );
    expectProblem(
      await send('post', '/v1/locations')
        .set(bearer(keys.write))
        .send({ ...body, languages: ['xx'] }),
      400,
      'INVALID_PARAMETER',
      'languages',
    );
    expectProblem(
      await send('post', '/v1/locations')
        .set(bearer(keys.write))
        .send({ ...body, address: { city: 'Dallas' } }),
      400,
      'INVALID_PARAMETER',
      'address',
    );
    expectProblem(
      await send('post', '/v1/locations')
        .set(bearer(keys.write))
        .send({ ...body, latitude: 95 }),
      400,
      'INVALID_PARAMETER',
      'latitude',
    );
    expectProblem(
      await send('post', '/v1/locations')
        .set(bearer(keys.write))
        .send({ ...body, organization_id: UNKNOWN_ID }),
      400,
      'INVALID_PARAMETER',
      'organization_id',
    );
    expect(await count()).toBe(before);

    const created = await send('post', '/v1/locations').set(bearer(keys.write)).send(body).expect(201);
    expect(created.body).toMatchObject({
      geometry: { type: 'Point', coordinates: [-96.7657, 32.7495] },
      languages: ['en', 'es'],
      schedules: [expect.objectContaining({ byday: ['MO', 'TU'], opens_at: '09:00' })],
    });
    expect(await count()).toBe(before + 2);
  });

  it('soft-deletes: gone from reads and search, a tombstone in the change feed, cascading to links', async () => {
    const org = await newOrganization();
    const service = await send('post', '/v1/services')
      .set(bearer(keys.write))
      .send({ organization_id: org.body.id, name: 'Test naloxone', attributes: ['service.naloxone.distribution'] })
      .expect(201);
    const location = await send('post', '/v1/locations')
      .set(bearer(keys.write))
      .send({
        organization_id: org.body.id,
        location_type: 'physical',
        name: 'Test site',
        latitude: 40.1,
        longitude: -100.1,
        address: { address_1: '1 Prairie Rd', city: 'Nowhere', state_province: 'NE', postal_code: '69001' },
      })
      .expect(201);
    const link = await send('post', '/v1/service-at-locations')
      .set(bearer(keys.write))
      .send({ service_id: service.body.id, location_id: location.body.id })
      .expect(201);
    let since: string | undefined;
    for (let page = { has_more: true } as { has_more: boolean; next_since?: string }; page.has_more;) {
      page = (await send('get', '/v1/changes').query({ limit: 1000, ...(since ? { since } : {}) })).body;
      since = page.next_since;
    }
    const found = await send('get', '/v1/search').query({ near: '40.1,-100.1', radius: 1 }).expect(200);
    expect(found.body.data.map((r: { id: string }) => r.id)).toContain(link.body.id);

    expectProblem(await send('delete', `/v1/organizations/${org.body.id}`).set(bearer(keys.write)).set('if-match', '"9"'), 412, 'PRECONDITION_FAILED');
    await send('delete', `/v1/organizations/${org.body.id}`).set(bearer(keys.write)).set('if-match', '"1"').expect(204);

    for (const path of [
      `/v1/organizations/${org.body.id}`,
      `/v1/services/${service.body.id}`,
      `/v1/locations/${location.body.id}`,
      `/v1/service-at-locations/${link.body.id}`,
    ]) {
      expectProblem(await send('get', path), 404, 'NOT_FOUND');
    }
    const after = await send('get', '/v1/search').query({ near: '40.1,-100.1', radius: 1 }).expect(200);
    expect(after.body.data.map((r: { id: string }) => r.id)).not.toContain(link.body.id);
    const feed = await send('get', '/v1/changes').query({ since }).expect(200);
    expect(feed.body.data.map((c: { entity: string; op: string; entity_id: string }) => [c.entity, c.op, c.entity_id])).toEqual([
      ['organization', 'delete', org.body.id],
      ['service', 'delete', service.body.id],
      ['service_at_location', 'delete', link.body.id],
      ['location', 'delete', location.body.id],
    ]);
    expect(feed.headers['cache-control']).toBe('no-store');
  });

  it('records who changed what, with before and after, in the audit log', async () => {
    const created = await newOrganization();
    await send('patch', `/v1/organizations/${created.body.id}`)
      .set(bearer(keys.write))
      .set('if-match', '"1"')
      .send({ name: 'Renamed Test Org (fictional)' })
      .expect(200);
    const audit = await send('get', '/v1/audit').query({ entity: 'organization', entity_id: created.body.id }).set(bearer(keys.admin)).expect(200);
    expect(audit.body.data).toEqual([
      expect.objectContaining({ action: 'create', api_key_id: keys.write.id, before: null, after: expect.objectContaining({ name: created.body.name }) }),
      expect.objectContaining({
        action: 'update',
        api_key_id: keys.write.id,
        before: expect.objectContaining({ name: created.body.name, version: 1 }),
        after: expect.objectContaining({ name: 'Renamed Test Org (fictional)', version: 2 }),
      }),
    ]);
  });

  it('verifies a listing: assured_date becomes today', async () => {
    const [{ id }] = await db.query(`SELECT id FROM service WHERE deleted_at IS NULL LIMIT 1`);
    const res = await send('post', `/v1/services/${id}/verify`).set(bearer(keys.write)).expect(200);
    expect(res.body.assured_date).toBe(new Date().toISOString().slice(0, 10));
  });

  it('manages keys: created once, listed without the key, revoked at once', async () => {
    const created = await send('post', '/v1/keys').set(bearer(keys.admin)).send({ name: 'temp', scope: 'write' }).expect(201);
    expect(created.body.key).toMatch(/^hrd_/);
    const list = await send('get', '/v1/keys').set(bearer(keys.admin)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    await send('post', '/v1/organizations').set(bearer(created.body)).send({}).expect(400);
    await send('delete', `/v1/keys/${created.body.id}`).set(bearer(keys.admin)).expect(200);
    expectProblem(await send('post', '/v1/organizations').set(bearer(created.body)).send({}), 401, 'UNAUTHENTICATED');
  });

  it('GraphQL updates need the current version too', async () => {
    const created = await newOrganization();
    const update = (version: string) =>
      gql<{ updateOrganization: { version: number } }>(
        url,
        `mutation($id: ID!, $v: String!) { updateOrganization(id: $id, ifMatch: $v, input: { email: "x@example.org" }) { version } }`,
        { id: created.body.id, v: version },
      );
    const headers = bearer(keys.write);
    const withKey = (version: string) =>
      request(url)
        .post('/graphql')
        .set(headers)
        .send({
          query: `mutation($id: ID!, $v: String!) { updateOrganization(id: $id, ifMatch: $v, input: { email: "x@example.org" }) { version } }`,
          variables: { id: created.body.id, v: version },
        });
    expect((await update('1')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await withKey('1')).body.data.updateOrganization.version).toBe(2);
    expect((await withKey('1')).body.errors[0].extensions.code).toBe('PRECONDITION_FAILED');
  });

  describe('phone numbers: any common way of writing one, stored in E.164 with the text kept', () => {
    const create = (phones: object[]) =>
      send('post', '/v1/organizations').set(bearer(keys.write)).send({ name: 'Phone Test Collective (fictional)', description: 'Test record.', phones });

    it('normalizes on create and on update, keeps what was sent, and reads it back the same in REST and GraphQL', async () => {
      const created = await create([{ number: '(214) 555-0142 x12' }, { number: '+12145550143', type: 'text' }]).expect(201);
      // hand-written E.164: +1, area code 214, 555-0142
      expect(created.body.phones).toEqual([
        expect.objectContaining({ number: '+12145550142', extension: '12', original_text: '(214) 555-0142 x12', type: 'voice' }),
        expect.objectContaining({ number: '+12145550143', extension: null, original_text: null, type: 'text' }),
      ]);
      const [{ number, original_text }] = await db.query(`SELECT number, original_text FROM phone WHERE organization_id = $1 AND sort_order = 0`, [
        created.body.id,
      ]);
      expect([number, original_text]).toEqual(['+12145550142', '(214) 555-0142 x12']);

      const updated = await send('patch', `/v1/organizations/${created.body.id}`)
        .set(bearer(keys.write))
        .set('if-match', '"1"')
        .send({ phones: [{ number: '1-972-555-0101', extension: '3' }] })
        .expect(200);
      expect(updated.body.phones).toEqual([expect.objectContaining({ number: '+19725550101', extension: '3', original_text: '1-972-555-0101' })]);

      const read = await gql<{ organization: { phones: { number: string; originalText: string | null; extension: string | null }[] } }>(
        url,
        `query($id: ID!) { organization(id: $id) { phones { number originalText extension } } }`,
        { id: created.body.id },
      );
      expect(read.errors).toBeUndefined();
      expect(read.data!.organization.phones).toEqual([{ number: '+19725550101', originalText: '1-972-555-0101', extension: '3' }]);
    });

    it.each([
      ['(214) 123-4567', /not a valid US number/],
      ['555-0100', /too few digits/],
      ['call 214-555-0142', /holds words/],
    ])('refuses %s with a 400 naming the field, writing nothing', async (text, reason) => {
      const before = (await db.query(`SELECT count(*)::int AS n FROM phone`))[0].n;
      const res = await create([{ number: '+1 214-555-0100' }, { number: text }]);
      expectProblem(res, 400, 'INVALID_PARAMETER', 'phones.1.number');
      expect(res.body.invalid_params.find((p: { name: string }) => p.name === 'phones.1.number').reason).toMatch(reason);
      expect((await db.query(`SELECT count(*)::int AS n FROM phone`))[0].n).toBe(before);
      const graphql = await request(url)
        .post('/graphql')
        .set(bearer(keys.write))
        .send({
          query: `mutation($input: OrganizationInput!) { createOrganization(input: $input) { id } }`,
          variables: { input: { name: 'x (fictional)', description: 'y', phones: [{ number: text }] } },
        });
      expect(graphql.body.errors?.[0].extensions).toMatchObject({
        code: 'INVALID_PARAMETER',
        invalid_params: [expect.objectContaining({ name: expect.stringMatching(/phones.*0.*number/) })],
      });
    });
  });
});
