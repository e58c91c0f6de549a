import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phone numbers are stored in E.164 (`+12145550142`, src/common/phones/phone-number.ts);
 * `original_text` keeps what the source or the caller wrote (`(214) 555-0142 x12`)
 * when it differs, so nothing a source said is lost to normalization.
 * Existing rows are left as they are (original_text NULL): rewriting them here
 * would change records without a new version or a change-feed entry. Imported
 * records get normalized on their next import (their content hash changes),
 * API records on their next write that sends phones.
 */
export class PhoneOriginalText1764140000007 implements MigrationInterface {
  name = 'PhoneOriginalText1764140000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE phone ADD COLUMN original_text text CHECK (original_text IS NULL OR length(original_text) BETWEEN 1 AND 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE phone DROP COLUMN original_text`);
  }
}
