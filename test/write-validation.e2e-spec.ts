import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { toDomainErrorFromDatabase } from '../src/common/errors/database-errors';
import { DomainError } from '../src/common/errors/domain-error';
import { bearer, createKeys } from './support/api-keys';
import { CursorForger, cursorForger } from './support/cursors';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';
import { expectProjectionCurrent } from './support/search-projection';

/**
 * Bad input to writes, cursors and dates is the caller's problem: a 400 (or
 * 409/412) naming what is wrong, never a 500, and nothing half-written.
 * Regression cases from issue 10 (items 7, 9 and 11).
 */
describe('write validation, cursors, dates and audit privacy', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;
  let keys: Awaited<ReturnType<typeof createKeys>>;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
    keys = await createKeys(app, 'write-validation');
  });
  // every write this suite makes must leave the search projection equal to a rebuild
  afterEach(() => expectProjectionCurrent(app.get(DataSource)));
  afterAll(async () => {
    // leave the shared database as the other specs expect it (they list every hidden-address site)
    await db.query(`DELETE FROM organization WHERE name = 'Validation Test Org (fictional)'`);
    await app.close();
  });

  const post = (path: string, body: object | string) => request(url).post(path).set(bearer(keys.write)).set('content-type', 'application/json').send(body);
  const patch = (path: string, ifMatch: string, body: object | string) =>
    request(url).patch(path).set(bearer(keys.write)).set('if-match', ifMatch).set('content-type', 'application/json').send(body);
  const graphql = (query: string, variables: object = {}) => request(url).post('/graphql').set(bearer(keys.write)).send({ query, variables });

  const newOrganization = async () =>
    (await post('/v1/organizations', { name: 'Validation Test Org (fictional)', description: 'Test record.' }).expect(201)).body as {
      id: string;
      version: number;
    };

  const mobileLocation = (organizationId: string, serviceArea: unknown) => ({
    organization_id: organizationId,
    location_type: 'mobile',
    name: 'Validation test van',
    service_area: serviceArea,
  });
  const SQUARE = [
    [
      [-96.9, 32.6],
      [-96.6, 32.6],
      [-96.6, 32.9],
      [-96.9, 32.9],
      [-96.9, 32.6],
    ],
  ];

  const feedRows = async (id: string) => (await db.query(`SELECT count(*)::int AS n FROM change_log WHERE entity_id = $1`, [id]))[0].n as number;
  const auditRows = async (id: string) => (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [id]))[0].n as number;

  describe('If-Match is compared strongly', () => {
    it('a weak W/"n" never matches, for PATCH, DELETE and GraphQL; "n" does', async () => {
      const org = await newOrganization();
      const path = `/v1/organizations/${org.id}`;
      expectProblem(await patch(path, 'W/"1"', { name: 'Weakly renamed (fictional)' }), 412, 'PRECONDITION_FAILED', 'If-Match');
      expectProblem(await patch(path, 'W/"1", W/"2"', { name: 'Weakly renamed (fictional)' }), 412, 'PRECONDITION_FAILED');
      expectProblem(await request(url).delete(path).set(bearer(keys.write)).set('if-match', 'W/"1"'), 412, 'PRECONDITION_FAILED');
      const weak = await graphql(
        `
          mutation ($id: ID!) {
            updateOrganization(id: $id, ifMatch: "W/\\"1\\"", input: { name: "GQL weak (fictional)" }) {
              version
            }
          }
        `,
        { id: org.id },
      );
      expect(weak.body.errors?.[0].extensions.code).toBe('PRECONDITION_FAILED');
      expect((await request(url).get(path).expect(200)).body.version).toBe(1);
      // a list with the strong tag in it matches
      const ok = await patch(path, 'W/"1", "1"', { name: 'Strongly renamed (fictional)' }).expect(200);
      expect(ok.body.version).toBe(2);
      expect(ok.headers.etag).toBe('"2"');
    });
  });

  describe('a PATCH that changes nothing writes nothing', () => {
    it('PATCH {} and a PATCH repeating the current values: 200, same version and ETag, no feed or audit row', async () => {
      const org = await newOrganization();
      const path = `/v1/organizations/${org.id}`;
      const [feed, audit] = [await feedRows(org.id), await auditRows(org.id)];
      const empty = await patch(path, '"1"', {}).expect(200);
      expect(empty.body.version).toBe(1);
      expect(empty.headers.etag).toBe('"1"');
      const same = await patch(path, '"1"', { name: 'Validation Test Org (fictional)', description: 'Test record.', phones: [], attributes: [] }).expect(200);
      expect(same.body.version).toBe(1);
      expect([await feedRows(org.id), await auditRows(org.id)]).toEqual([feed, audit]);
      // the version check still applies to a no-op
      expectProblem(await patch(path, '"7"', {}), 412, 'PRECONDITION_FAILED');
      expectProblem(await request(url).patch(path).set(bearer(keys.write)).send({}), 428, 'PRECONDITION_REQUIRED');
      // and a real change still counts
      expect((await patch(path, '"1"', { website: 'https://example.org/changed' }).expect(200)).body.version).toBe(2);
      expect([await feedRows(org.id), await auditRows(org.id)]).toEqual([feed + 1, audit + 1]);
    });

    it('a location PATCH with the same point, hours and area is a no-op too; GraphQL as well', async () => {
      const org = await newOrganization();
      const body = {
        organization_id: org.id,
        location_type: 'physical',
        name: 'No-op test site',
        latitude: 32.7495,
        longitude: -96.7657,
        address: { address_1: '1 Test St', city: 'Dallas', state_province: 'TX', postal_code: '75215' },
        service_area: { type: 'Polygon', coordinates: SQUARE },
        schedules: [
          { byday: ['MO'], opens_at: '09:00', closes_at: '17:00', timezone: 'America/Chicago' },
          { byday: ['TU'], opens_at: '10:00', closes_at: '12:00', timezone: 'America/Chicago' },
        ],
        phones: [{ number: '+1 214-555-0100' }],
        languages: ['es', 'en'],
      };
      const created = (await post('/v1/locations', body).expect(201)).body;
      const [feed, audit] = [await feedRows(created.id), await auditRows(created.id)];
      const { organization_id: _org, ...same } = body;
      expect((await patch(`/v1/locations/${created.id}`, '"1"', same).expect(200)).body.version).toBe(1);
      const gql = await graphql(
        `
          mutation ($id: ID!) {
            updateLocation(id: $id, ifMatch: "1", input: { name: "No-op test site" }) {
              version
            }
          }
        `,
        { id: created.id },
      );
      expect(gql.body.data.updateLocation.version).toBe(1);
      expect([await feedRows(created.id), await auditRows(created.id)]).toEqual([feed, audit]);
    });
  });

  describe('service_area must be a valid GeoJSON Polygon or MultiPolygon', () => {
    const bad: [string, unknown][] = [
      ['a Point', { type: 'Point', coordinates: [-96.8, 32.7] }],
      ['a GeometryCollection', { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: SQUARE }] }],
      ['a crs member', { type: 'Polygon', coordinates: SQUARE, crs: { type: 'name', properties: { name: 'EPSG:3857' } } }],
      [
        'a 2-point polygon',
        {
          type: 'Polygon',
          coordinates: [
            [
              [-96.9, 32.6],
              [-96.6, 32.6],
            ],
          ],
        },
      ],
      [
        'an unclosed ring',
        {
          type: 'Polygon',
          coordinates: [
            [
              [-96.9, 32.6],
              [-96.6, 32.6],
              [-96.6, 32.9],
              [-96.9, 32.9],
            ],
          ],
        },
      ],
      [
        'a string coordinate',
        {
          type: 'Polygon',
          coordinates: [
            [
              ['NaN', 32.6],
              [-96.6, 32.6],
              [-96.6, 32.9],
              ['NaN', 32.6],
            ],
          ],
        },
      ],
      [
        'longitude 200',
        {
          type: 'Polygon',
          coordinates: [
            [
              [-96.9, 32.6],
              [200, 32.6],
              [-96.6, 32.9],
              [-96.9, 32.6],
            ],
          ],
        },
      ],
      [
        'latitude 95',
        {
          type: 'Polygon',
          coordinates: [
            [
              [-96.9, 32.6],
              [-96.6, 95],
              [-96.6, 32.9],
              [-96.9, 32.6],
            ],
          ],
        },
      ],
      [
        '1e10',
        {
          type: 'Polygon',
          coordinates: [
            [
              [1e10, 32.6],
              [-96.6, 32.6],
              [-96.6, 32.9],
              [1e10, 32.6],
            ],
          ],
        },
      ],
      [
        'a 3-number position',
        {
          type: 'Polygon',
          coordinates: [
            [
              [-96.9, 32.6, 10, 4],
              [-96.6, 32.6],
              [-96.6, 32.9],
              [-96.9, 32.6, 10, 4],
            ],
          ],
        },
      ],
      ['no coordinates', { type: 'MultiPolygon' }],
      ['an empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }],
      ['an unknown member', { type: 'Polygon', coordinates: SQUARE, properties: {} }],
      [
        'a self-intersecting bow tie',
        {
          type: 'Polygon',
          coordinates: [
            [
              [-96.9, 32.6],
              [-96.6, 32.9],
              [-96.6, 32.6],
              [-96.9, 32.9],
              [-96.9, 32.6],
            ],
          ],
        },
      ],
    ];
    it.each(bad)('%s: 400 naming service_area, on create and update, REST and GraphQL', async (_name, area) => {
      const org = await newOrganization();
      expectProblem(await post('/v1/locations', mobileLocation(org.id, area)), 400, 'INVALID_PARAMETER', 'service_area');
      const created = (await post('/v1/locations', mobileLocation(org.id, { type: 'Polygon', coordinates: SQUARE })).expect(201)).body;
      expectProblem(await patch(`/v1/locations/${created.id}`, '"1"', { service_area: area }), 400, 'INVALID_PARAMETER', 'service_area');
      const gql = await graphql(
        `
          mutation ($id: ID!, $area: JSONObject) {
            updateLocation(id: $id, ifMatch: "1", input: { service_area: $area }) {
              version
            }
          }
        `,
        { id: created.id, area },
      );
      expect(gql.body.errors?.[0].extensions.code).toBe('INVALID_PARAMETER');
    });

    it('NaN and Infinity (1e400 in JSON) in service_area, latitude or longitude: 400 naming the field', async () => {
      const org = await newOrganization();
      const ring = '[[[1e400,32.6],[-96.6,32.6],[-96.6,32.9],[1e400,32.6]]]';
      const raw = `{"organization_id":"${org.id}","location_type":"mobile","name":"Infinite van","service_area":{"type":"Polygon","coordinates":${ring}}}`;
      expectProblem(await post('/v1/locations', raw), 400, 'INVALID_PARAMETER', 'service_area');
      const site = (lat: string, lng: string) =>
        `{"organization_id":"${org.id}","location_type":"physical","name":"Infinite site","latitude":${lat},"longitude":${lng},` +
        `"address":{"address_1":"1 Test St","city":"Dallas","state_province":"TX"}}`;
      expectProblem(await post('/v1/locations', site('1e400', '-96.7')), 400, 'INVALID_PARAMETER', 'latitude');
      expectProblem(await post('/v1/locations', site('32.7', '-1e400')), 400, 'INVALID_PARAMETER', 'longitude');
      expectProblem(await post('/v1/locations', site('"NaN"', '-96.7')), 400, 'INVALID_PARAMETER', 'latitude');
      expectProblem(await post('/v1/locations', site('32.7', '1e10')), 400, 'INVALID_PARAMETER', 'longitude');
    });

    it('a Polygon and a MultiPolygon are accepted and read back', async () => {
      const org = await newOrganization();
      const polygon = (await post('/v1/locations', mobileLocation(org.id, { type: 'Polygon', coordinates: SQUARE })).expect(201)).body;
      expect(polygon.service_area.type).toBe('MultiPolygon');
      const multi = (await post('/v1/locations', mobileLocation(org.id, { type: 'MultiPolygon', coordinates: [SQUARE] })).expect(201)).body;
      expect(multi.service_area.coordinates).toHaveLength(1);
    });
  });

  describe('dates are real calendar dates', () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrowPlus = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

    it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-W05', '2026-032', '20260101', '2026-01-01T00:00:00Z', '0000-01-01', tomorrowPlus])(
      'assured_date %s: 400 naming assured_date',
      async (date) => {
        const org = await newOrganization();
        expectProblem(await post('/v1/services', { organization_id: org.id, name: 'Date test', assured_date: date }), 400, 'INVALID_PARAMETER', 'assured_date');
      },
    );

    it('assured_date today or in the past is accepted', async () => {
      const org = await newOrganization();
      for (const date of [today, '2024-02-29']) {
        const res = await post('/v1/services', { organization_id: org.id, name: 'Date test', assured_date: date }).expect(201);
        expect(res.body.assured_date).toBe(date);
      }
    });

    it('schedule valid_from/valid_to: real dates, in order', async () => {
      const org = await newOrganization();
      const hours = (extra: object) => ({
        ...mobileLocation(org.id, { type: 'Polygon', coordinates: SQUARE }),
        schedules: [{ byday: ['MO'], opens_at: '09:00', closes_at: '17:00', timezone: 'America/Chicago', ...extra }],
      });
      expectProblem(await post('/v1/locations', hours({ valid_from: '2026-02-30' })), 400, 'INVALID_PARAMETER', 'schedules.0.valid_from');
      expectProblem(await post('/v1/locations', hours({ valid_to: '99999-01-01' })), 400, 'INVALID_PARAMETER', 'schedules.0.valid_to');
      expectProblem(await post('/v1/locations', hours({ valid_from: '2026-06-01', valid_to: '2026-05-01' })), 400, 'INVALID_PARAMETER', 'schedules.0.valid_to');
      const ok = (await post('/v1/locations', hours({ valid_from: '2026-05-01', valid_to: '2026-06-01' })).expect(201)).body;
      expect(ok.schedules[0]).toMatchObject({ valid_from: '2026-05-01', valid_to: '2026-06-01' });
    });

    it.each([
      '0000-01-01T00:00:00Z',
      '2026-02-30T10:00:00Z',
      '1899-12-31T23:59:59Z',
      '2201-01-01T00:00:00Z',
      '2026-01-01T25:00:00Z',
      '2026-01-01T10:00:00+25:00',
    ])('open_at=%s: 400 naming open_at, REST and GraphQL', async (at) => {
      expectProblem(await request(url).get('/v1/search').query({ near: '32.7495,-96.7657', open_at: at }), 400, 'INVALID_PARAMETER', 'open_at');
      const gql = await graphql(
        `
          query ($at: String) {
            search(near: "32.7495,-96.7657", open_at: $at) {
              data {
                id
              }
            }
          }
        `,
        { at },
      );
      expect(gql.body.errors?.[0].extensions).toMatchObject({ code: 'INVALID_PARAMETER', invalid_params: [expect.objectContaining({ name: 'open_at' })] });
    });

    it('a sane open_at still works', async () => {
      await request(url).get('/v1/search').query({ near: '32.7495,-96.7657', open_at: '2026-11-26T21:30:00-06:00' }).expect(200);
    });
  });

  describe('tampered cursors are 400 INVALID_CURSOR, never 500', () => {
    // Cursors are signed (src/common/pagination/cursor.ts), so an edited one fails its signature. The key
    // checks behind it must hold even if the secret leaked: these payloads are signed with the real secret
    // for the very endpoint and query they are sent to, and must still be refused.
    const payload = (k: unknown, v: unknown = 2) => JSON.stringify({ v, k });
    let forge: CursorForger;
    beforeAll(async () => {
      forge = await cursorForger(db);
    });
    const SEARCH = '32.7495,-96.7657';
    const CHANGES = ['changes', []];
    const AUDIT = ['audit', []];
    const SEARCH_BINDING = ['search', [['near', SEARCH]]];

    it('the issue body: /v1/changes?since=eyJ2IjogMSwgImsiOiBbMTIzNDUuNjc4XX0', async () => {
      expectProblem(await request(url).get('/v1/changes?since=eyJ2IjogMSwgImsiOiBbMTIzNDUuNjc4XX0'), 400, 'INVALID_CURSOR', 'since');
    });

    it('unsigned or not base64url at all', async () => {
      for (const c of ['not*base64', Buffer.from(payload([12])).toString('base64url'), Buffer.from(payload([12], 1)).toString('base64url')]) {
        expectProblem(await request(url).get('/v1/changes').query({ since: c }), 400, 'INVALID_CURSOR', 'since');
        expectProblem(await request(url).get('/v1/audit').set(bearer(keys.admin)).query({ cursor: c }), 400, 'INVALID_CURSOR', 'cursor');
      }
    });

    it('a well-formed key, signed the same way, is accepted (so the refusals below are about the key)', async () => {
      await request(url)
        .get('/v1/changes')
        .query({ since: forge.sign(CHANGES, payload([0])) })
        .expect(200);
      await request(url)
        .get('/v1/audit')
        .set(bearer(keys.admin))
        .query({ cursor: forge.sign(AUDIT, payload([0])) })
        .expect(200);
      const id = '00000000-0000-4000-8000-000000000000';
      await request(url)
        .get('/v1/search')
        .query({ near: SEARCH, cursor: forge.sign(SEARCH_BINDING, payload([5, id])) })
        .expect(200);
      for (const list of ['organizations', 'services', 'locations']) {
        await request(url)
          .get(`/v1/${list}`)
          .query({ cursor: forge.sign([list, []], payload(['a', id])) })
          .expect(200);
      }
      await request(url)
        .get('/v1/service-at-locations')
        .query({ cursor: forge.sign(['service-at-locations', []], payload([id])) })
        .expect(200);
    });

    const tamperedSequences = [
      payload([12345.678]),
      payload([-1]),
      payload([1e300]),
      '{"v":2,"k":[1e400]}',
      payload([2 ** 63]),
      payload([Number.MAX_SAFE_INTEGER + 2]),
      payload(['12']),
      payload([[1]]),
      payload([null]),
      payload([{}]),
      payload([true]),
      payload([1, 2]),
      payload([1], 1),
      payload([1], 3),
      '{"v":2,"k":[1],"__proto__":{"k":[2]}}',
      '[1]',
      'null',
      '{',
    ];
    it.each(tamperedSequences)('changes since and audit cursor signed over %s', async (p) => {
      expectProblem(
        await request(url)
          .get('/v1/changes')
          .query({ since: forge.sign(CHANGES, p) }),
        400,
        'INVALID_CURSOR',
        'since',
      );
      expectProblem(
        await request(url)
          .get('/v1/audit')
          .set(bearer(keys.admin))
          .query({ cursor: forge.sign(AUDIT, p) }),
        400,
        'INVALID_CURSOR',
        'cursor',
      );
    });

    it.each([
      payload([-5, '00000000-0000-4000-8000-000000000000']),
      payload([1e300, '00000000-0000-4000-8000-000000000000']),
      '{"v":2,"k":[1e400,"00000000-0000-4000-8000-000000000000"]}',
      payload(['5', '00000000-0000-4000-8000-000000000000']),
      payload([5, 'not-a-uuid']),
    ])('search cursor signed over %s: REST and GraphQL', async (p) => {
      const c = forge.sign(SEARCH_BINDING, p);
      expectProblem(await request(url).get('/v1/search').query({ near: SEARCH, cursor: c }), 400, 'INVALID_CURSOR', 'cursor');
      const gql = await graphql(`query($c: String) { search(near: "${SEARCH}", cursor: $c) { data { id } } }`, { c });
      expect(gql.body.errors?.[0].extensions.code).toBe('INVALID_CURSOR');
    });

    it.each([
      payload(['a\u0000b', '00000000-0000-4000-8000-000000000000']),
      payload(['\ud800', '00000000-0000-4000-8000-000000000000']),
      payload([5, '00000000-0000-4000-8000-000000000000']),
      payload([['nested'], '00000000-0000-4000-8000-000000000000']),
    ])('list cursor signed over %s', async (p) => {
      for (const list of ['organizations', 'services', 'locations', 'service-at-locations']) {
        expectProblem(
          await request(url)
            .get(`/v1/${list}`)
            .query({ cursor: forge.sign([list, []], p) }),
          400,
          'INVALID_CURSOR',
          'cursor',
        );
      }
    });

    it('real cursors still page', async () => {
      const first = (await request(url).get('/v1/changes').query({ limit: 2 }).expect(200)).body;
      const next = (await request(url).get('/v1/changes').query({ limit: 2, since: first.next_since }).expect(200)).body;
      // from zero the feed first lists live records, all at the listing's seq: pages go on without repeating
      const key = (c: { entity: string; entity_id: string }) => `${c.entity}:${c.entity_id}`;
      expect(next.data[0].seq).toBeGreaterThanOrEqual(first.data[1].seq);
      expect(next.data.map(key).filter((k: string) => first.data.map(key).includes(k))).toEqual([]);
      const page = (await request(url).get('/v1/organizations').query({ limit: 2 }).expect(200)).body;
      await request(url).get('/v1/organizations').query({ limit: 2, cursor: page.page.next_cursor }).expect(200);
      const search = (await request(url).get('/v1/search').query({ near: '32.7495,-96.7657', limit: 2 }).expect(200)).body;
      await request(url).get('/v1/search').query({ near: '32.7495,-96.7657', limit: 2, cursor: search.page.next_cursor }).expect(200);
    });
  });

  describe('text PostgreSQL cannot store', () => {
    it('a NUL or a lone surrogate in any text field of a GraphQL write: 400 naming the field, nothing written', async () => {
      const before = (await db.query(`SELECT count(*)::int AS n FROM organization`))[0].n;
      const create = (input: object) =>
        graphql(
          `
            mutation ($input: OrganizationInput!) {
              createOrganization(input: $input) {
                id
              }
            }
          `,
          { input },
        );
      for (const [input, field] of [
        [{ name: 'a\u0000b', description: 'x' }, 'name'],
        [{ name: 'ok (fictional)', description: 'x\ud800' }, 'description'],
        [{ name: 'ok (fictional)', description: 'x', phones: [{ number: '+1 214-555-0100', description: 'call\u0000' }] }, 'phones[0].description'],
      ] as const) {
        const res = await create(input);
        // named by its path in the input (GraphQL may prefix the argument: input.name)
        const named = expect.stringMatching(new RegExp(`(^|\\.)${field.replace(/[.[\]]/g, '\\$&')}$`));
        expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'INVALID_PARAMETER', invalid_params: [expect.objectContaining({ name: named })] });
      }
      expect((await db.query(`SELECT count(*)::int AS n FROM organization`))[0].n).toBe(before);
    });
  });

  describe('every PostgreSQL error that bad input can cause maps to 400 or 409', () => {
    // real errors from the real database, through the one mapping every request path uses
    const cases: [string, string, number][] = [
      ['22021 invalid byte sequence (NUL)', `SELECT convert_from('\\x610062'::bytea, 'UTF8')`, 400],
      ['22P02 invalid_text_representation', `SELECT 'abc'::int`, 400],
      ['22P02 invalid uuid', `SELECT 'abc'::uuid`, 400],
      ['22P02 lone surrogate in json', `SELECT '"\\ud800"'::jsonb`, 400],
      ['22P02 malformed array', `SELECT '{1,2'::int[]`, 400],
      ['22007 invalid_datetime_format', `SELECT '2026-W05x'::date`, 400],
      ['22008 datetime_field_overflow', `SELECT '2026-02-30'::date`, 400],
      ['22008 year 0', `SELECT '0000-01-01T00:00:00Z'::timestamptz`, 400],
      ['22003 numeric_value_out_of_range', `SELECT 99999999999::int`, 400],
      ['22023 invalid_parameter_value', `SELECT now() AT TIME ZONE 'Mars/Base'`, 400],
      ['22P05 untranslatable_character', `SELECT '"\\u0000"'::jsonb`, 400],
      ['2201X invalid_row_count_in_result_offset_clause', `SELECT 1 OFFSET -1`, 400],
      ['2201W invalid_row_count_in_limit_clause', `SELECT 1 LIMIT -1`, 400],
      ['2201B invalid_regular_expression', `SELECT 'a' ~ '('`, 400],
      ['22004 null_value_not_allowed', `SELECT jsonb_set_lax('{}', '{a}', NULL, true, 'raise_exception')`, 400],
      ['22001 string_data_right_truncation', `DO $$ DECLARE v varchar(2); BEGIN v := 'abcd'; END $$`, 400],
      ['22012 division_by_zero', `SELECT 1/0`, 400],
      ['23502 not_null_violation', `INSERT INTO organization (name, description) VALUES (NULL, 'x')`, 400],
      ['23514 check_violation', `INSERT INTO organization (name, description) VALUES ('  ', 'x')`, 400],
      ['23503 foreign_key_violation', `INSERT INTO service (organization_id, name) VALUES ('00000000-0000-4000-8000-000000000000', 'x')`, 400],
      ['23505 unique_violation', `INSERT INTO taxonomy_term SELECT * FROM taxonomy_term LIMIT 1`, 409],
      ['XX000 PostGIS invalid GeoJSON', `SELECT ST_GeomFromGeoJSON('{"type":"Polygon"}')`, 400],
    ];
    it.each(cases)('%s', async (_name, sql, status) => {
      const error = await db
        .transaction((tx) => tx.query(sql))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).not.toBeNull();
      const mapped = toDomainErrorFromDatabase(error);
      expect(mapped).toBeInstanceOf(DomainError);
      expect((mapped as DomainError).status).toBe(status);
      expect((mapped as DomainError).message).not.toMatch(/SELECT|INSERT/);
    });

    it('a failure of our own (not bad input) is not hidden as a 400', async () => {
      const error = await db.query(`SELECT * FROM no_such_table`).catch((e: unknown) => e);
      expect(toDomainErrorFromDatabase(error)).not.toBeInstanceOf(DomainError);
    });
  });

  describe('hidden addresses stay hidden in the audit log and the change feed', () => {
    const LAT = 32.781234;
    const LNG = -96.801234;
    const STREET = '4417 Secretplace Ave';
    const SUITE = 'Back door 9';
    const TRACES = [String(LAT), String(LNG), '781234', '801234', STREET, 'Secretplace', SUITE];

    it('create, patch (move, rename, add a phone) and delete a hidden-address site: no exact point or street line anywhere', async () => {
      const org = await newOrganization();
      const created = (
        await post('/v1/locations', {
          organization_id: org.id,
          location_type: 'physical',
          name: 'Hidden test site',
          address_visibility: 'approximate',
          latitude: LAT,
          longitude: LNG,
          address: { address_1: STREET, address_2: SUITE, city: 'Dallas', state_province: 'TX', postal_code: '75201' },
        }).expect(201)
      ).body;
      await patch(`/v1/locations/${created.id}`, '"1"', { latitude: LAT + 0.000001, name: 'Hidden test site, moved' }).expect(200);
      await patch(`/v1/locations/${created.id}`, '"2"', { phones: [{ number: '+1 214-555-0199' }] }).expect(200);
      // a move within the same ~2 km grid cell is still a change (version 4), though the public point stays
      const moved = await patch(`/v1/locations/${created.id}`, '"3"', { longitude: LNG + 0.000002 }).expect(200);
      expect(moved.body.version).toBe(4);
      await request(url).delete(`/v1/locations/${created.id}`).set(bearer(keys.write)).set('if-match', '"4"').expect(204);

      const audit = await request(url).get('/v1/audit').query({ entity: 'location', entity_id: created.id }).set(bearer(keys.admin)).expect(200);
      expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'update', 'update', 'delete']);
      const changes = await request(url).get('/v1/changes').query({ limit: 1000 }).expect(200);
      for (const text of [audit.text, changes.text]) {
        for (const trace of TRACES) expect(text).not.toContain(trace);
      }
      // what the audit does show is the public form: the snapped point and the area
      const after = audit.body.data[0].after;
      expect(after).toMatchObject({ address_visibility: 'approximate', city: 'Dallas', address_1: null, address_2: null });
      expect(after.point.coordinates).toEqual([-96.8, 32.78]);
      expect(after).toMatchObject({ latitude: 32.78, longitude: -96.8 });
    });

    it('switching a public site to approximate hides it from then on; the audit row of the switch shows only the public form after', async () => {
      const org = await newOrganization();
      const created = (
        await post('/v1/locations', {
          organization_id: org.id,
          location_type: 'physical',
          name: 'Soon hidden test site',
          latitude: 32.711111,
          longitude: -96.722222,
          address: { address_1: '99 Formerly Public Rd', city: 'Dallas', state_province: 'TX', postal_code: '75201' },
        }).expect(201)
      ).body;
      await patch(`/v1/locations/${created.id}`, '"1"', { address_visibility: 'approximate' }).expect(200);
      await patch(`/v1/locations/${created.id}`, '"2"', { address: { address_1: '12 New Secret Way' } }).expect(200);
      const audit = await request(url).get('/v1/audit').query({ entity: 'location', entity_id: created.id }).set(bearer(keys.admin)).expect(200);
      const [, hide, rename] = audit.body.data;
      for (const text of [JSON.stringify(hide.after), JSON.stringify(rename)]) {
        for (const trace of ['711111', '722222', 'Formerly Public', 'New Secret']) expect(text).not.toContain(trace);
      }
    });
  });
});
