import { APPROXIMATE_PRECISION_M, PUBLIC_LOCATION_COLUMNS } from '../locations/locations.repository';
import { ORGANIZATION_COLUMNS } from '../organizations/organizations.repository';
import { SERVICE_COLUMNS } from '../services/services.repository';
import { DETAIL_LIST_SQL } from './record-details.repository';

/**
 * A record as the API returns it, built as one `json` value in SQL, for
 * statements that assemble a whole response in the database (search pages).
 * Each reuses its repository's own SELECT list and the shared detail lists,
 * so the document cannot drift from GET /v1/<records>/{id}: the locations'
 * hidden-address rule lives in PUBLIC_LOCATION_COLUMNS alone.
 * `id` is the SQL expression of the record's id.
 */
export const serviceDocumentSql = (id: string): string => `(SELECT row_to_json(d) FROM (
    SELECT ${SERVICE_COLUMNS},
           ${DETAIL_LIST_SQL.languages('service_id', 's.id')} AS languages,
           ${DETAIL_LIST_SQL.attributes('service_id', 's.id')} AS attributes,
           ${DETAIL_LIST_SQL.phones('service_id', 's.id')} AS phones
      FROM service s LEFT JOIN data_source ds ON ds.id = s.source_id
     WHERE s.id = ${id}) d)`;

export const organizationDocumentSql = (id: string): string => `(SELECT row_to_json(d) FROM (
    SELECT ${ORGANIZATION_COLUMNS},
           ${DETAIL_LIST_SQL.attributes('organization_id', 'o.id')} AS attributes,
           ${DETAIL_LIST_SQL.phones('organization_id', 'o.id')} AS phones
      FROM organization o LEFT JOIN data_source ds ON ds.id = o.source_id
     WHERE o.id = ${id}) d)`;

/** The public columns, then the detail lists, the precision of a snapped point and the address as one object (or null). */
export const locationDocumentSql = (id: string): string => `(SELECT row_to_json(d) FROM (
    SELECT r.id, r.organization_id, r.location_type, r.name, r.description, r.geometry, r.address_visibility,
           r.service_area, r.service_area_description, r.accessibility, r.transportation, r.hours_description,
           r.coordinates_approximate, r.version, r.last_modified, r.source,
           ${DETAIL_LIST_SQL.languages('location_id', 'r.id')} AS languages,
           ${DETAIL_LIST_SQL.attributes('location_id', 'r.id')} AS attributes,
           ${DETAIL_LIST_SQL.phones('location_id', 'r.id')} AS phones,
           ${DETAIL_LIST_SQL.schedules('location_id', 'r.id')} AS schedules,
           CASE WHEN r.address_visibility = 'approximate' AND r.geometry IS NOT NULL THEN ${APPROXIMATE_PRECISION_M} END AS location_precision_m,
           CASE WHEN num_nonnulls(r.address_1, r.city, r.state_province, r.postal_code) > 0
                THEN json_build_object('address_1', r.address_1, 'address_2', r.address_2, 'city', r.city,
                                       'state_province', r.state_province, 'postal_code', r.postal_code, 'country', r.country)
           END AS address
      FROM (SELECT ${PUBLIC_LOCATION_COLUMNS} FROM location l LEFT JOIN data_source ds ON ds.id = l.source_id WHERE l.id = ${id}) r) d)`;
