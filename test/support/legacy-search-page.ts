import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { encodeCursor } from '../../src/common/pagination/cursor';
import { LocationsService } from '../../src/modules/locations/locations.service';
import { OrganizationsService } from '../../src/modules/organizations/organizations.service';
import { RecordDetailsRepository } from '../../src/modules/records/record-details.repository';
import { SearchParams } from '../../src/modules/search/search-params';
import { ReachingResult, SearchPage } from '../../src/modules/search/search-result.model';
import { SearchHit } from '../../src/modules/search/search.repository';
import { buildSearchSql } from '../../src/modules/search/search.sql';
import { ServicesService } from '../../src/modules/services/services.service';

/**
 * The oracle for the one-statement search page (search-page.sql.ts): how the
 * page was built before, kept here as it was — the hits of buildSearchSql,
 * then the records loaded through the record services (the code behind
 * GET /v1/services/{id} and friends), opening status in its own statement,
 * and the listing assembled in Node. Six statements in four steps; the app
 * now does it in one. Same page, field by field.
 */
export function legacySearchPage(app: INestApplication): (params: SearchParams, now: Date) => Promise<SearchPage> {
  const db = app.get(DataSource);
  const services = app.get(ServicesService);
  const locations = app.get(LocationsService);
  const organizations = app.get(OrganizationsService);
  const details = app.get(RecordDetailsRepository);

  const openingStatus = (ids: string[], at: Date): Promise<Array<{ id: string; has_hours: boolean; open_now: boolean; next_opens_at: string | null }>> =>
    ids.length === 0
      ? Promise.resolve([])
      : db.query(
          `SELECT sal.id,
                  count(sc.byday) > 0 AS has_hours,
                  COALESCE(bool_or(schedule_is_open(sc.byday, sc.opens_at, sc.closes_at, sc.timezone,
                                                    sc.valid_from, sc.valid_to, $2::timestamptz)), false) AS open_now,
                  to_char(min(schedule_next_opening(sc.byday, sc.opens_at, sc.timezone, sc.valid_from, sc.valid_to,
                                                    $2::timestamptz)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next_opens_at
             FROM service_at_location sal
             LEFT JOIN LATERAL (
               SELECT own.byday, own.opens_at, own.closes_at, own.timezone, own.valid_from, own.valid_to
                 FROM schedule own WHERE own.service_at_location_id = sal.id
               UNION ALL
               SELECT site.byday, site.opens_at, site.closes_at, site.timezone, site.valid_from, site.valid_to
                 FROM schedule site
                WHERE site.location_id = sal.location_id
                  AND NOT EXISTS (SELECT 1 FROM schedule x WHERE x.service_at_location_id = sal.id)
             ) sc ON true
            WHERE sal.id = ANY($1::uuid[])
            GROUP BY sal.id`,
          [ids, at.toISOString()],
        );

  async function assemble(hits: SearchHit[], at: Date): Promise<Array<Omit<ReachingResult, 'reach'>>> {
    const ids = hits.map((h) => h.id);
    const unique = (values: string[]) => [...new Set(values)];
    const [svc, loc, status, own] = await Promise.all([
      services.findByIds(unique(hits.map((h) => h.service_id))),
      locations.findByIds(unique(hits.map((h) => h.location_id))),
      openingStatus(ids, at),
      details.lists('service_at_location_id', ids, ['schedules', 'phones']),
    ]);
    const org = await organizations.findByIds(unique(svc.map((s) => s.organization_id)));
    const serviceById = new Map(svc.map((s) => [s.id, s]));
    const locationById = new Map(loc.map((l) => [l.id, l]));
    const organizationById = new Map(org.map((o) => [o.id, o]));
    const statusById = new Map(status.map((s) => [s.id, s]));
    return hits.map((hit) => {
      const service = serviceById.get(hit.service_id)!;
      const location = locationById.get(hit.location_id)!;
      const opening = statusById.get(hit.id);
      const { schedules: ownSchedules, phones: ownPhones } = own(hit.id);
      const terms = [...service.attributes, ...location.attributes].filter((t) => t.code.startsWith('access.') || t.code.startsWith('transport.'));
      const organization = organizationById.get(service.organization_id)!;
      const phones = [...ownPhones, ...service.phones, ...location.phones];
      return {
        id: hit.id,
        open_now: opening?.has_hours ? opening.open_now : null,
        next_opens_at: opening?.has_hours && !opening.open_now ? opening.next_opens_at : null,
        assured_date: service.assured_date,
        languages: [...new Set([...service.languages, ...location.languages])].sort(),
        access: [...new Map(terms.map((t) => [t.code, t])).values()].sort((a, b) => a.code.localeCompare(b.code)),
        schedules: ownSchedules.length ? ownSchedules : location.schedules,
        phones: phones.length ? phones : organization.phones,
        service,
        location,
        organization,
      };
    });
  }

  return async (params, now) => {
    const { sql, params: values } = buildSearchSql(params);
    const hits: SearchHit[] = await db.query(sql, values);
    const places = hits.filter((h) => !h.reaching).sort((a, b) => a.distance_m - b.distance_m || (a.id < b.id ? -1 : 1));
    const page = places.slice(0, params.limit);
    const reaching = hits.filter((h) => h.reaching);
    const last = page[page.length - 1];
    const listings = await assemble([...page, ...reaching], params.openAt ?? now);
    const { origin } = params.area;
    return {
      data: listings.slice(0, page.length).map((listing, i) => ({ ...listing, reach: page[i].reach, distance_m: Math.round(page[i].distance_m * 10) / 10 })),
      reaching: listings.slice(page.length).map((listing, i) => ({ ...listing, reach: reaching[i].reach })),
      page: {
        limit: params.limit,
        next_cursor: places.length > params.limit && last ? encodeCursor([last.distance_m, last.id], params.cursorBinding) : null,
        origin: {
          latitude: origin.latitude,
          longitude: origin.longitude,
          source: origin.source,
          precision_m: Math.round(origin.precisionM),
          label: origin.label,
        },
      },
    };
  };
}
