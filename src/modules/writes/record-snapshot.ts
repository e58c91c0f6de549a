import { isDeepStrictEqual } from 'node:util';
import { EntityManager } from 'typeorm';
import { publicLocationOverridesSql } from './hidden-address';
import { Entity } from './write-transaction';

/**
 * A record as it stands inside the transaction (row plus its details):
 * - `state`: everything a write can change, to tell a real change from a
 *   no-op (bookkeeping columns left out);
 * - `audited`: what the audit log stores, with a hidden address in its
 *   public form only (hidden-address.ts).
 * Null when absent or deleted. Geometry is GeoJSON, never hex. Detail lists
 * come in a stable order, so the same content always compares equal.
 */
export interface RecordSnapshot {
  state: Record<string, unknown>;
  audited: Record<string, unknown>;
}

const DETAILS: Record<Entity, string[]> = {
  organization: ['phones', 'attributes'],
  service: ['phones', 'attributes', 'languages'],
  location: ['phones', 'attributes', 'languages', 'schedules'],
  service_at_location: ['phones', 'schedules'],
};

const detailSql = (owner: string): Record<string, string> => ({
  phones: `(SELECT COALESCE(jsonb_agg(jsonb_build_object('number', p.number, 'original_text', p.original_text, 'type', p.type, 'extension', p.extension,
             'description', p.description,
             'languages', (SELECT COALESCE(jsonb_agg(pl.code ORDER BY pl.code), '[]') FROM language pl WHERE pl.phone_id = p.id))
           ORDER BY p.sort_order), '[]') FROM phone p WHERE p.${owner} = r.id)`,
  attributes: `(SELECT COALESCE(jsonb_agg(a.taxonomy_term_code ORDER BY a.taxonomy_term_code), '[]') FROM attribute a WHERE a.${owner} = r.id)`,
  languages: `(SELECT COALESCE(jsonb_agg(lg.code ORDER BY lg.code), '[]') FROM language lg WHERE lg.${owner} = r.id)`,
  schedules: `(SELECT COALESCE(jsonb_agg(jsonb_build_object('byday', sc.byday, 'opens_at', to_char(sc.opens_at, 'HH24:MI'),
             'closes_at', to_char(sc.closes_at, 'HH24:MI'), 'timezone', sc.timezone, 'valid_from', sc.valid_from,
             'valid_to', sc.valid_to, 'notes', sc.notes)
           ORDER BY sc.byday, sc.opens_at, sc.closes_at, sc.timezone, sc.valid_from, sc.valid_to, sc.notes), '[]')
           FROM schedule sc WHERE sc.${owner} = r.id)`,
});

/** Columns every write bumps: not part of what a caller changed. */
const BOOKKEEPING = ['version', 'last_modified'];

export async function snapshot(tx: EntityManager, entity: Entity, id: string): Promise<RecordSnapshot | null> {
  const parts = detailSql(`${entity}_id`);
  const geometry = entity === 'location' ? `, 'point', ST_AsGeoJSON(r.point)::jsonb, 'service_area', ST_AsGeoJSON(r.service_area)::jsonb` : '';
  const doc = `(to_jsonb(r) - 'point' - 'service_area' - 'public_point')
            || jsonb_build_object(${DETAILS[entity].map((d) => `'${d}', ${parts[d]}`).join(', ')}${geometry})`;
  const [row] = await tx.query<RecordSnapshot[]>(
    `SELECT s.doc - ${BOOKKEEPING.map((c) => `'${c}'`).join(' - ')} AS state,
            s.doc${entity === 'location' ? ` || ${publicLocationOverridesSql('r')}` : ''} AS audited
       FROM ${entity} r, LATERAL (SELECT ${doc} AS doc) s
      WHERE r.id = $1 AND r.deleted_at IS NULL`,
    [id],
  );
  return row ? { state: row.state, audited: row.audited } : null;
}

/** True when a write left the record exactly as it was. */
export const unchanged = (before: RecordSnapshot | null, after: RecordSnapshot | null) =>
  before !== null && after !== null && isDeepStrictEqual(before.state, after.state);
