import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { seedDemoData } from '../../src/database/seed/demo-data.seeder';

/**
 * Drops every table of ours (keeping the PostGIS extension, which needs a
 * superuser to create), so a server test database starts from nothing.
 */
export async function resetServerDatabase(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url, 1));
  await ds.initialize();
  try {
    const tables: { name: string }[] = await ds.query(`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`);
    for (const { name } of tables) await ds.query(`DROP TABLE IF EXISTS "${name}" CASCADE`);
    for (const fn of ['schedule_next_opening', 'schedule_is_open', 'iso_day_code', 'is_valid_time_zone']) {
      await ds.query(`DROP FUNCTION IF EXISTS ${fn} CASCADE`);
    }
  } finally {
    await ds.destroy();
  }
}

/** Applies every migration and loads the demo data, once per test run. */
export async function migrateAndSeed(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url, 1));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await ds.transaction((manager) => seedDemoData(manager));
  } finally {
    await ds.destroy();
  }
}
