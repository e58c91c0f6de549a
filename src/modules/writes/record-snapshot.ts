import { EntityManager } from 'typeorm';
import { Entity } from './write-transaction';

/**
 * A record as it stands inside the transaction (row plus its details), for
 * the audit log's before/after and for version checks. Null when absent or
 * deleted. Geometry is GeoJSON, never hex.
 */
export async function snapshot(tx: EntityManager, entity: Entity, id: string): Promise<Record<string, unknown> | null> {
  const owner = `${entity}_id`;
  const details: Record<Entity, string[]> = {
    organization: ['phones', 'attributes'],
    service: ['phones', 'attributes', 'languages'],
    location: ['phones', 'attributes', 'languages', 'schedules'],
    service_at_location: ['phones', 'schedules'],
  };
  const parts: Record<string, string> = {
    phones: `(SELECT COALESCE(json_agg(json_build_object('number', p.number, 'type', p.type, 'extension', p.extension,
               'description', p.description) ORDER BY p.sort_order), '[]') FROM phone p WHERE p.${owner} = r.id)`,
    attributes: `(SELECT COALESCE(json_agg(a.taxonomy_term_code ORDER BY a.taxonomy_term_code), '[]') FROM attribute a WHERE a.${owner} = r.id)`,
    languages: `(SELECT COALESCE(json_agg(lg.code ORDER BY lg.code), '[]') FROM language lg WHERE lg.${owner} = r.id)`,
    schedules: `(SELECT COALESCE(json_agg(json_build_object('byday', sc.byday, 'opens_at', to_char(sc.opens_at, 'HH24:MI'),
               'closes_at', to_char(sc.closes_at, 'HH24:MI'), 'timezone', sc.timezone, 'valid_from', sc.valid_from,
               'valid_to', sc.valid_to, 'notes', sc.notes) ORDER BY sc.id), '[]') FROM schedule sc WHERE sc.${owner} = r.id)`,
  };
  const geometry =
    entity === 'location'
      ? `, 'point', ST_AsGeoJSON(r.point)::json, 'service_area', ST_AsGeoJSON(r.service_area)::json`
      : '';
  const [row] = await tx.query(
    `SELECT (to_jsonb(r) - 'point' - 'service_area' - 'public_point')
            || jsonb_build_object(${details[entity].map((d) => `'${d}', ${parts[d]}`).join(', ')}${geometry}) AS snapshot
       FROM ${entity} r WHERE r.id = $1 AND r.deleted_at IS NULL`,
    [id],
  );
  return row?.snapshot ?? null;
}
