import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';
import { Schedule } from '../records/record-details.model';

/** List filters, already validated and resolved (term ids to codes, ZIP to centroid). */
export interface HsdsFilter {
  /** Lowercased words; every one must appear in the record's names and descriptions. */
  words: string[];
  /** A taxonomy code: the record carries it or a descendant. */
  termCode: string | null;
  /** taxonomy_id given (we publish one taxonomy): the record carries any term. */
  anyTerm: boolean;
  organizationId: string | null;
  /** ISO 8601: last_modified on or after it. */
  modifiedAfter: string | null;
}

/** HSDS postcode (+ proximity): a ZIP centroid, and meters from it (null: postcode alone). */
export interface HsdsNear {
  postalCode: string;
  latitude: number;
  longitude: number;
  proximityM: number | null;
}

export interface TermFilter {
  words: string[];
  parentCode: string | null;
  topOnly: boolean;
}

export interface TermRow {
  code: string;
  name: string;
  description: string;
  parent_code: string | null;
}

/** limit null: every matching id (NDJSON). */
export interface IdWindow {
  limit: number | null;
  offset: number;
}

export interface IdPage {
  ids: string[];
  total: number;
}

type Bind = (value: unknown, cast?: string) => string;

function binder(): { params: unknown[]; bind: Bind } {
  const params: unknown[] = [];
  return {
    params,
    bind: (value, cast = '') => {
      params.push(value);
      return `$${params.length}${cast}`;
    },
  };
}

/** Every word appears in the haystack (strpos: no LIKE wildcards to escape). */
function allWords(words: string[], haystack: string, bind: Bind): string {
  return `NOT EXISTS (SELECT 1 FROM unnest(${bind(words, '::text[]')}) w WHERE strpos(lower(concat_ws(' ', ${haystack})), w) = 0)`;
}

/**
 * A term (or a descendant of it) attached to any of the owners: one EXISTS
 * per owner column, so each can use its attribute index.
 */
function carriesTerm(f: HsdsFilter, owners: string[], bind: Bind): string | null {
  if (!f.termCode && !f.anyTerm) return null;
  const match = f.termCode
    ? ` AND (a.taxonomy_term_code = ${bind(f.termCode, '::text')} OR a.taxonomy_term_code LIKE ${bind(`${f.termCode}.%`, '::text')})`
    : '';
  return `(${owners.map((owner) => `EXISTS (SELECT 1 FROM attribute a WHERE ${owner}${match})`).join(' OR ')})`;
}

const ON_A_LOCATION_OF_SERVICE = `a.location_id IN (SELECT x.location_id FROM service_at_location x JOIN location xl ON xl.id = x.location_id
  WHERE x.service_id = s.id AND x.deleted_at IS NULL AND xl.deleted_at IS NULL)`;

/**
 * The SQL of the HSDS API: which ids match a list request, in which order,
 * and how many there are. Records are then loaded through the directory's
 * own services (which never read soft-deleted rows or a hidden street).
 */
@Injectable()
export class HsdsApiRepository {
  /** Reads: a healthy replica when the request may use one (DATABASE_READ_URLS), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  /** Services by name. A term counts when on the service, its organization or a location where it is offered. */
  serviceIds(f: HsdsFilter, window: IdWindow): Promise<IdPage> {
    const { params, bind } = binder();
    const where = [`s.deleted_at IS NULL`, `o.deleted_at IS NULL`];
    if (f.organizationId) where.push(`s.organization_id = ${bind(f.organizationId, '::uuid')}`);
    if (f.modifiedAfter) where.push(`s.last_modified >= ${bind(f.modifiedAfter, '::timestamptz')}`);
    if (f.words.length) where.push(allWords(f.words, 's.name, s.description, o.name', bind));
    const term = carriesTerm(f, ['a.service_id = s.id', 'a.organization_id = s.organization_id', ON_A_LOCATION_OF_SERVICE], bind);
    if (term) where.push(term);
    const from = `service s JOIN organization o ON o.id = s.organization_id`;
    return this.idPage(`SELECT s.id FROM ${from} WHERE ${where.join(' AND ')}`, 's.name, s.id', params, window, bind);
  }

  /** Organizations by name. */
  organizationIds(f: Pick<HsdsFilter, 'words' | 'modifiedAfter'>, window: IdWindow): Promise<IdPage> {
    const { params, bind } = binder();
    const where = [`o.deleted_at IS NULL`];
    if (f.modifiedAfter) where.push(`o.last_modified >= ${bind(f.modifiedAfter, '::timestamptz')}`);
    if (f.words.length) where.push(allWords(f.words, 'o.name, o.description', bind));
    return this.idPage(`SELECT o.id FROM organization o WHERE ${where.join(' AND ')}`, 'o.name, o.id', params, window, bind);
  }

