import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';

/**
 * The database itself refuses invalid records, whatever client writes them.
 * Each case runs in a transaction that is rolled back.
 */
describe('database constraints', () => {
  let db: DataSource;
  let organizationId: string;

  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1));
    await db.initialize();
    [{ id: organizationId }] = await db.query(`SELECT id FROM organization LIMIT 1`);
  });
  afterAll(() => db.destroy());

  async function rejects(sql: string, params: readonly unknown[], message: RegExp): Promise<void> {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(sql, [...params]);
      }),
    ).rejects.toThrow(message);
  }

  const physical = (lat: unknown, lng: unknown) =>
    [
      `INSERT INTO location (organization_id, location_type, name, latitude, longitude, address_1, city, state_province, postal_code)
     VALUES ($1, 'physical', 'Test site', $2, $3, '1 Test St', 'Dallas', 'TX', '75215')`,
      [organizationId, lat, lng],
    ] as const;

  it('rejects coordinates out of range', async () => {
    await rejects(...physical(100, -96.8), /check constraint/);
    await rejects(...physical(32.8, 181), /check constraint/);
  });

  it('requires a point and an address for a physical site', async () => {
    await rejects(...physical(null, null), /check constraint/);
    await rejects(
      `INSERT INTO location (organization_id, location_type, name, latitude, longitude) VALUES ($1, 'physical', 'x', 32.8, -96.8)`,
      [organizationId],
      /check constraint/,
    );
  });

  it('rejects unknown location types, statuses and US ZIP formats', async () => {
    await rejects(
      `INSERT INTO location (organization_id, location_type, name, latitude, longitude) VALUES ($1, 'boat', 'x', 1, 1)`,
      [organizationId],
      /check constraint/,
    );
    await rejects(`INSERT INTO service (organization_id, name, status) VALUES ($1, 'x', 'open')`, [organizationId], /check constraint/);
    await rejects(
      `INSERT INTO location (organization_id, location_type, name, latitude, longitude, address_1, city, state_province, postal_code)
       VALUES ($1, 'physical', 'x', 32.8, -96.8, '1 St', 'Dallas', 'TX', '1441')`,
      [organizationId],
      /check constraint/,
    );
  });

  it('rejects invalid time zones, days and language or taxonomy codes', async () => {
    const [{ id: salId }] = await db.query(`SELECT id FROM service_at_location LIMIT 1`);
    const schedule = `INSERT INTO schedule (service_at_location_id, timezone, byday, opens_at, closes_at) VALUES ($1, $2, $3, '09:00', '17:00')`;
    await rejects(schedule, [salId, 'Mars/Olympus_Mons', ['MO']], /check constraint/);
    await rejects(schedule, [salId, 'EST', ['MO']], /check constraint/);
    await rejects(schedule, [salId, 'America/Chicago', ['XX']], /check constraint/);
    const [{ id: serviceId }] = await db.query(`SELECT id FROM service LIMIT 1`);
    await rejects(`INSERT INTO language (code, service_id) VALUES ('xx', $1)`, [serviceId], /foreign key/);
    await rejects(`INSERT INTO attribute (taxonomy_term_code, service_id) VALUES ('service.teleportation', $1)`, [serviceId], /foreign key/);
  });

  it('rejects blank required fields and detail rows with no owner', async () => {
    await rejects(`INSERT INTO organization (name, description) VALUES ('  ', 'x')`, [], /check constraint/);
    await rejects(`INSERT INTO organization (name) VALUES ('x')`, [], /null value/);
    await rejects(`INSERT INTO phone (number) VALUES ('+1 214-555-0100')`, [], /check constraint/);
  });

  it('accepts a valid schedule in a real IANA zone', async () => {
    const [{ id: salId }] = await db.query(`SELECT id FROM service_at_location LIMIT 1`);
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO schedule (service_at_location_id, timezone, byday, opens_at, closes_at) VALUES ($1, 'Pacific/Honolulu', '{SA}', '20:00', '02:00')`,
          [salId],
        );
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
  });
});
