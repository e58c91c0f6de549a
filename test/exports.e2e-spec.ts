import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { runCli, startEmbeddedApp, stop } from './support/child-app';
import { startTestApp } from './support/test-app';

type Line = { type: string; record: Record<string, unknown> & { id: string } };

async function ndjson(url: string): Promise<Line[]> {
  const res = await request(url)
    .get('/v1/export')
    .query({ format: 'ndjson' })
    .buffer(true)
    .parse((r, cb) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
  expect(res.status).toBe(200);
  return (res.body as string)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/**
 * What a record says, without what a database assigns (ids, versions,
 * timestamps, provenance): two directories with the same listings give the
 * same canonical form.
 */
function canonical(lines: Line[]): Record<string, string[]> {
  const byId = new Map(lines.map((l) => [l.record.id, l.record]));
  const name = (id: unknown) => String(byId.get(id as string)?.name);
  const strip = (r: Record<string, unknown>): unknown =>
    Object.fromEntries(
      Object.entries(r)
        // original_text: how a number was first typed (provenance of that entry); HSDS phones have no
        // such field, so the E.164 number is what must survive the round trip
        .filter(([k]) => !['id', 'version', 'last_modified', 'source', 'organization_id', 'service_id', 'location_id', 'original_text'].includes(k))
        .map(([k, v]) => [
          k,
          Array.isArray(v)
            ? v
                .map((x) => (x && typeof x === 'object' ? strip(x as Record<string, unknown>) : x))
                .map((x) => JSON.stringify(x))
                .sort()
            : v,
        ]),
    );
  const out: Record<string, string[]> = {};
  for (const { type, record } of lines) {
    const context =
      type === 'service_at_location'
        ? { service: name(record.service_id), location: name(record.location_id) }
        : { organization: name(record.organization_id) };
    (out[type] ??= []).push(JSON.stringify({ ...context, ...(strip(record) as object) }));
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

describe('exports', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  const live = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE deleted_at IS NULL`))[0].n;

  it('streams NDJSON: every live record once, uncached, with the change-feed position', async () => {
    const res = await request(url).get('/v1/export').query({ format: 'ndjson' });
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-changes-since']).toEqual(expect.any(String));
    const lines = await ndjson(url);
    for (const [type, table] of [
      ['organization', 'organization'],
      ['service', 'service'],
      ['location', 'location'],
      ['service_at_location', 'service_at_location'],
    ]) {
      const ids = lines.filter((l) => l.type === type).map((l) => l.record.id);
      expect(ids.length).toBe(await live(table));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('streams GeoJSON: one Feature per live location, [longitude, latitude]', async () => {
    const res = await request(url).get('/v1/export').query({ format: 'geojson' }).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    const collection = JSON.parse(res.text);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(await live('location'));
    const [row] = await db.query(
      `SELECT id, latitude, longitude FROM location WHERE address_visibility = 'public' AND latitude IS NOT NULL AND deleted_at IS NULL LIMIT 1`,
    );
    const feature = collection.features.find((f: { id: string }) => f.id === row.id);
    expect(feature.geometry.coordinates[0]).toBeCloseTo(row.longitude, 5);
    expect(feature.geometry.coordinates[1]).toBeCloseTo(row.latitude, 5);
  });

  it('rejects an unknown format with 400', async () => {
    const res = await request(url).get('/v1/export').query({ format: 'xlsx' });
    expect(res.status).toBe(400);
  });

  it('HSDS export -> import into an empty database reproduces the same records', async () => {
    const files = (await request(url).get('/v1/export').query({ format: 'hsds' }).expect(200)).body as Record<string, string>;
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['datapackage.json', 'organizations.csv', 'services.csv', 'locations.csv', 'service_at_location.csv']),
    );
    const original = canonical(await ndjson(url));

    const dataDir = mkdtempSync(join(tmpdir(), 'hrd-roundtrip-'));
    try {
      const created = runCli(dataDir, ['keys', 'create', '--name', 'roundtrip', '--scope', 'write'], { SEED_DEMO_DATA: 'false' });
      const key = /Key \(shown once, store it now\): (\S+)/.exec(created)![1];
      const empty = await startEmbeddedApp(dataDir, { SEED_DEMO_DATA: 'false' });
      try {
        expect((await request(empty.url).get('/v1/organizations').expect(200)).body.page.total).toBe(0);
        const report = await request(empty.url).post('/v1/imports').set('authorization', `Bearer ${key}`).send({ format: 'hsds', files }).expect(200);
        expect(report.body.rejected).toEqual([]);
        expect(report.body.committed).toBe(true);
        const copy = canonical(await ndjson(empty.url));
        // the demo's 24-hour sites: written 00:00:00-23:59:59 (Table Schema time has no 24:00), read back as 00:00-24:00
        expect(files['schedules.csv']).toMatch(/,00:00:00,23:59:59,/);
        expect(files['schedules.csv']).not.toMatch(/24:00|,\d\d:\d\d,/);
        expect(copy.location.join('\n') + copy.service_at_location.join('\n')).toContain('24:00');
        for (const type of ['organization', 'service', 'location', 'service_at_location']) {
          expect({ type, records: copy[type] }).toEqual({ type, records: original[type] });
        }
      } finally {
        await stop(empty.child);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
