import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource, MigrationInterface } from 'typeorm';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { DatabaseBootstrapService, PendingMigrationsError } from '../src/database/database-bootstrap.service';
import { DatabaseConnection } from '../src/database/database-connection';
import { dataSourceOptions } from '../src/database/data-source-options';

class NotYetApplied1999999999999 implements MigrationInterface {
  async up(): Promise<void> {
    throw new Error('must not run');
  }
  async down(): Promise<void> {}
}

describe('start-up against a server', () => {
  it('refuses to start with pending migrations, naming the command to run', async () => {
    const url = process.env.DATABASE_URL!;
    const options = dataSourceOptions(url, 1);
    const db = new DataSource({ ...options, migrations: [...(options.migrations as []), NotYetApplied1999999999999] });
    await db.initialize();
    try {
      const config: AppConfig = loadConfig({ DATABASE_URL: url, SEED_DEMO_DATA: 'false' });
      const bootstrap = new DatabaseBootstrapService(db, config, new DatabaseConnection(url, 1, null));
      await expect(bootstrap.onModuleInit()).rejects.toThrow(PendingMigrationsError);
      await expect(bootstrap.onModuleInit()).rejects.toThrow(/npm run db:migrate/);
    } finally {
      await db.destroy();
    }
  });
});

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `src/main.ts` as the README's start command would, with no DATABASE_URL. */
async function startEmbeddedApp(dataDir: string): Promise<{ child: ChildProcess; url: string; readyMs: number; output: () => string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, TS_NODE_TRANSPILE_ONLY: 'true', LOG_LEVEL: 'log' };
  for (const key of ['DATABASE_URL', 'SEED_DEMO_DATA', 'DB_POOL_SIZE', 'MIGRATIONS_RUN']) delete env[key];
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'src/main.ts'], {
    cwd: join(__dirname, '..'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
    const ready = await request(url).get('/health/ready').then((r) => r.status === 200, () => false);
    if (ready) return { child, url, readyMs: Date.now() - started, output: () => output };
    if (Date.now() - started > 90_000) throw new Error(`not ready after 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

describe('start-up in embedded mode (the README run command)', () => {
  it('migrates and seeds a fresh data folder, then keeps the data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hrd-embedded-'));
    try {
      const first = await startEmbeddedApp(dataDir);
      let firstIds: string[];
      try {
        const principles = (await request(first.url).get('/v1/taxonomy').query({ branch: 'principle' }).expect(200)).body.data[0];
        expect(principles.children).toHaveLength(8);
        const orgs = await request(first.url).get('/v1/organizations').query({ limit: 5 }).expect(200);
        expect(orgs.body.page.total).toBeGreaterThan(0);
        firstIds = orgs.body.data.map((o: { id: string }) => o.id);
        expect(first.output()).toContain(dataDir);
        expect(first.output()).toMatch(/Loaded demo data/);
      } finally {
        await stop(first.child);
      }
      const second = await startEmbeddedApp(dataDir);
      try {
        const orgs = await request(second.url).get('/v1/organizations').query({ limit: 5 }).expect(200);
        expect(orgs.body.data.map((o: { id: string }) => o.id)).toEqual(firstIds);
        expect(second.output()).not.toMatch(/Loaded demo data|Applied \d+ migration/);
      } finally {
        await stop(second.child);
      }
      console.log(`embedded start to ready: fresh ${first.readyMs} ms, warm ${second.readyMs} ms (ts-node, transpile only)`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
