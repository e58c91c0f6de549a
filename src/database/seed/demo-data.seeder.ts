import { DataSource } from 'typeorm';
import { col, insertBatched, SqlExecutor } from '../batch-insert';
import { DemoDataset, generateDemoData } from './demo-data.generator';

export interface DemoSeedSummary {
  organizations: number;
  services: number;
  locations: number;
  serviceAtLocations: number;
  schedules: number;
  phones: number;
  languages: number;
  attributes: number;
}

/** Every demo record carries source 'demo' (migration 1764140000005): `demo remove` takes out exactly these. */
export const DEMO_SOURCE_ID = 'demo';
const DEMO_SOURCE = { name: 'source_id', value: () => DEMO_SOURCE_ID };

type Row<K extends keyof DemoDataset> = DemoDataset[K] extends Array<infer R> ? R : never;

/**
 * Inserts the demo dataset with explicit ids, in foreign-key order, using
 * multi-row parameterized INSERTs. Run it inside the caller's transaction;
 * it neither begins nor commits one. `location.point` is a generated column
 * and is left to the database.
 */
export async function seedDemoData(db: SqlExecutor, dataset: DemoDataset = generateDemoData()): Promise<DemoSeedSummary> {
  const organizations = await insertBatched<Row<'organizations'>>(
    db,
    'organization',
    [col('id'), col('name'), col('description'), col('website'), col('email'), DEMO_SOURCE],
    dataset.organizations,
  );

  const services = await insertBatched<Row<'services'>>(
    db,
    'service',
    [
      col('id'),
      col('organization_id'),
      col('name'),
      col('description'),
      col('url'),
      col('email'),
      col('status'),
      DEMO_SOURCE,
      col('eligibility_description'),
      col('fees_description'),
      col('alert'),
      col('assured_date', (p) => `${p}::date`),
    ],
    dataset.services,
  );

  const locations = await insertBatched<Row<'locations'>>(
    db,
    'location',
    [
      col('id'),
      col('organization_id'),
      col('location_type'),
      col('name'),
      col('description'),
      DEMO_SOURCE,
      col('latitude', (p) => `${p}::double precision`),
      col('longitude', (p) => `${p}::double precision`),
      {
        name: 'service_area',
        value: (row) => (row.service_area ? JSON.stringify(row.service_area) : null),
        sql: (p) => `ST_Multi(ST_GeomFromGeoJSON(${p}::text))::geography`,
      },
      col('service_area_description'),
      col('address_1'),
      col('address_2'),
      col('city'),
      col('state_province'),
      col('postal_code'),
      col('country'),
      col('address_visibility'),
      col('accessibility'),
      col('transportation'),
    ],
    dataset.locations,
  );

  const serviceAtLocations = await insertBatched<Row<'serviceAtLocations'>>(
    db,
    'service_at_location',
    [col('id'), col('service_id'), col('location_id'), col('description'), DEMO_SOURCE],
    dataset.serviceAtLocations,
  );

  const schedules = await insertBatched<Row<'schedules'>>(
    db,
    'schedule',
    [
      col('id'),
      col('service_at_location_id'),
      col('timezone'),
      col('freq'),
      col('byday', (p) => `${p}::text[]`),
      col('opens_at', (p) => `${p}::time`),
      col('closes_at', (p) => `${p}::time`),
      col('notes'),
    ],
    dataset.schedules,
  );

  const phones = await insertBatched<Row<'phones'>>(
    db,
    'phone',
    [col('id'), col('service_id'), col('location_id'), col('number'), col('type'), col('description'), col('sort_order')],
    dataset.phones,
  );

  const languages = await insertBatched<Row<'languages'>>(
    db,
    'language',
    [col('id'), col('code'), col('service_id'), col('location_id'), col('phone_id'), col('note')],
    dataset.languages,
  );

  const attributes = await insertBatched<Row<'attributes'>>(
    db,
    'attribute',
    [col('id'), col('taxonomy_term_code'), col('organization_id'), col('service_id'), col('location_id')],
    dataset.attributes,
  );

  return { organizations, services, locations, serviceAtLocations, schedules, phones, languages, attributes };
}

/**
 * The demo data goes into an empty directory only (no organization at all,
 * deleted ones included: once removed, demo data stays removed).
 */
export async function seedDemoDataIfEmpty(db: DataSource): Promise<DemoSeedSummary | null> {
  const [{ count }] = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM organization`);
  if (count > 0) return null;
  return db.transaction((manager) => seedDemoData(manager));
}
