import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { isOpenAt, WeeklyHours } from './support/hours';
import { startTestApp } from './support/test-app';

/**
 * schedule_is_open (migration 1764140000011) filters every candidate of an open_now search, so it must
 * stay one expression the planner inlines, and give the answers of an independent implementation
 * (test/support/hours.ts, weekly hours without validity dates) for every schedule of the directory at
 * instants across a week, overnight hours and a daylight-saving change included; and the answers of its
 * first definition (1764140000003) for every schedule, validity dates included.
 */
describe('opening hours in SQL', () => {
  let app: NestFastifyApplication;
  let db: DataSource;

  beforeAll(async () => {
    ({ app } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('is inlined: a plan calling it shows its expression, not a function call', async () => {
    const plan: { 'QUERY PLAN': string }[] = await db.query(
      `EXPLAIN (VERBOSE, COSTS OFF) SELECT s.id FROM schedule s
        WHERE schedule_is_open(s.byday, s.opens_at, s.closes_at, s.timezone, s.valid_from, s.valid_to, $1::timestamptz)`,
      ['2026-11-26T18:00:00Z'],
    );
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('opens_at');
    expect(text).not.toContain('schedule_is_open');
  });

  it('answers as an independent implementation for every schedule at instants across a week', async () => {
    const schedules: (WeeklyHours & { id: string })[] = await db.query(
      `SELECT id, byday, to_char(opens_at, 'HH24:MI') AS opens_at, to_char(closes_at, 'HH24:MI') AS closes_at, timezone,
              valid_from::text AS valid_from, valid_to::text AS valid_to FROM schedule
        WHERE valid_from IS NULL AND valid_to IS NULL ORDER BY id`,
    );
    expect(schedules.length).toBeGreaterThan(100);
    // every 97 minutes over 8 days (all days and times of day), across the US change to standard time (2026-11-01)
    const instants = Array.from({ length: 120 }, (_, i) => new Date(Date.parse('2026-10-29T00:00:00Z') + i * 97 * 60_000));
    let open = 0;
    for (const instant of instants) {
      const rows: { id: string; open: boolean }[] = await db.query(
        `SELECT id, schedule_is_open(byday, opens_at, closes_at, timezone, valid_from, valid_to, $1::timestamptz) AS open FROM schedule
          WHERE valid_from IS NULL AND valid_to IS NULL ORDER BY id`,
        [instant.toISOString()],
      );
      const got = new Map(rows.map((r) => [r.id, r.open]));
      for (const schedule of schedules) {
        const expected = isOpenAt([schedule], instant);
        if (got.get(schedule.id) !== expected)
          throw new Error(`schedule ${schedule.id} at ${instant.toISOString()}: SQL ${got.get(schedule.id)}, expected ${expected}`);
        if (expected) open++;
      }
    }
    expect(open).toBeGreaterThan(1000);
  });

  it('answers as its first definition (validity dates included) for every schedule at instants across a week', async () => {
    const runner = db.createQueryRunner();
    try {
      await runner.query(`CREATE FUNCTION pg_temp.schedule_is_open_v1(byday text[], opens_at time, closes_at time, tz text, valid_from date, valid_to date, at timestamptz)
        RETURNS boolean LANGUAGE sql STABLE AS $$
          WITH local AS (SELECT (at AT TIME ZONE tz) AS ts)
          SELECT CASE
            WHEN closes_at > opens_at THEN
              iso_day_code(ts::date) = ANY(byday) AND ts::time >= opens_at AND ts::time < closes_at
              AND (valid_from IS NULL OR ts::date >= valid_from) AND (valid_to IS NULL OR ts::date <= valid_to)
            ELSE
              (iso_day_code(ts::date) = ANY(byday) AND ts::time >= opens_at
                AND (valid_from IS NULL OR ts::date >= valid_from) AND (valid_to IS NULL OR ts::date <= valid_to))
              OR (iso_day_code(ts::date - 1) = ANY(byday) AND ts::time < closes_at
                AND (valid_from IS NULL OR ts::date - 1 >= valid_from) AND (valid_to IS NULL OR ts::date - 1 <= valid_to))
            END
          FROM local $$`);
      const [{ compared, differ }] = await runner.query(
        `SELECT count(*)::int AS compared,
                count(*) FILTER (WHERE schedule_is_open(s.byday, s.opens_at, s.closes_at, s.timezone, s.valid_from, s.valid_to, i.at)
                  IS DISTINCT FROM pg_temp.schedule_is_open_v1(s.byday, s.opens_at, s.closes_at, s.timezone, s.valid_from, s.valid_to, i.at))::int AS differ
           FROM schedule s, generate_series('2026-10-29T00:00:00Z'::timestamptz, '2026-11-06T00:00:00Z', interval '53 minutes') i(at)`,
      );
      expect(compared).toBeGreaterThan(10_000);
      expect(differ).toBe(0);
    } finally {
      await runner.query(`DROP FUNCTION IF EXISTS pg_temp.schedule_is_open_v1(text[], time, time, text, date, date, timestamptz)`);
      await runner.release();
    }
  });
});
