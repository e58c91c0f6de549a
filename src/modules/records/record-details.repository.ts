import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';
import { Phone, Schedule, TermRef } from './record-details.model';

/** Which record a detail row hangs from (a whitelisted column name, never user input). */
export type Owner = 'organization_id' | 'service_id' | 'location_id' | 'service_at_location_id';

/** The detail lists a record can carry, as its API model names them. */
export interface DetailLists {
  languages: string[];
  attributes: TermRef[];
  phones: Phone[];
  schedules: Schedule[];
}
export type DetailKind = keyof DetailLists;

/** One phone row `p` as the API returns it. */
export const PHONE_JSON = `json_build_object(
         'id', p.id, 'number', p.number, 'original_text', p.original_text, 'extension', p.extension, 'type', p.type, 'description', p.description,
         'languages', (SELECT COALESCE(json_agg(pl.code ORDER BY pl.code), '[]') FROM language pl WHERE pl.phone_id = p.id)
       )`;

/**
 * Each detail list of one owner, as a JSON array built in SQL (key order =
 * the API model's field order; rows in a stable order). `id` is the SQL
 * expression of the owner's id. Also used by the record documents that
 * search assembles in the database (record-documents.sql.ts).
 */
export const DETAIL_LIST_SQL: Record<DetailKind, (owner: Owner, id?: string) => string> = {
  languages: (owner, id = 'o.id') => `(SELECT COALESCE(json_agg(lg.code ORDER BY lg.code), '[]') FROM language lg WHERE lg.${owner} = ${id})`,
  attributes: (owner, id = 'o.id') => `(SELECT COALESCE(json_agg(json_build_object('code', t.code, 'name', t.name) ORDER BY t.code), '[]')
       FROM attribute a JOIN taxonomy_term t ON t.code = a.taxonomy_term_code WHERE a.${owner} = ${id})`,
  phones: (owner, id = 'o.id') =>
    `(SELECT COALESCE(json_agg(${PHONE_JSON} ORDER BY p.sort_order, p.number, p.id), '[]') FROM phone p WHERE p.${owner} = ${id})`,
  schedules: (owner, id = 'o.id') => `(SELECT COALESCE(json_agg(json_build_object(
         'id', sc.id, 'freq', sc.freq, 'byday', sc.byday,
         'opens_at', to_char(sc.opens_at, 'HH24:MI'), 'closes_at', to_char(sc.closes_at, 'HH24:MI'),
         'timezone', sc.timezone, 'valid_from', sc.valid_from::text, 'valid_to', sc.valid_to::text, 'notes', sc.notes
       ) ORDER BY array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], sc.byday[1]), sc.opens_at, sc.id), '[]')
       FROM schedule sc WHERE sc.${owner} = ${id})`,
};

/**
 * Batched loads of the details shared by several record kinds (phones,
 * languages, taxonomy terms, schedules): every list a page of records needs,
 * in one round trip, whatever the page size.
 */
@Injectable()
export class RecordDetailsRepository {
  /** Reads: a healthy replica when the request may use one (DATABASE_READ_URLS), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  /** Several detail lists of each owner in one statement (fewer round trips per page: bench/RESULTS.md). */
  async lists<K extends DetailKind>(owner: Owner, ids: readonly string[], kinds: readonly K[]): Promise<(id: string) => Pick<DetailLists, K>> {
    const found = new Map<string, Pick<DetailLists, K>>();
    if (ids.length > 0) {
      const rows: (Pick<DetailLists, K> & { owner_id: string })[] = await this.db.query(
        `SELECT o.id AS owner_id, ${kinds.map((kind) => `${DETAIL_LIST_SQL[kind](owner)} AS ${kind}`).join(',\n       ')}
           FROM unnest($1::uuid[]) AS o(id)`,
        [ids],
      );
      for (const { owner_id, ...lists } of rows) found.set(owner_id, lists as unknown as Pick<DetailLists, K>);
    }
    const none = Object.fromEntries(kinds.map((kind) => [kind, []])) as unknown as Pick<DetailLists, K>;
    return (id) => found.get(id) ?? none;
  }
}
