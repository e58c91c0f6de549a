import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { bearer, createKeys } from './support/api-keys';
import { describeWithSharedData, SHARED_DATA_DIR } from './support/skips';
import { PackageResource, validateTables } from './support/table-schema';
import { startTestApp } from './support/test-app';

/**
 * The HSDS export as a Frictionless Data Package: datapackage.json checked
 * with Ajv against the official Tabular Data Package profile (v1, the JSON
 * Schema the `datapackage` npm package ships, draft-04), every CSV cell
 * against its Table Schema field (test/support/table-schema.ts, written from
 * the spec), and provenance: licences and sources in datapackage.json and the
 * CC BY 4.0 credit on every record of the Dallas import.
 */
const DALLAS = 'dallas-naloxone-2026';
const DALLAS_CREDIT = 'SaveSpots National Harm Reduction Program'; // ../shared/data/README.md: the attribution CC BY 4.0 asks for

// eslint-disable-next-line @typescript-eslint/no-require-imports
const TABULAR_DATA_PACKAGE = require('datapackage/lib/profiles/tabular-data-package.json');

function packageValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(TABULAR_DATA_PACKAGE);
}

type Files = Record<string, string>;
const rowsOf = (files: Files, file: string): Record<string, string>[] => parse(files[file], { columns: true, bom: true });

