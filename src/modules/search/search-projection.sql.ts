/**
 * The search projection's operator SQL (the table, its view and its triggers are in migration
 * 1764140000009-SearchProjection.ts). `rebuild` recomputes it from scratch in one transaction; `drift`
 * compares the maintained table with its defining view, both ways, column by column.
 */
export const REBUILD_SEARCH_PROJECTION = `SELECT search_projection_rebuild()::int AS rows`;

const COMPARED = `id, service_id, location_id, organization_id, location_type, address_visibility,
  public_point::text AS public_point, service_area::text AS service_area, service_area_m2, assured_date, tags, search_text`;

/** Rows the table has but should not (stale or extra) and rows it lacks (missing or stale), at most 5 each. */
export const SEARCH_PROJECTION_DRIFT = `
  SELECT 'stale' AS kind, id FROM (SELECT ${COMPARED} FROM search_projection EXCEPT SELECT ${COMPARED} FROM search_projection_source) d
  UNION ALL
  SELECT 'missing' AS kind, id FROM (SELECT ${COMPARED} FROM search_projection_source EXCEPT SELECT ${COMPARED} FROM search_projection) d
  LIMIT 10`;
