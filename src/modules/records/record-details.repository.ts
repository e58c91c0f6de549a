import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Phone, Schedule, TermRef } from './record-details.model';

/** Which record a detail row hangs from (a whitelisted column name, never user input). */
export type Owner = 'organization_id' | 'service_id' | 'location_id' | 'service_at_location_id';

export type ByOwner<T> = Map<string, T[]>;

function groupBy<T>(rows: (T & { owner_id: string })[]): ByOwner<T> {
  const grouped = new Map<string, T[]>();
  for (const { owner_id, ...rest } of rows) {
    const list = grouped.get(owner_id) ?? [];
    list.push(rest as unknown as T);
    grouped.set(owner_id, list);
  }
  return grouped;
}

/**
 * Batched loads of the details shared by several record kinds (phones,
 * languages, taxonomy terms, schedules): one query per kind for a whole page.
 */
@Injectable()
export class RecordDetailsRepository {
  constructor(private readonly db: DataSource) {}

  async phones(owner: Owner, ids: string[]): Promise<ByOwner<Phone>> {
    if (ids.length === 0) return new Map();
    const rows: (Phone & { owner_id: string })[] = await this.db.query(
      `SELECT p.${owner} AS owner_id, p.id, p.number, p.extension, p.type, p.description,
              COALESCE(array_agg(lang.code ORDER BY lang.code) FILTER (WHERE lang.code IS NOT NULL), '{}') AS languages
         FROM phone p
         LEFT JOIN language lang ON lang.phone_id = p.id
        WHERE p.${owner} = ANY($1::uuid[])
        GROUP BY p.id
        ORDER BY p.sort_order, p.number, p.id`,
      [ids],
    );
    return groupBy(rows);
  }

  async languages(owner: 'service_id' | 'location_id', ids: string[]): Promise<ByOwner<string>> {
    if (ids.length === 0) return new Map();
    const rows: { owner_id: string; code: string }[] = await this.db.query(
      `SELECT ${owner} AS owner_id, code FROM language WHERE ${owner} = ANY($1::uuid[]) ORDER BY code`,
      [ids],
    );
    const grouped = new Map<string, string[]>();
    for (const row of rows) grouped.set(row.owner_id, [...(grouped.get(row.owner_id) ?? []), row.code]);
    return grouped;
  }

  async terms(owner: 'organization_id' | 'service_id' | 'location_id', ids: string[]): Promise<ByOwner<TermRef>> {
    if (ids.length === 0) return new Map();
    const rows: (TermRef & { owner_id: string })[] = await this.db.query(
      `SELECT a.${owner} AS owner_id, t.code, t.name
         FROM attribute a JOIN taxonomy_term t ON t.code = a.taxonomy_term_code
        WHERE a.${owner} = ANY($1::uuid[])
        ORDER BY t.code`,
      [ids],
    );
    return groupBy(rows);
  }

  async schedules(owner: 'service_at_location_id' | 'location_id', ids: string[]): Promise<ByOwner<Schedule>> {
    if (ids.length === 0) return new Map();
    const rows: (Schedule & { owner_id: string })[] = await this.db.query(
      `SELECT ${owner} AS owner_id, id, freq, byday,
              to_char(opens_at, 'HH24:MI') AS opens_at, to_char(closes_at, 'HH24:MI') AS closes_at,
              timezone, valid_from::text AS valid_from, valid_to::text AS valid_to, notes
         FROM schedule
        WHERE ${owner} = ANY($1::uuid[])
        ORDER BY array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], byday[1]), opens_at, id`,
      [ids],
    );
    return groupBy(rows);
  }
}
