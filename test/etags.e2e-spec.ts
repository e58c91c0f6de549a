import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { bearer, createKeys } from './support/api-keys';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';
import { DataSource } from 'typeorm';
import { expectProjectionCurrent } from './support/search-projection';

/**
 * ETags of representations that embed other records (issue 13): a cached
 * copy must not revalidate once any record it is made of has changed, and
 * If-Match on a write must accept exactly the ETag the GET returned.
 * Expected tags are written out by hand from the versions each step leaves.
 */
describe('ETags of embedding representations', () => {
  let app: NestFastifyApplication;
  let url: string;
  let keys: Awaited<ReturnType<typeof createKeys>>;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    keys = await createKeys(app, 'etags');
  });
  // every write this suite makes must leave the search projection equal to a rebuild
  afterEach(() => expectProjectionCurrent(app.get(DataSource)));
  afterAll(() => app.close());

  const get = (path: string, ifNoneMatch?: string) => {
    const req = request(url).get(path);
    return ifNoneMatch ? req.set('if-none-match', ifNoneMatch) : req;
  };
  const write = (method: 'post' | 'patch' | 'delete', path: string, ifMatch?: string) => {
    const req = request(url)[method](path).set(bearer(keys.write));
    return ifMatch ? req.set('if-match', ifMatch) : req;
  };
  /** PATCH with If-Match taken from the record's own GET, as a client would. */
  const patchAsRead = async (path: string, body: object) => {
    const read = await get(path).expect(200);
    return write('patch', path, read.headers.etag).send(body).expect(200);
  };

  /** A fresh organization, service, location and link: every version is 1. */
  async function newLink() {
    const org = await write('post', '/v1/organizations').send({ name: 'ETag Test Collective (fictional)', description: 'Test record.' }).expect(201);
    const service = await write('post', '/v1/services')
      .send({ organization_id: org.body.id, name: 'ETag test naloxone', phones: [{ number: '+1 214-555-0101' }] })
      .expect(201);
    const location = await write('post', '/v1/locations')
      .send({
        organization_id: org.body.id,
        location_type: 'physical',
        name: 'ETag test site',
        latitude: 41.2,
        longitude: -101.3,
        address: { address_1: '2 Prairie Rd', city: 'Nowhere', state_province: 'NE', postal_code: '69001' },
      })
      .expect(201);
    const link = await write('post', '/v1/service-at-locations').send({ service_id: service.body.id, location_id: location.body.id }).expect(201);
    return {
      sal: `/v1/service-at-locations/${link.body.id}`,
      service: `/v1/services/${service.body.id}`,
      location: `/v1/locations/${location.body.id}`,
      created: link,
    };
  }

  describe('a service at a location', () => {
    it('answers its create, its GET and 304 with one composite strong tag', async () => {
      const { sal, created } = await newLink();
      expect(created.headers.etag).toBe('"sal1-s1-l1"');
      const read = await get(sal).expect(200);
      expect(read.headers.etag).toBe('"sal1-s1-l1"');
      await get(sal, '"sal1-s1-l1"').expect(304);
      // If-None-Match compares weakly (RFC 9110 13.1.2)
      await get(sal, 'W/"sal1-s1-l1"').expect(304);
      // the pre-fix tag (the link's own version) no longer revalidates
      await get(sal, '"1"').expect(200);
    });

    it('gets a new ETag, and no 304, after a PATCH of its location', async () => {
      const { sal, location } = await newLink();
      const e1 = (await get(sal).expect(200)).headers.etag;
      const patched = await patchAsRead(location, { name: 'ETag test site, moved' });
      expect(patched.headers.etag).toBe('"2"');

      const fresh = await get(sal, e1);
      expect(fresh.status).toBe(200);
      expect(fresh.body.location).toMatchObject({ name: 'ETag test site, moved', version: 2 });
      expect(fresh.headers.etag).toBe('"sal1-s1-l2"');
      await get(sal, fresh.headers.etag).expect(304);
    });

    it('gets a new ETag, and no 304, after a PATCH of its service (its phones are embedded too)', async () => {
      const { sal, service } = await newLink();
      const e1 = (await get(sal).expect(200)).headers.etag;
      await patchAsRead(service, { phones: [{ number: '+1 214-555-0199' }] });

      const fresh = await get(sal, e1);
      expect(fresh.status).toBe(200);
      expect(fresh.body.service.version).toBe(2);
      expect(fresh.body.phones.map((p: { number: string }) => p.number)).toEqual(['+12145550199']);
      expect(fresh.headers.etag).toBe('"sal1-s2-l1"');
      await get(sal, fresh.headers.etag).expect(304);
    });

    it('still answers 304 while nothing it embeds changes, even when its neighbours do', async () => {
      const { sal } = await newLink();
      const other = await newLink();
      const e1 = (await get(sal).expect(200)).headers.etag;
      await patchAsRead(other.location, { name: 'Another ETag test site' });
      await patchAsRead(other.service, { name: 'Another ETag test service' });
      await get(sal, e1).expect(304);
    });

    it('accepts its current ETag in If-Match and refuses the one read before an embedded change (412)', async () => {
      const { sal, location } = await newLink();
      const e1 = (await get(sal).expect(200)).headers.etag;
      await patchAsRead(location, { name: 'ETag test site, renamed' });

      expectProblem(await write('patch', sal, e1).send({ description: 'Walk in.' }), 412, 'PRECONDITION_FAILED', 'If-Match');
      expectProblem(await write('delete', sal, e1), 412, 'PRECONDITION_FAILED', 'If-Match');
      // the link's own version alone is not an ETag this resource has
      expectProblem(await write('patch', sal, '"1"').send({ description: 'Walk in.' }), 412, 'PRECONDITION_FAILED', 'If-Match');

      const e2 = (await get(sal).expect(200)).headers.etag;
      expect(e2).toBe('"sal1-s1-l2"');
      // strong comparison: the weak form of the right tag does not match
      expectProblem(await write('patch', sal, `W/${e2}`).send({ description: 'Walk in.' }), 412, 'PRECONDITION_FAILED', 'If-Match');

      const updated = await write('patch', sal, e2).send({ description: 'Walk in.' }).expect(200);
      expect(updated.headers.etag).toBe('"sal2-s1-l2"');
      const after = await get(sal).expect(200);
      expect(after.headers.etag).toBe(updated.headers.etag);
      expect(after.body.description).toBe('Walk in.');

      await write('delete', sal, after.headers.etag).expect(204);
      await get(sal).expect(404);
    });

    it('keeps GraphQL writes on the version GraphQL shows (it has no ETags)', async () => {
      const { sal, location } = await newLink();
      const id = sal.split('/').pop();
      await patchAsRead(location, { name: 'ETag test site, via GraphQL' });
      const mutation = `mutation($id: ID!, $v: String!) { updateServiceAtLocation(id: $id, ifMatch: $v, input: { description: "By phone." }) { version } }`;
      const ok = await request(url)
        .post('/graphql')
        .set(bearer(keys.write))
        .send({ query: mutation, variables: { id, v: '1' } })
        .expect(200);
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data.updateServiceAtLocation.version).toBe(2);
      const stale = await request(url)
        .post('/graphql')
        .set(bearer(keys.write))
        .send({ query: mutation, variables: { id, v: '1' } });
      expect(stale.body.errors?.[0].extensions?.code).toBe('PRECONDITION_FAILED');
      expect((await get(sal).expect(200)).headers.etag).toBe('"sal2-s1-l2"');
    });

    it('lists of links revalidate by content: a PATCH of an embedded location ends the 304s', async () => {
      const { location } = await newLink();
      const locationId = location.split('/').pop();
      const list = `/v1/service-at-locations?location_id=${locationId}`;
      const first = await get(list).expect(200);
      expect(first.headers.etag).toMatch(/^W\/"/);
      await get(list, first.headers.etag).expect(304);
      await patchAsRead(location, { name: 'ETag test site, listed' });
      const fresh = await get(list, first.headers.etag);
      expect(fresh.status).toBe(200);
      expect(fresh.body.data[0].location.name).toBe('ETag test site, listed');
    });
  });

  describe('records with detail lists (versioned with their owner)', () => {
    it.each([
      [
        'a service, after its phones change',
        'service',
        { phones: [{ number: '+1 214-555-0142' }] },
        (b: { phones: { number: string }[] }) => b.phones[0].number,
        '+12145550142',
      ],
      ['a service, after its languages change', 'service', { languages: ['es'] }, (b: { languages: string[] }) => b.languages, ['es']],
      [
        'a location, after its hours change',
        'location',
        {
          schedules: [{ byday: ['SA'], opens_at: '10:00', closes_at: '12:00', timezone: 'America/Chicago' }],
        },
        (b: { schedules: { byday: string[] }[] }) => b.schedules[0].byday,
        ['SA'],
      ],
      [
        'a location, after its attributes change',
        'location',
        { attributes: ['access.walk-in'] },
        (b: { attributes: { code: string }[] }) => b.attributes.map((a) => a.code),
        ['access.walk-in'],
      ],
    ] as const)('%s: new ETag, no 304', async (_name, kind, body, pick, expected) => {
      const paths = await newLink();
      const path = paths[kind];
      const e1 = (await get(path).expect(200)).headers.etag;
      expect(e1).toBe('"1"');
      await write('patch', path, e1).send(body).expect(200);
      const fresh = await get(path, e1);
      expect(fresh.status).toBe(200);
      expect(fresh.headers.etag).toBe('"2"');
      expect((pick as (b: never) => unknown)(fresh.body as never)).toEqual(expected);
    });
  });
});
