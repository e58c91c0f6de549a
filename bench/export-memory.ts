/**
 * Export memory check: does GET /v1/export stream with flat memory?
 *
 *   DATABASE_URL=postgres://... npx ts-node bench/export-memory.ts [count]
 *
 * EMPTIES and fills the migrated database at DATABASE_URL with `count` (default
 * 100,000) generated, clearly fictional locations with one service each,
 * starts the API as a child process, streams the NDJSON and GeoJSON exports
 * while sampling the child's RSS every 50 ms, and prints the RSS before, the
 * peak during, and the bytes streamed. Compare against the same run with
 * 10,000 locations: flat memory means the peak does not grow with the count.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');

async function fill(url: string, count: number): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM location`)).rows;
    if (n === count) return;
    await db.query('BEGIN');
    await db.query(`TRUNCATE organization, service, location, service_at_location, phone, language, attribute, schedule`);
    await db.query(
      `INSERT INTO organization (id, name, description)
      SELECT gen_random_uuid(), 'Bench Provider ' || g || ' (fictional)', 'Generated for the export benchmark.' FROM generate_series(1, $1) g`,
      [count / 10],
    );
    await db.query(
      `
      WITH orgs AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM organization)
      INSERT INTO location (organization_id, location_type, name, latitude, longitude, address_1, city, state_province, postal_code)
      SELECT o.id, 'physical', 'Bench site ' || g, 25 + (g % 2300) * 0.01, -124 + (g / 2300) * 0.01 % 57, g || ' Bench St', 'Benchville', 'TX', '75215'
        FROM generate_series(1, $1) g JOIN orgs o ON o.k = (g % ($1 / 10)) + 1`,
      [count],
    );
    await db.query(`INSERT INTO service (organization_id, name) SELECT organization_id, 'Naloxone ' || name FROM location`);
    await db.query(`INSERT INTO service_at_location (service_id, location_id)
      SELECT s.id, l.id FROM location l JOIN service s ON s.name = 'Naloxone ' || l.name`);
    await db.query('COMMIT');
  } finally {
    await db.end();
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function stream(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to an empty, migrated PostGIS database (npm run db:migrate).');
  const count = Number(process.argv[2] ?? 100_000);
  let t = Date.now();
  await fill(url, count);
  console.log(`database holds ${count} locations (${Date.now() - t} ms to fill)`);

  const port = 3900 + Math.floor(Math.random() * 50);
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false' },
    stdio: 'inherit',
  });
  try {
    for (let i = 0; ; i++) {
      const ok = await new Promise<boolean>((r) =>
        request(`http://127.0.0.1:${port}/health/ready`, (res) => r(res.statusCode === 200))
          .on('error', () => r(false))
          .end(),
      );
      if (ok) break;
      if (i > 300) throw new Error('API did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const format of ['ndjson', 'geojson']) {
      const before = rssOf(child.pid!);
      let peak = before;
      const timeline: number[] = [];
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 50);
      const seconds = setInterval(() => timeline.push(Math.round(rssOf(child.pid!))), 1000);
      t = Date.now();
      const bytes = await stream(`http://127.0.0.1:${port}/v1/export?format=${format}`);
      clearInterval(sampler);
      clearInterval(seconds);
      console.log(`${format}: RSS each second (MB): ${timeline.join(' ')}`);
      console.log(
        `${format}: ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s; API RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB)`,
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