describeWithSharedData('HSDS export validity', `${DALLAS}/naloxone_locations.geojson`)('HSDS export validity', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;
  let files: Files;
  let datapackage: { licenses?: { name: string; title?: string; path?: string }[]; sources?: Record<string, string>[]; resources: PackageResource[] };
  const validate = packageValidator();

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
    const keys = await createKeys(app, 'hsds-export-validity');
    const geojson = readFileSync(join(SHARED_DATA_DIR, DALLAS, 'naloxone_locations.geojson'), 'utf8');
    const imported = await request(url).post('/v1/imports').set(bearer(keys.write)).send({ format: 'geojson', content: geojson }).expect(200);
    expect(imported.body).toMatchObject({ committed: true, rejected: [] });
    files = (await request(url).get('/v1/export').query({ format: 'hsds' }).expect(200)).body as Files;
    datapackage = JSON.parse(files['datapackage.json']);
  }, 120_000);
  afterAll(async () => {
    await db.query(`DELETE FROM organization WHERE source_id = $1`, [DALLAS]);
    await db.query(`DELETE FROM data_source WHERE id = $1`, [DALLAS]);
    await app.close();
  });

  it('datapackage.json is a valid Tabular Data Package (Frictionless v1 profile)', () => {
    const ok = validate(datapackage);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the profile check can fail: an empty foreignKeys list, a bad name, a licence without name or path', () => {
    const copy = () => JSON.parse(files['datapackage.json']);
    const emptyKeys = copy();
    emptyKeys.resources[0].schema.foreignKeys = [];
    expect(validate(emptyKeys)).toBe(false);
    expect(validate({ ...copy(), name: 'Harm Reduction' })).toBe(false);
    expect(validate({ ...copy(), licenses: [{ name: 'CC BY 4.0' }] })).toBe(false);
    expect(validate({ ...copy(), profile: 'hsds' })).toBe(false);
  });

  it('every CSV cell is valid for its field, and primary and foreign keys hold across the tables', () => {
    const { cells, errors } = validateTables(datapackage.resources, files);
    expect(cells).toBeGreaterThan(10_000); // the demo directory plus 40 Dallas sites, 13 tables
    const sample = errors.slice(0, 10).map((e) => `${e.file} row ${e.row} ${e.field} '${e.value}': ${e.reason}`);
    expect({ invalid: errors.length, sample }).toEqual({ invalid: 0, sample: [] });
  });

  it('the cell check can fail: HH:MM times, a 24:00 closing, a dangling location_id', () => {
    const header = Object.keys(rowsOf(files, 'schedules.csv')[0]);
    const row = (n: number, opens: string, closes: string, location: string) =>
      header
        .map((h) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, location_id: location, opens_at: opens, closes_at: closes })[h as 'id'] ?? '')
        .join(',');
    const known = rowsOf(files, 'locations.csv')[0].id;
    const broken = [header.join(','), row(1, '09:00', '24:00:00', known), row(2, '09:00:00', '17:00:00', '00000000-0000-4000-8000-00000000dead')].join('\r\n');
    const { errors } = validateTables(datapackage.resources, { ...files, 'schedules.csv': broken });
    expect(errors.map((e) => `${e.row} ${e.field} ${e.reason}`).sort()).toEqual([
      '1 closes_at not a time (HH:MM:SS)',
      '1 opens_at not a time (HH:MM:SS)',
      '2 location_id not found in location',
    ]);
  });

  it('schedule times are HH:MM:SS; a whole day is 00:00:00-23:59:59, never 24:00', () => {
    const schedules = rowsOf(files, 'schedules.csv');
    expect(schedules.length).toBeGreaterThan(0);
    for (const s of schedules) {
      expect(s.opens_at).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      expect(s.closes_at).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    }
    // the Dallas file's access_247 sites are open 00:00-24:00 every day (geojson.parser.ts), so some whole days are there
    const wholeDays = schedules.filter((s) => s.opens_at === '00:00:00' && s.closes_at === '23:59:59');
    expect(wholeDays.length).toBeGreaterThan(0);
    expect(files['schedules.csv']).not.toMatch(/24:00/);
  });

  it('declares licences and sources: the directory, then each data source with its licence and credit', async () => {
    const present: { id: string; name: string; licence: string; attribution: string }[] = await db.query(
      `SELECT id, name, licence, attribution FROM data_source ds
        WHERE EXISTS (SELECT 1 FROM organization o WHERE o.source_id = ds.id AND o.deleted_at IS NULL) ORDER BY id`,
    );
    expect(present.map((s) => s.id)).toEqual(expect.arrayContaining(['demo', DALLAS]));
    expect(datapackage.sources?.[0].title).toMatch(/directory/i);
    expect(datapackage.sources?.slice(1)).toEqual(
      present.map((s) => ({ title: s.name, x_source_id: s.id, x_licence: s.licence, x_attribution: s.attribution })),
    );
    expect(datapackage.licenses).toEqual(
      expect.arrayContaining([
        { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' },
        expect.objectContaining({ name: 'CC0-1.0' }),
      ]),
    );
  });

  it('every Dallas record carries its source, licence and the SaveSpots credit (organizations, locations, services, service_at_location)', async () => {
    for (const [file, table] of [
      ['organizations.csv', 'organization'],
      ['locations.csv', 'location'],
      ['services.csv', 'service'],
      ['service_at_location.csv', 'service_at_location'],
    ]) {
      const ids: string[] = (await db.query(`SELECT id FROM ${table} WHERE source_id = $1 AND deleted_at IS NULL`, [DALLAS])).map((r: { id: string }) => r.id);
      expect(ids.length).toBeGreaterThan(0);
      const rows = new Map(rowsOf(files, file).map((r) => [r.id, r]));
      for (const id of ids) {
        expect({ file, id, ...pick(rows.get(id)) }).toEqual({ file, id, x_source_id: DALLAS, x_licence: 'CC BY 4.0', x_attribution: DALLAS_CREDIT });
      }
    }
    // and a demo record carries the demo source, not Dallas's credit
    const demo = rowsOf(files, 'organizations.csv').find((r) => r.x_source_id === 'demo');
    expect(demo?.x_attribution).not.toBe(DALLAS_CREDIT);
  });
});

function pick(row: Record<string, string> | undefined) {
  return { x_source_id: row?.x_source_id, x_licence: row?.x_licence, x_attribution: row?.x_attribution };
}
