import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { seedDemoData } from '../../src/database/seed/demo-data.seeder';

/**
 * Drops every table and function of ours (keeping the PostGIS extension, which needs a
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
    // and every function of ours (schedule helpers, search projection maintenance), whatever a migration added
    const functions: { signature: string }[] = await ds.query(`
      SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`);
    for (const { signature } of functions) await ds.query(`DROP FUNCTION IF EXISTS ${signature} CASCADE`);
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