  /**
   * Services at locations, by service then location name; nearest first with
   * postcode + proximity. Distances are geodesic (geography) from each
   * location's public point (hidden-address sites: their ~2 km grid point);
   * a mobile or by-mail program whose service area covers the centroid is at 0 m.
   */
  serviceAtLocationIds(f: HsdsFilter, near: HsdsNear | null, window: IdWindow): Promise<IdPage> {
    const { params, bind } = binder();
    const where = [`sal.deleted_at IS NULL`, `s.deleted_at IS NULL`, `l.deleted_at IS NULL`, `o.deleted_at IS NULL`];
    if (f.organizationId) where.push(`s.organization_id = ${bind(f.organizationId, '::uuid')}`);
    if (f.modifiedAfter) where.push(`sal.last_modified >= ${bind(f.modifiedAfter, '::timestamptz')}`);
    if (f.words.length) {
      where.push(allWords(f.words, 's.name, s.description, o.name, l.name, l.description, sal.description', bind));
    }
    const term = carriesTerm(f, ['a.service_id = s.id', 'a.location_id = l.id', 'a.organization_id = s.organization_id'], bind);
    if (term) where.push(term);
    let order = 's.name, l.name, sal.id';
    if (near) {
      const origin = `ST_SetSRID(ST_MakePoint(${bind(near.longitude, '::float8')}, ${bind(near.latitude, '::float8')}), 4326)::geography`;
      const reaches = `(l.service_area IS NOT NULL AND ST_Intersects(l.service_area, ${origin}))`;
      if (near.proximityM === null) {
        where.push(`(${reaches} OR split_part(l.postal_code, '-', 1) = ${bind(near.postalCode, '::text')})`);
      } else {
        where.push(`(${reaches} OR ST_DWithin(l.public_point, ${origin}, ${bind(near.proximityM, '::float8')}))`);
        order = `CASE WHEN ${reaches} THEN 0 ELSE ST_Distance(l.public_point, ${origin}) END, sal.id`;
      }
    }
    const from = `service_at_location sal
      JOIN service s ON s.id = sal.service_id
      JOIN location l ON l.id = sal.location_id
      JOIN organization o ON o.id = s.organization_id`;
    return this.idPage(`SELECT sal.id FROM ${from} WHERE ${where.join(' AND ')}`, order, params, window, bind);
  }

  /** Live service_at_location ids of the given services (with a live location). */
  async linkIdsOfServices(serviceIds: readonly string[]): Promise<string[]> {
    if (serviceIds.length === 0) return [];
    const rows: { id: string }[] = await this.db.query(
      `SELECT sal.id FROM service_at_location sal JOIN location l ON l.id = sal.location_id
        WHERE sal.service_id = ANY($1::uuid[]) AND sal.deleted_at IS NULL AND l.deleted_at IS NULL
        ORDER BY l.name, sal.id`,
      [serviceIds],
    );
    return rows.map((r) => r.id);
  }

  /** Schedules that belong to a service itself (HSDS service.schedules), by service id. */
  async serviceSchedules(serviceIds: readonly string[]): Promise<Map<string, Schedule[]>> {
    const grouped = new Map<string, Schedule[]>();
    if (serviceIds.length === 0) return grouped;
    const rows: (Schedule & { service_id: string })[] = await this.db.query(
      `SELECT service_id, id, freq, byday,
              to_char(opens_at, 'HH24:MI') AS opens_at, to_char(closes_at, 'HH24:MI') AS closes_at,
              timezone, valid_from::text AS valid_from, valid_to::text AS valid_to, notes
         FROM schedule
        WHERE service_id = ANY($1::uuid[])
        ORDER BY array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], byday[1]), opens_at, id`,
      [serviceIds],
    );
    for (const { service_id, ...schedule } of rows) grouped.set(service_id, [...(grouped.get(service_id) ?? []), schedule]);
    return grouped;
  }

  async termCodes(): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query(`SELECT code FROM taxonomy_term`);
    return rows.map((r) => r.code);
  }

  /** Taxonomy terms, parents before children (as GET /v1/taxonomy). */
  async terms(f: TermFilter, window: IdWindow): Promise<{ rows: TermRow[]; total: number }> {
    const { params, bind } = binder();
    const where = ['true'];
    if (f.topOnly) where.push(`t.parent_code IS NULL`);
    if (f.parentCode) where.push(`t.parent_code = ${bind(f.parentCode, '::text')}`);
    if (f.words.length) where.push(allWords(f.words, 't.code, t.name, t.description', bind));
    const filtered = `FROM taxonomy_term t WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    const limit = window.limit === null ? '' : ` LIMIT ${bind(window.limit, '::int')} OFFSET ${bind(window.offset, '::int')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<TermRow[]>(
        `SELECT t.code, t.name, t.description, t.parent_code ${filtered}
          ORDER BY array_length(string_to_array(t.code, '.'), 1), t.sort_order, t.code${limit}`,
        params,
      ),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total ${filtered}`, countParams),
    ]);
    return { rows, total };
  }

  async term(code: string): Promise<TermRow | null> {
    const [row] = await this.db.query<TermRow[]>(`SELECT code, name, description, parent_code FROM taxonomy_term WHERE code = $1`, [code]);
    return row ?? null;
  }

  private async idPage(select: string, order: string, params: unknown[], window: IdWindow, bind: Bind): Promise<IdPage> {
    const countParams = [...params];
    const limit = window.limit === null ? '' : ` LIMIT ${bind(window.limit, '::int')} OFFSET ${bind(window.offset, '::int')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<{ id: string }[]>(`${select} ORDER BY ${order}${limit}`, params),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM (${select}) m`, countParams),
    ]);
    return { ids: rows.map((r) => r.id), total };
  }
}
