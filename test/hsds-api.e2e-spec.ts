import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import * as path from 'path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { derivedId } from '../src/modules/imports/hsds-export.mapper';
import { lookupUsZip } from '../src/modules/search/postal-codes';
import { geodesicDistanceMeters } from './support/geodesic';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';
import { describeWithSharedData, SHARED_DATA_DIR } from './support/skips';

const SCHEMAS = path.join(SHARED_DATA_DIR, 'hsds3-schema');
const describeWithSchemas = describeWithSharedData('hsds-api: HSDS 3.0 JSON Schema validation', 'hsds3-schema/compiled');

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const TAXONOMY_ID = derivedId('taxonomy', 'harm-reduction');
const termId = (code: string) => derivedId('taxonomy_term', code);
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('HSDS 3.0 API (/hsds)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  const get = (p: string, query: Obj = {}) => request(url).get(p).query(query);
  const ok = async (p: string, query: Obj = {}) => (await get(p, query).expect(200)).body;
  const count = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0].n as number;
  /** Independent count: live services carrying a matching term themselves, through their organization or a location. */
  const servicesCarrying = (match: string) =>
    count(`SELECT count(*)::int AS n FROM service s WHERE s.deleted_at IS NULL AND EXISTS (SELECT 1 FROM attribute a WHERE (${match})
      AND (a.service_id = s.id OR a.organization_id = s.organization_id
        OR a.location_id IN (SELECT x.location_id FROM service_at_location x WHERE x.service_id = s.id AND x.deleted_at IS NULL)))`);

  /** Every record of a list, walking the pages. */
  async function all(p: string, query: Obj = {}): Promise<Obj[]> {
    const out: Obj[] = [];
    for (let page = 1; ; page++) {
      const body = await ok(p, { ...query, page, per_page: 500 });
      out.push(...body.contents);
      if (body.last_page) return out;
    }
  }

  /** NDJSON body -> objects. */
  const lines = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Obj);

  describe('GET /hsds/', () => {
    it.each(['/hsds/', '/hsds'])('%s returns version, profile and openapi_url', async (p) => {
      const res = await get(p).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        version: '3.0',
        profile: expect.stringMatching(/^https:\/\/\S+$/),
        openapi_url: expect.stringMatching(/^https?:\/\/\S+\/openapi\.json$/),
      });
      const openapi = await ok(new URL(res.body.openapi_url).pathname);
      expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/hsds/services', '/hsds/services/{id}', '/hsds/service_at_locations']));
    });
  });

  describeWithSchemas('responses validate against the HSDS 3.0 JSON Schemas', () => {
    let validators: Record<string, ValidateFunction>;
    beforeAll(() => {
      // compiled schemas: Table Schema keywords and no $schema, so plain draft-07 Ajv, strict off (as in hsds-export.mapper.spec)
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const read = (file: string) => JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8'));
      // the uncompiled taxonomy schemas $ref their neighbours by file name
      for (const file of ['taxonomy.json', 'metadata.json']) ajv.addSchema(read(file), file);
      validators = Object.fromEntries([
        ...['service', 'service_list', 'organization', 'organization_list', 'service_at_location', 'service_at_location_list'].map((name) => [
          name,
          ajv.compile(read(`compiled/${name}.json`)),
        ]),
        ['taxonomy_term', ajv.compile(read('taxonomy_term.json'))],
        ['taxonomy', ajv.getSchema('taxonomy.json')!],
      ]);
    });
    /** [] when valid, else the errors with the record's id. */
    const errors = (schema: string, records: Obj[]) =>
      records.flatMap((r) => {
        const valid: boolean = validators[schema](r);
        return valid ? [] : [{ id: r.id, errors: validators[schema].errors }];
      });

    it('the validator catches a broken object (sanity check)', () => {
      expect(errors('service_list', [{ id: 'not-a-uuid', name: 'x', status: 'open' }])).toHaveLength(1);
    });

    it('/hsds/services: every list item is a service_list, every full service a service', async () => {
      const [list, full] = await Promise.all([all('/hsds/services'), all('/hsds/services', { full: true })]);
      expect(list.length).toBe(await count(`SELECT count(*)::int AS n FROM service WHERE deleted_at IS NULL`));
      expect(errors('service_list', list)).toEqual([]);
      expect(list.every((s) => !('phones' in s) && !('attributes' in s) && s.organization?.id === s.organization_id)).toBe(true);
      expect(errors('service', full)).toEqual([]);
      expect(full.some((s) => s.service_at_locations.length > 0 && s.service_areas.length > 0)).toBe(true);
    });

    it('/hsds/services/{id}: fully nested, with organization, locations, attributes, languages, phones, schedules', async () => {
      const [{ id }] = await db.query(
        `SELECT s.id FROM service s WHERE s.deleted_at IS NULL
            AND EXISTS (SELECT 1 FROM language g WHERE g.service_id = s.id)
            AND EXISTS (SELECT 1 FROM phone p WHERE p.service_id = s.id)
            AND EXISTS (SELECT 1 FROM service_at_location x JOIN schedule sc ON sc.service_at_location_id = x.id WHERE x.service_id = s.id)
          ORDER BY s.id LIMIT 1`,
      );
      const service = await ok(`/hsds/services/${id}`);
      expect(errors('service', [service])).toEqual([]);
      expect(service.organization.id).toBe(service.organization_id);
      for (const key of ['languages', 'phones', 'attributes', 'service_at_locations']) expect(service[key].length).toBeGreaterThan(0);
      expect(service.schedules).toEqual(expect.any(Array));
      const sal = service.service_at_locations[0];
      expect(sal.location).toMatchObject({ id: sal.location_id, location_type: expect.stringMatching(/^(physical|virtual)$/) });
      expect(service.service_at_locations.some((s: Obj) => s.schedules.length > 0)).toBe(true);
    });

    it('/hsds/organizations: list items, full organizations, and /{id} with full services', async () => {
      const list = await all('/hsds/organizations');
      expect(list.length).toBe(await count(`SELECT count(*)::int AS n FROM organization WHERE deleted_at IS NULL`));
      expect(errors('organization_list', list)).toEqual([]);
      const full = await all('/hsds/organizations', { full: true });
      expect(errors('organization', full)).toEqual([]);
      expect(full.some((o) => o.services.length > 0 && o.locations.length > 0)).toBe(true);
      const one = await ok(`/hsds/organizations/${list[0].id}`, { full_service: true });
      expect(errors('organization', [one])).toEqual([]);
      expect(one.services.length).toBeGreaterThan(0);
      expect(one.services[0].service_at_locations).toEqual(expect.any(Array));
    });

    it('/hsds/service_at_locations: list items, full items and /{id}', async () => {
      const list = await all('/hsds/service_at_locations');
      expect(list.length).toBe(await count(`SELECT count(*)::int AS n FROM service_at_location WHERE deleted_at IS NULL`));
      expect(errors('service_at_location_list', list)).toEqual([]);
      const full = await all('/hsds/service_at_locations', { full: true });
      expect(errors('service_at_location', full)).toEqual([]);
      const one = await ok(`/hsds/service_at_locations/${list[0].id}`);
      expect(errors('service_at_location', [one])).toEqual([]);
      expect(one).toMatchObject({
        id: list[0].id,
        service: { id: list[0].service_id, organization: expect.any(Object) },
        location: { id: list[0].location_id },
      });
    });

    it('/hsds/taxonomy_terms and /hsds/taxonomies', async () => {
      const terms = await all('/hsds/taxonomy_terms');
      expect(terms.length).toBe(await count(`SELECT count(*)::int AS n FROM taxonomy_term`));
      expect(errors('taxonomy_term', terms)).toEqual([]);
      const taxonomies = await ok('/hsds/taxonomies');
      expect(errors('taxonomy', taxonomies.contents)).toEqual([]);
    });

    it('NDJSON lines are the same HSDS objects', async () => {
      const res = await get('/hsds/services', { format: 'ndjson', search: 'naloxone' }).expect(200);
      expect(errors('service_list', lines(res.text))).toEqual([]);
    });
  });

  describe('page envelope and per_page', () => {
    it('walks every page: envelope math, no record twice, none missed', async () => {
      const total = await count(`SELECT count(*)::int AS n FROM service WHERE deleted_at IS NULL`);
      const perPage = 7;
      const pages = Math.ceil(total / perPage);
      const ids: string[] = [];
      for (let page = 1; page <= pages; page++) {
        const body = await ok('/hsds/services', { page, per_page: perPage });
        const size = page < pages ? perPage : total - perPage * (pages - 1);
        expect(body).toMatchObject({
          total_items: total,
          total_pages: pages,
          page_number: page,
          size,
          first_page: page === 1,
          last_page: page === pages,
          empty: false,
        });
        expect(body.contents).toHaveLength(size);
        ids.push(...body.contents.map((s: Obj) => s.id));
      }
      expect(new Set(ids).size).toBe(total);
    });

    it('past the last page: empty, last_page; default per_page is 50', async () => {
      const body = await ok('/hsds/organizations', { page: 1000 });
      expect(body).toMatchObject({ page_number: 1000, size: 0, first_page: false, last_page: true, empty: true, contents: [] });
      const first = await ok('/hsds/organizations');
      expect(first).toMatchObject({ page_number: 1, size: Math.min(50, first.total_items), total_pages: Math.ceil(first.total_items / 50) });
      const none = await ok('/hsds/services', { search: 'zzzqqq-no-such-word' });
      expect(none).toMatchObject({ total_items: 0, total_pages: 0, size: 0, first_page: true, last_page: true, empty: true, contents: [] });
    });

    it('accepts per_page 1 and 500', async () => {
      expect((await ok('/hsds/services', { per_page: 1 })).size).toBe(1);
      expect((await ok('/hsds/service_at_locations', { per_page: 500 })).size).toBe(500);
    });

    it.each([
      [{ per_page: 0 }, 'per_page'],
      [{ per_page: 501 }, 'per_page'],
      [{ per_page: 'ten' }, 'per_page'],
      [{ per_page: 2.5 }, 'per_page'],
      [{ page: 0 }, 'page'],
      [{ page: -1 }, 'page'],
      [{ format: 'xml' }, 'format'],
      [{ full: 'yes' }, 'full'],
      [{ minimal: 1 }, 'minimal'],
      [{ limit: 5 }, 'limit'],
      [{ postcode: '75215' }, 'postcode'],
      [{ modified_after: 'yesterday' }, 'modified_after'],
      [{ organization_id: 'acme' }, 'organization_id'],
      [{ taxonomy_term_id: 'Service Naloxone!' }, 'taxonomy_term_id'],
    ])('rejects %j with 400 problem+json naming the parameter', async (query, param) => {
      expectProblem(await get('/hsds/services', query), 400, 'INVALID_PARAMETER', param);
    });
  });

  describe('filters', () => {
    it('search: case-insensitive, every word, over names and descriptions', async () => {
      const found = await all('/hsds/services', { search: 'NaLoXoNe' });
      const expected = await count(
        `SELECT count(*)::int AS n FROM service s JOIN organization o ON o.id = s.organization_id
          WHERE s.deleted_at IS NULL AND concat_ws(' ', s.name, s.description, o.name) ILIKE '%naloxone%'`,
      );
      expect(found.length).toBe(expected);
      expect(expected).toBeGreaterThan(0);
      for (const s of found) expect(`${s.name} ${s.description} ${s.organization.name}`.toLowerCase()).toContain('naloxone');
      const two = await all('/hsds/services', { search: 'naloxone vending' });
      expect(two.length).toBeGreaterThan(0);
      expect(two.length).toBeLessThan(found.length);
      const orgs = await all('/hsds/organizations', { search: 'fictional' });
      for (const o of orgs) expect(`${o.name} ${o.description}`.toLowerCase()).toContain('fictional');
    });

    it('taxonomy_term_id: by code or id, matching the term and its descendants', async () => {
      const byCode = await all('/hsds/services', { taxonomy_term_id: 'service.moud', full: true });
      const byId = await all('/hsds/services', { taxonomy_term_id: termId('service.moud') });
      expect(byId.map((s) => s.id)).toEqual(byCode.map((s) => s.id));
      const expected = await servicesCarrying(`a.taxonomy_term_code = 'service.moud' OR a.taxonomy_term_code LIKE 'service.moud.%'`);
      expect(byCode.length).toBe(expected);
      const codes = (s: Obj) => s.attributes.map((a: Obj) => a.taxonomy_term.code) as string[];
      // descendants: services tagged only service.moud.<medication> are found
      expect(byCode.some((s) => !codes(s).includes('service.moud') && codes(s).some((c) => c.startsWith('service.moud.')))).toBe(true);
      for (const s of byCode) expect(codes(s).some((c) => c === 'service.moud' || c.startsWith('service.moud.'))).toBe(true);
      const leaf = await all('/hsds/services', { taxonomy_term_id: 'service.moud.methadone' });
      expect(leaf.length).toBeGreaterThan(0);
      expect(leaf.length).toBeLessThan(byCode.length);
    });

    it('taxonomy_term_id on service_at_locations (service, location or organization terms)', async () => {
      const found = await all('/hsds/service_at_locations', { taxonomy_term_id: 'transport.mobile-outreach', full: true });
      expect(found.length).toBeGreaterThan(0);
      for (const sal of found) {
        const codes = [...sal.service.attributes, ...sal.location.attributes, ...(sal.service.organization?.attributes ?? [])].map(
          (a: Obj) => a.taxonomy_term.code,
        );
        expect(codes.some((c: string) => c.startsWith('transport.mobile-outreach'))).toBe(true);
      }
    });

    it('taxonomy_term_id and taxonomy_id: unknown ones are a 400', async () => {
      expectProblem(await get('/hsds/services', { taxonomy_term_id: 'service.no-such-thing' }), 400, 'INVALID_PARAMETER', 'taxonomy_term_id');
      expectProblem(await get('/hsds/services', { taxonomy_term_id: UNKNOWN_ID }), 400, 'INVALID_PARAMETER', 'taxonomy_term_id');
      expectProblem(await get('/hsds/service_at_locations', { taxonomy_id: UNKNOWN_ID }), 400, 'INVALID_PARAMETER', 'taxonomy_id');
    });

    it('taxonomy_id: our taxonomy keeps records with any term', async () => {
      const found = await ok('/hsds/services', { taxonomy_id: TAXONOMY_ID, per_page: 1 });
      const expected = await servicesCarrying('true');
      expect(found.total_items).toBe(expected);
    });

    it('organization_id, combined with other filters (AND)', async () => {
      const [{ organization_id, n }] = await db.query(
        `SELECT organization_id, count(*)::int AS n FROM service WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      );
      const found = await all('/hsds/services', { organization_id });
      expect(found).toHaveLength(n);
      expect(found.every((s) => s.organization_id === organization_id)).toBe(true);
      const sals = await all('/hsds/service_at_locations', { organization_id });
      expect(sals.every((s) => s.service.organization_id === organization_id)).toBe(true);
      const narrowed = await all('/hsds/services', { organization_id, search: found[0].name });
      expect(narrowed.length).toBeGreaterThan(0);
      expect(narrowed.every((s) => s.organization_id === organization_id)).toBe(true);
      expect((await ok('/hsds/services', { organization_id: UNKNOWN_ID })).total_items).toBe(0);
    });

    it('modified_after: on or after the instant', async () => {
      const [{ latest }] = await db.query(
        `SELECT to_char(max(last_modified) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS latest FROM service WHERE deleted_at IS NULL`,
      );
      const atLatest = await ok('/hsds/services', { modified_after: latest });
      expect(atLatest.total_items).toBe(await count(`SELECT count(*)::int AS n FROM service WHERE deleted_at IS NULL AND last_modified >= $1`, [latest]));
      expect(atLatest.total_items).toBeGreaterThan(0);
      const after = new Date(new Date(latest).getTime() + 1000).toISOString();
      expect((await ok('/hsds/services', { modified_after: after })).total_items).toBe(0);
      expect((await ok('/hsds/organizations', { modified_after: '2000-01-01T00:00:00Z' })).total_items).toBe(
        await count(`SELECT count(*)::int AS n FROM organization WHERE deleted_at IS NULL`),
      );
    });

    it('minimal: only id and last_modified', async () => {
      const body = await ok('/hsds/services', { minimal: true, per_page: 3 });
      for (const s of body.contents) expect(Object.keys(s).sort()).toEqual(['id', 'last_modified']);
    });

    it('format=ndjson: every match, one object per line, no envelope', async () => {
      const paged = await ok('/hsds/service_at_locations', { taxonomy_term_id: 'service.naloxone', per_page: 5 });
      const res = await get('/hsds/service_at_locations', { taxonomy_term_id: 'service.naloxone', format: 'ndjson' }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const records = lines(res.text);
      expect(records).toHaveLength(paged.total_items);
      expect(records.slice(0, 5)).toEqual(paged.contents);
      expect(records.every((r) => typeof r.id === 'string' && !('contents' in r))).toBe(true);
      const terms = lines((await get('/hsds/taxonomy_terms', { format: 'ndjson', top_only: true }).expect(200)).text);
      expect(terms.map((t) => t.code).sort()).toEqual(['access', 'population', 'practice', 'principle', 'service', 'transport']);
    });
  });

  describe('postcode and proximity (service_at_locations)', () => {
    const zip = '75215';
    const centroid = lookupUsZip(zip)!;
    const distance = (sal: Obj) => geodesicDistanceMeters(centroid.latitude, centroid.longitude, sal.location.latitude, sal.location.longitude);
    const reaches = (sal: Obj) => sal.service.service_areas.length > 0;

    it('postcode + proximity: within the distance (or a service area covering the ZIP), nearest first, none missed', async () => {
      const proximity = 5000;
      const found = await all('/hsds/service_at_locations', { postcode: zip, proximity, full: true });
      expect(found.length).toBeGreaterThan(0);
      for (const sal of found) expect(reaches(sal) || distance(sal) <= proximity + 1).toBe(true);
      const distances = found.filter((s) => !reaches(s)).map(distance);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      // nothing within the distance is left out
      const everything = await all('/hsds/service_at_locations');
      const ids = new Set(found.map((s) => s.id));
      const inside = everything.filter((s) => s.location.latitude !== undefined && distance(s) < proximity - 1);
      expect(inside.length).toBeGreaterThan(0);
      expect(inside.filter((s) => !ids.has(s.id))).toEqual([]);
      const closer = await all('/hsds/service_at_locations', { postcode: zip, proximity: 1000 });
      expect(closer.length).toBeLessThan(found.length);
      expect(closer.every((s) => ids.has(s.id))).toBe(true);
    });

    it('postcode alone: locations in the ZIP, and programs whose service area covers it', async () => {
      const found = await all('/hsds/service_at_locations', { postcode: zip, full: true });
      expect(found.length).toBeGreaterThan(0);
      for (const sal of found) {
        const postal = sal.location.addresses[0]?.postal_code ?? sal.location.x_postal_code;
        expect(postal?.slice(0, 5) === zip || reaches(sal)).toBe(true);
      }
    });

    it('hidden-address sites never show their street, and sit on their grid point', async () => {
      const [hidden] = await db.query(
        `SELECT sal.id, l.address_1 FROM service_at_location sal JOIN location l ON l.id = sal.location_id
          WHERE l.address_visibility = 'approximate' AND l.address_1 IS NOT NULL AND sal.deleted_at IS NULL AND l.deleted_at IS NULL LIMIT 1`,
      );
      const res = await get(`/hsds/service_at_locations/${hidden.id}`).expect(200);
      expect(res.text).not.toContain(hidden.address_1);
      expect(res.body.location).toMatchObject({ x_address_visibility: 'approximate', addresses: [] });
      expect(Math.abs(res.body.location.latitude / 0.02 - Math.round(res.body.location.latitude / 0.02))).toBeLessThan(1e-6);
    });

    it.each([
      [{ proximity: 1000 }, 'proximity'],
      [{ postcode: 'SW1A 1AA' }, 'postcode'],
      [{ postcode: '00000' }, 'postcode'],
      [{ postcode: zip, proximity: 0 }, 'proximity'],
      [{ postcode: zip, proximity: 'far' }, 'proximity'],
      [{ postcode: zip, proximity: 300001 }, 'proximity'],
    ])('rejects %j with 400', async (query, param) => {
      expectProblem(await get('/hsds/service_at_locations', query), 400, 'INVALID_PARAMETER', param);
    });
  });

  describe('taxonomies and taxonomy terms', () => {
    it('term ids are the export ids; top_only and parent_id (id or code); by id or code', async () => {
      const top = await ok('/hsds/taxonomy_terms', { top_only: true });
      expect(top.total_items).toBe(6);
      expect(top.contents.every((t: Obj) => t.parent_id === undefined && t.id === termId(t.code) && t.taxonomy_id === TAXONOMY_ID)).toBe(true);
      const children = await all('/hsds/taxonomy_terms', { parent_id: 'service.moud' });
      expect(children.map((t) => t.code)).toContain('service.moud.methadone');
      expect(children.every((t) => t.parent_id === termId('service.moud') && t.code.split('.').length === 3)).toBe(true);
      expect((await all('/hsds/taxonomy_terms', { parent_id: termId('service.moud') })).map((t) => t.id)).toEqual(children.map((t) => t.id));
      const byCode = await ok('/hsds/taxonomy_terms/service.moud.methadone');
      expect(await ok(`/hsds/taxonomy_terms/${termId('service.moud.methadone')}`)).toEqual(byCode);
      expect(byCode).toMatchObject({ code: 'service.moud.methadone', parent_id: termId('service.moud'), name: expect.any(String) });
      expect((await ok('/hsds/taxonomy_terms', { search: 'METHADONE' })).contents.map((t: Obj) => t.code)).toContain('service.moud.methadone');
    });

    it('attributes of services point at the terms /hsds/taxonomy_terms lists', async () => {
      const ids = new Set((await all('/hsds/taxonomy_terms')).map((t) => t.id));
      const service = (await ok('/hsds/services', { taxonomy_term_id: 'service.naloxone', full: true, per_page: 1 })).contents[0];
      expect(service.attributes.length).toBeGreaterThan(0);
      for (const a of service.attributes) expect(ids.has(a.taxonomy_term_id)).toBe(true);
    });

    it('one taxonomy, by id', async () => {
      const list = await ok('/hsds/taxonomies');
      expect(list).toMatchObject({ total_items: 1, contents: [{ id: TAXONOMY_ID, name: 'harm-reduction', description: expect.any(String) }] });
      expect(await ok(`/hsds/taxonomies/${TAXONOMY_ID}`)).toEqual(list.contents[0]);
      expect((await ok('/hsds/taxonomy_terms', { taxonomy_id: TAXONOMY_ID, per_page: 1 })).total_items).toBeGreaterThan(6);
      expectProblem(await get('/hsds/taxonomy_terms', { taxonomy_id: UNKNOWN_ID }), 400, 'INVALID_PARAMETER', 'taxonomy_id');
      expectProblem(await get('/hsds/taxonomy_terms', { parent_id: 'service.nope' }), 400, 'INVALID_PARAMETER', 'parent_id');
    });
  });

  describe('single records: 404 and 400', () => {
    it.each(['services', 'organizations', 'service_at_locations', 'taxonomy_terms', 'taxonomies'])(
      '/hsds/%s/{id}: unknown 404, malformed 400',
      async (list) => {
        expectProblem(await get(`/hsds/${list}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
        expectProblem(await get(`/hsds/${list}/not%20an%20id!`), 400, 'INVALID_ID', 'id');
        expectProblem(await get(`/hsds/${list}/1%27%20OR%201=1`), 400, 'INVALID_ID', 'id');
      },
    );

    it('the single service equals the full list item', async () => {
      const listed = (await ok('/hsds/services', { full: true, per_page: 1 })).contents[0];
      expect(await ok(`/hsds/services/${listed.id}`)).toEqual(listed);
    });
  });
});
