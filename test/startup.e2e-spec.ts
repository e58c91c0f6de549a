import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from './support/checked-request';
import { DataSource, MigrationInterface } from 'typeorm';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { DatabaseBootstrapService, PendingMigrationsError } from '../src/database/database-bootstrap.service';
import { DatabaseConnection } from '../src/database/database-connection';
import { dataSourceOptions } from '../src/database/data-source-options';
import { startEmbeddedApp, stop } from './support/child-app';

class NotYetApplied1999999999999 implements MigrationInterface {
  up(): Promise<void> {
    return Promise.reject(new Error('must not run'));
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
      console.log(`embedded start to ready: fresh ${first.readyMs} ms, warm ${second.readyMs} ms (the compiled build, as npm start runs it)`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
