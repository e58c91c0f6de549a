/**
 * `npm run bench:start`: how long `npm start` takes to a ready API on the
 * embedded database with demo data, fresh (empty data folder: migrations,
 * PostGIS install, demo data) and warm (the same folder again), several runs
 * each, with the bare embedded PostGIS launcher (no NestJS, no migrations) as
 * the floor in the same run. Reports min/median of time to /health/ready and
 * the RSS at ready. A benchmark, not a test: the numbers depend on the
 * machine and on what else runs on it, so say that beside them.
 *
 *   npm run bench:start -- [--runs 5]
 *
 * What it starts is what `npm start` runs once the build is fresh
 * (`node dist/src/main.js`); the build check itself is timed separately.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(__dirname, '..');

interface Start {
  readyMs: number;
  rssMb: number;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Resident memory of a process, from /proc (Linux), in MB. */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

export async function startApp(dataDir: string): Promise<Start> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  for (const key of ['DATABASE_URL', 'SEED_DEMO_DATA', 'DB_POOL_SIZE', 'MIGRATIONS_RUN']) delete env[key];
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`app exited ${child.exitCode}: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { readyMs: Math.round(performance.now() - started), rssMb: rssOf(child.pid!) };
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(null);
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}

/** The bare launcher on its own: PGlite + PostGIS over the socket, one query. */
export function startFloor(dataDir: string, fresh: boolean): Start {
  const script = `
    const { startEmbeddedPostgres } = require('./dist/src/database/embedded-postgres.js');
    const { Client } = require('pg');
    (async () => {
      const db = await startEmbeddedPostgres(process.argv[1]);
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(process.argv[2] === 'fresh' ? 'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm' : 'SELECT 1');
      console.log('ready ' + Math.round(process.memoryUsage().rss / 1048576));
      await client.end();
      await db.stop();
      process.exit(0);
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const started = performance.now();
  const r = spawnSync(process.execPath, ['-e', script, dataDir, fresh ? 'fresh' : 'warm'], { cwd: ROOT, encoding: 'utf8' });
  const m = /ready (\d+)/.exec(r.stdout);
  if (!m) throw new Error(`floor failed: ${r.stderr}`);
  return { readyMs: Math.round(performance.now() - started), rssMb: Number(m[1]) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (label: string, starts: Start[]) => {
  const ms = starts.map((s) => s.readyMs);
  const rss = starts.map((s) => s.rssMb);
  return `| ${label} | ${Math.min(...ms)} | ${median(ms)} | ${Math.max(...ms)} | ${median(rss)} |`;
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  const build = spawnSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const buildCheck = performance.now();
  spawnSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: ROOT });
  const buildCheckMs = Math.round(performance.now() - buildCheck);

  const results: Record<string, Start[]> = { fresh: [], warm: [], 'floor fresh': [], 'floor warm': [] };
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'hrd-start-'));
    const floorDir = mkdtempSync(join(tmpdir(), 'hrd-start-floor-'));
    try {
      results.fresh.push(await startApp(join(dir, 'pglite')));
      results.warm.push(await startApp(join(dir, 'pglite')));
      results['floor fresh'].push(startFloor(join(floorDir, 'pglite'), true));
      results['floor warm'].push(startFloor(join(floorDir, 'pglite'), false));
      console.error(`run ${i + 1}/${runs}: fresh ${results.fresh[i].readyMs} ms, warm ${results.warm[i].readyMs} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(floorDir, { recursive: true, force: true });
    }
  }
  console.log(
    `\nEmbedded start to /health/ready, ${runs} runs each (node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  console.log(`\`npm start\`'s build check on an unchanged checkout: ${buildCheckMs} ms\n`);
  console.log('| start | min ms | median ms | max ms | median RSS MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [label, starts] of Object.entries(results)) console.log(summary(label, starts));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
