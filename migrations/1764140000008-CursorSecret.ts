import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key that signs pagination cursors when CURSOR_SECRET is not set
 * (src/common/pagination/cursor.ts), kept in the database so every API
 * instance on it signs and accepts the same cursors. PostgreSQL makes it
 * here, from its own strong random source: two gen_random_uuid() (core since
 * PostgreSQL 13, and in PGlite), 244 random bits, as 64 hex characters.
 * One row only. Replacing it (UPDATE cursor_secret SET secret = ...)
 * invalidates every cursor issued before; the API reads it at start-up.
 */
export class CursorSecret1764140000008 implements MigrationInterface {
  name = 'CursorSecret1764140000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cursor_secret (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        secret text NOT NULL CHECK (secret ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO cursor_secret (secret) VALUES (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cursor_secret`);
  }
}
