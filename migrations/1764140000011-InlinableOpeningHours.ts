import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * schedule_is_open as one expression, so the planner inlines it into the statements that call it
 * (open_now / open_at filter every candidate of a search walk with it). Its first version
 * (1764140000003) bound the local time in a CTE, which PostgreSQL cannot inline: every call was a
 * function call with its own executor start-up. Same answers: the local time is the same
 * expression, written where it is used (test/search.e2e-spec.ts checks opening status against an
 * independent implementation, test/support/hours.ts).
 */
const isOpenAt = (ts: string) => `CASE
          WHEN closes_at > opens_at THEN
            iso_day_code(${ts}::date) = ANY(byday) AND ${ts}::time >= opens_at AND ${ts}::time < closes_at
            AND (valid_from IS NULL OR ${ts}::date >= valid_from) AND (valid_to IS NULL OR ${ts}::date <= valid_to)
          ELSE
            (iso_day_code(${ts}::date) = ANY(byday) AND ${ts}::time >= opens_at
              AND (valid_from IS NULL OR ${ts}::date >= valid_from) AND (valid_to IS NULL OR ${ts}::date <= valid_to))
            OR (iso_day_code(${ts}::date - 1) = ANY(byday) AND ${ts}::time < closes_at
              AND (valid_from IS NULL OR ${ts}::date - 1 >= valid_from) AND (valid_to IS NULL OR ${ts}::date - 1 <= valid_to))
          END`;
const SIGNATURE = `schedule_is_open(byday text[], opens_at time, closes_at time, tz text, valid_from date, valid_to date, at timestamptz)`;

export class InlinableOpeningHours1764140000011 implements MigrationInterface {
  name = 'InlinableOpeningHours1764140000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION ${SIGNATURE} RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT ${isOpenAt('(at AT TIME ZONE tz)')}
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION ${SIGNATURE} RETURNS boolean LANGUAGE sql STABLE AS $$
        WITH local AS (SELECT (at AT TIME ZONE tz) AS ts)
        SELECT ${isOpenAt('ts')}
        FROM local
      $$`);
  }
}
