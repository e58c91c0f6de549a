import { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { normalizePhoneNumber } from '../../common/phones/phone-number';

export interface PhoneInputLike {
  number: string;
  type?: string;
  extension?: string | null;
  description?: string | null;
  languages?: string[];
}

export interface ScheduleInputLike {
  byday: string[];
  opens_at: string;
  closes_at: string;
  timezone: string;
  valid_from?: string | null;
  valid_to?: string | null;
  notes?: string | null;
}

type Owner = 'organization_id' | 'service_id' | 'location_id' | 'service_at_location_id';

/**
 * Replaces the detail rows (phones, languages, taxonomy terms, hours) of a
 * record. A PATCH that sends one of these lists replaces the whole list.
 */
export class RecordDetailsWriter {
  constructor(private readonly tx: EntityManager) {}

  /** Numbers are stored in E.164, the text as sent in original_text (the DTO has already checked they parse). */
  async replacePhones(owner: Owner, id: string, phones: PhoneInputLike[]): Promise<void> {
    await this.tx.query(`DELETE FROM phone WHERE ${owner} = $1`, [id]);
    for (const [i, phone] of phones.entries()) {
      const parsed = normalizePhoneNumber(phone.number);
      if (!parsed.ok) throw DomainError.invalidParameter(`phones[${i}].number`, `${JSON.stringify(phone.number)} ${parsed.reason}`);
      const { number, extension, original_text } = parsed.phone;
      const [{ id: phoneId }] = await this.tx.query<{ id: string }[]>(
        `INSERT INTO phone (${owner}, number, original_text, type, extension, description, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [id, number, original_text, phone.type ?? 'voice', phone.extension ?? extension, phone.description ?? null, i],
      );
      if (phone.languages?.length) await this.insertLanguages('phone_id', phoneId, phone.languages);
    }
  }

  async replaceLanguages(owner: 'service_id' | 'location_id', id: string, codes: string[]): Promise<void> {
    await this.tx.query(`DELETE FROM language WHERE ${owner} = $1`, [id]);
    await this.insertLanguages(owner, id, codes);
  }

  async replaceTerms(owner: 'organization_id' | 'service_id' | 'location_id', id: string, codes: string[]): Promise<void> {
    await this.tx.query(`DELETE FROM attribute WHERE ${owner} = $1`, [id]);
    if (codes.length === 0) return;
    await this.tx.query(`INSERT INTO attribute (taxonomy_term_code, ${owner}) SELECT DISTINCT code, $1::uuid FROM unnest($2::text[]) AS code`, [id, codes]);
  }

  async replaceSchedules(owner: 'location_id' | 'service_at_location_id', id: string, schedules: ScheduleInputLike[]): Promise<void> {
    await this.tx.query(`DELETE FROM schedule WHERE ${owner} = $1`, [id]);
    for (const s of schedules) {
      await this.tx.query(
        `INSERT INTO schedule (${owner}, timezone, byday, opens_at, closes_at, valid_from, valid_to, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, s.timezone, s.byday, s.opens_at, s.closes_at, s.valid_from ?? null, s.valid_to ?? null, s.notes ?? null],
      );
    }
  }

  private async insertLanguages(owner: 'service_id' | 'location_id' | 'phone_id', id: string, codes: string[]): Promise<void> {
    if (codes.length === 0) return;
    await this.tx.query(`INSERT INTO language (code, ${owner}) SELECT DISTINCT lower(code), $1::uuid FROM unnest($2::text[]) AS code`, [id, codes]);
  }
}
