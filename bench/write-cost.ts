/**
 * Write cost at the benchmark's scale (bench/run.ts --writes): what keeping the search projection
 * exact (statement-level triggers in the writer's transaction) costs a writer.
 *
 * 1. Single API writes: PATCH /v1/locations/{id} through the running app with a real write key
 *    (created with the app's CLI, revoked at the end) and If-Match, one at a time: `rows` locations
 *    the generator made get their description changed, then changed back (both writes timed), so
 *    the content is as generated afterwards (version + 2 and last_modified are the only traces).
 * 2. An import of `importRows` new sites (CSV + mapping, the app's CLI `import --format csv`, the
 *    same code as POST /v1/imports), timed from spawn to exit; then the same source imported again
 *    with no rows (the import withdraws every record it made: soft deletes, also timed); then the
 *    withdrawn rows are removed for good (DELETE of the source's organizations, cascading; not an
 *    API operation, timed apart) so the dataset is the generated one again.
 * After each part: the projection rows of what was touched equal a recomputation from the base
 * tables (search_projection_source), and the searchable row count is back to where it started.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface WriteCosts {
  patch: { writes: number; p50Ms: number; p99Ms: number; maxMs: number; errors: number };
  import: {
    rows: number;
    createMs: number;
    created: Record<string, number> | null;
    withdrawMs: number;
    deleted: Record<string, number> | null;
    purgeMs: number;
  };
  projectionChecks: string[];
  counts: { before: Record<string, number>; after: Record<string, number> };
}

interface Options {
  url: string;
  appPort: number;
  root: string;
  env: NodeJS.ProcessEnv;
  log: (msg: string) => void;
  rows: number;
  importRows: number;
}

function call(port: number, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: data ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    req.end(data);
  });
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

function cli(o: Options, args: string[]): { status: number; out: string; stdout: string; ms: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['bin/harm-reduction-directory.js', ...args], {
    cwd: o.root,
    env: { ...o.env, DATABASE_URL: o.url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status ?? -1, out: `${r.stdout}\n${r.stderr}`, stdout: r.stdout, ms: performance.now() - t };
}

const COUNTS = `SELECT (SELECT count(*) FROM location WHERE deleted_at IS NULL)::int AS locations,
                       (SELECT count(*) FROM service WHERE deleted_at IS NULL)::int AS services,
                       (SELECT count(*) FROM organization WHERE deleted_at IS NULL)::int AS organizations,
                       (SELECT count(*) FROM search_projection)::int AS search_projection`;

/** Rows of search_projection for these links that differ from a recomputation, both ways. */
async function projectionDiff(db: Client, where: string, params: unknown[]): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM (SELECT * FROM search_projection sp WHERE ${where} EXCEPT SELECT * FROM search_projection_source sp WHERE ${where}) a)
           + (SELECT count(*) FROM (SELECT * FROM search_projection_source sp WHERE ${where} EXCEPT SELECT * FROM search_projection sp WHERE ${where}) b))::int AS n`,
    params,
  );
  return r.rows[0].n;
}

/** Sites around eight dense metros (deterministic), each with a service type, languages, a phone and hours. */
const METROS: Array<[city: string, state: string, zip: string, lat: number, lng: number, tz: string]> = [
  ['Dallas', 'TX', '75215', 32.7767, -96.797, 'America/Chicago'],
  ['Houston', 'TX', '77002', 29.7604, -95.3698, 'America/Chicago'],
  ['Los Angeles', 'CA', '90012', 34.0522, -118.2437, 'America/Los_Angeles'],
  ['Chicago', 'IL', '60612', 41.8781, -87.6298, 'America/Chicago'],
  ['New York', 'NY', '10001', 40.7128, -74.006, 'America/New_York'],
  ['Phoenix', 'AZ', '85004', 33.4484, -112.074, 'America/Phoenix'],
  ['San Antonio', 'TX', '78205', 29.4241, -98.4936, 'America/Chicago'],
  ['Miami', 'FL', '33128', 25.7617, -80.1918, 'America/New_York'],
];
const TYPES = ['naloxone', 'syringe', 'testing', 'peer'];
const HEADER = 'ext_id,org,site,address,city,state,zip,lat,lng,phone,type,languages,hours';

export function importCsv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const [city, state, zip, lat, lng] = METROS[i % METROS.length];
    // a spiral of points within ~20 km of the centre
    const a = i * 2.399963;
    const r = 0.18 * Math.sqrt((i + 1) / rows);
    lines.push(
      [
        `bench-${i}`,
        `Bench Import Org ${Math.floor(i / 10)} (fictional)`,
        `Bench Import Site ${i} (fictional)`,
        `${100 + (i % 900)} Bench St`,
        city,
        state,
        zip,
        (lat + r * Math.sin(a)).toFixed(5),
        (lng + r * Math.cos(a)).toFixed(5),
        // 555-01XX: the fictional range
        `(214) 555-01${String(i % 100).padStart(2, '0')}`,
        TYPES[i % TYPES.length],
        i % 3 === 0 ? '"en,es"' : 'en',
        i % 2 === 0 ? '"Mon-Fri 9am-5pm"' : '',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export function importMapping(source: string): string {
  return JSON.stringify({
    source,
    licence: 'CC0-1.0',
    attribution: 'bench/write-cost.ts (fictional)',
    timezone: 'America/Chicago',
    country: 'US',
    strict: true,
    columns: {
      externalId: 'ext_id',
      organizationName: 'org',
      locationName: 'site',
      address1: 'address',
      city: 'city',
      state: 'state',
      zip: 'zip',
      latitude: 'lat',
      longitude: 'lng',
      phone: 'phone',
      hours: 'hours',
      languages: 'languages',
    },
    terms: {
      type: {
        naloxone: ['service.naloxone.distribution'],
        syringe: ['service.syringe-services.syringe-exchange'],
        testing: ['service.testing-and-prevention.hiv-testing'],
        peer: ['service.peer-support'],
      },
    },
    constantTerms: ['access.free'],
  });
}

function reportCounts(out: string, key: 'created' | 'deleted'): Record<string, number> | null {
  try {
    const json = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as Record<string, Record<string, number>>;
    return json[key] ?? null;
  } catch {
    return null;
  }
}

export async function writeCosts(o: Options): Promise<WriteCosts> {
  const db = new Client({ connectionString: o.url, application_name: 'hrd-bench-writes' });
  await db.connect();
  const checks: string[] = [];
  const before = (await db.query<Record<string, number>>(COUNTS)).rows[0];
  const keyRun = cli(o, ['keys', 'create', '--name', `bench-writes-${Date.now()}`, '--scope', 'write']);
  const key = /Key \(shown once, store it now\): (\S+)/.exec(keyRun.out)?.[1];
  const keyId = /\(id ([0-9a-f-]{36})\)/.exec(keyRun.out)?.[1];
  if (!key || !keyId) throw new Error(`could not create a write key: ${keyRun.out.slice(0, 500)}`);
  const auth = { authorization: `Bearer ${key}` };
  const dir = mkdtempSync(join(tmpdir(), 'hrd-bench-writes-'));
  try {
    // ---- 1. single API writes
    o.log(`writes: ${o.rows} locations x 2 PATCHes (change, change back), one at a time`);
    const targets = (
      await db.query<{ id: string }>(
        `SELECT id FROM location WHERE deleted_at IS NULL AND location_type = 'physical' AND id > '80000000-0000-0000-0000-000000000000' ORDER BY id LIMIT $1`,
        [o.rows],
      )
    ).rows.map((r) => r.id);
    const latencies: number[] = [];
    let errors = 0;
    for (const id of targets) {
      const got = await call(o.appPort, 'GET', `/v1/locations/${id}`, {});
      if (got.status !== 200) {
        errors++;
        continue;
      }
      const original = (JSON.parse(got.body) as { description: string | null }).description;
      let etag = String(got.headers.etag);
      for (const description of [`${original ?? ''} (bench write)`.trim(), original]) {
        const t = performance.now();
        const r = await call(o.appPort, 'PATCH', `/v1/locations/${id}`, { ...auth, 'if-match': etag }, { description });
        latencies.push(performance.now() - t);
        if (r.status !== 200) {
          errors++;
          o.log(`writes: PATCH ${id} answered ${r.status}: ${r.body.slice(0, 200)}`);
          break;
        }
        etag = String(r.headers.etag);
      }
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const patch = { writes: latencies.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted[sorted.length - 1], errors };
    o.log(`writes: ${patch.writes} PATCHes, p50 ${patch.p50Ms.toFixed(1)} ms, p99 ${patch.p99Ms.toFixed(1)} ms, ${errors} errors`);
    const patchDiff = await projectionDiff(db, 'sp.location_id = ANY($1::uuid[])', [targets]);
    checks.push(
      `after the PATCHes: ${patchDiff === 0 ? 'the projection rows of the written locations equal a recomputation' : `**${patchDiff} projection rows differ from a recomputation**`}`,
    );

    // ---- 2. a bulk import into the big database, then its withdrawal
    const source = `bench-import-${Date.now()}`;
    const csv = join(dir, 'sites.csv');
    const empty = join(dir, 'none.csv');
    const mapping = join(dir, 'mapping.json');
    writeFileSync(csv, importCsv(o.importRows));
    writeFileSync(empty, `${HEADER}\n`);
    writeFileSync(mapping, importMapping(source));
    o.log(`writes: importing ${o.importRows} rows (source ${source})`);
    const created = cli(o, ['import', '--format', 'csv', csv, '--mapping', mapping, '--json']);
    if (created.status !== 0) throw new Error(`import failed (${created.status}): ${created.out.slice(-1500)}`);
    // the CLI's JSON report can be cut short on a pipe (it exits right after writing): then count in the database
    const createdCounts =
      reportCounts(created.stdout, 'created') ??
      (
        await db.query<Record<string, number>>(
          `SELECT (SELECT count(*) FROM organization WHERE source_id = $1)::int AS organizations, (SELECT count(*) FROM service WHERE source_id = $1)::int AS services,
                  (SELECT count(*) FROM location WHERE source_id = $1)::int AS locations, (SELECT count(*) FROM service_at_location WHERE source_id = $1)::int AS service_at_locations`,
          [source],
        )
      ).rows[0];
    o.log(`writes: import took ${(created.ms / 1000).toFixed(1)} s: created ${JSON.stringify(createdCounts)}`);
    const importDiff = await projectionDiff(
      db,
      `sp.location_id IN (SELECT id FROM location WHERE source_id = $1) OR sp.id IN (SELECT id FROM service_at_location WHERE source_id = $1)`,
      [source],
    );
    const searchable = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_projection sp JOIN location l ON l.id = sp.location_id WHERE l.source_id = $1`, [
        source,
      ])
    ).rows[0].n;
    checks.push(
      `after the import: ${importDiff === 0 ? `the projection rows of the imported sites (${searchable}) equal a recomputation` : `**${importDiff} projection rows differ from a recomputation**`}`,
    );
    const withdrawn = cli(o, ['import', '--format', 'csv', empty, '--mapping', mapping, '--json']);
    if (withdrawn.status !== 0) throw new Error(`withdrawing import failed (${withdrawn.status}): ${withdrawn.out.slice(-1500)}`);
    const deletedCounts = reportCounts(withdrawn.stdout, 'deleted');
    o.log(`writes: withdrawal took ${(withdrawn.ms / 1000).toFixed(1)} s: deleted ${JSON.stringify(deletedCounts)}`);
    const left = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_projection sp JOIN location l ON l.id = sp.location_id WHERE l.source_id = $1`, [
        source,
      ])
    ).rows[0].n;
    checks.push(
      `after the withdrawal: ${left === 0 ? 'no projection row of the imported sites is left' : `**${left} projection rows of withdrawn sites remain**`}`,
    );
    const t = performance.now();
    await db.query('BEGIN');
    await db.query(`DELETE FROM organization WHERE source_id = $1`, [source]);
    await db.query(`DELETE FROM location WHERE source_id = $1`, [source]);
    await db.query(`DELETE FROM data_source WHERE id = $1`, [source]);
    await db.query('COMMIT');
    const purgeMs = performance.now() - t;
    const after = (await db.query<Record<string, number>>(COUNTS)).rows[0];
    checks.push(
      `counts before/after the write phase: ${Object.keys(before)
        .map((k) => `${k} ${before[k]}/${after[k]}`)
        .join(', ')}${Object.keys(before).every((k) => before[k] === after[k]) ? ' (unchanged)' : ' (**changed**)'}`,
    );
    return {
      patch,
      import: { rows: o.importRows, createMs: created.ms, created: createdCounts, withdrawMs: withdrawn.ms, deleted: deletedCounts, purgeMs },
      projectionChecks: checks,
      counts: { before, after },
    };
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
    cli(o, ['keys', 'revoke', '--id', keyId]);
    rmSync(dir, { recursive: true, force: true });
    await db.end();
  }
}
