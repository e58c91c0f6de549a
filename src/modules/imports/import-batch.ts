import { GeoJSONGeometry } from '../../common/geo/geojson.scalar';

/**
 * The normalized shape every importer produces, whatever the source format.
 * Parsers are pure (text in, batch out); one writer turns a batch into rows
 * inside a single transaction. Records are keyed by a stable external id
 * (unique within the source), so re-importing the same file changes nothing
 * and a newer file updates records in place.
 */
export interface ImportedSchedule {
  byday: string[]; // iCalendar codes MO..SU
  opens_at: string; // HH:MM
  closes_at: string; // HH:MM; earlier than opens_at: past midnight; 24:00 end of day
  timezone: string; // IANA
  notes?: string | null;
}

export interface ImportedPhone {
  number: string; // E.164 (src/common/phones/phone-number.ts)
  /** the number as the source wrote it, when that differs from `number` */
  original_text?: string | null;
  type?: 'voice' | 'text' | 'fax' | 'cell' | 'video' | 'pager' | 'textphone';
  extension?: string | null;
  description?: string | null;
  languages?: string[]; // ISO 639 codes spoken on this line
}

export interface ImportedOrganization {
  external_id: string;
  name: string;
  description: string;
  website?: string | null;
  email?: string | null;
  attributes?: string[]; // taxonomy codes (practice.*)
  phones?: ImportedPhone[];
}

export interface ImportedService {
  external_id: string;
  organization_external_id: string;
  name: string;
  description?: string;
  status?: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  url?: string | null;
  email?: string | null;
  eligibility_description?: string | null;
  fees_description?: string | null;
  alert?: string | null;
  assured_date?: string | null; // YYYY-MM-DD
  languages?: string[]; // ISO 639 codes known to iso_language
  attributes?: string[]; // taxonomy codes (service.*, population.*, access.*)
  phones?: ImportedPhone[];
}

export interface ImportedLocation {
  external_id: string;
  organization_external_id: string;
  location_type: 'physical' | 'mobile' | 'virtual';
  name: string;
  description?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  /** true when the point is a ZIP centroid or otherwise not the site itself */
  coordinates_approximate?: boolean;
  service_area?: GeoJSONGeometry | null; // Polygon or MultiPolygon
  service_area_description?: string | null;
  address_1?: string | null;
  address_2?: string | null;
  city?: string | null;
  state_province?: string | null;
  postal_code?: string | null;
  country?: string; // ISO 3166-1 alpha-2, default US
  address_visibility?: 'public' | 'approximate';
  accessibility?: string | null;
  transportation?: string | null;
  languages?: string[];
  attributes?: string[]; // access.*, transport.*
  phones?: ImportedPhone[];
  schedules?: ImportedSchedule[];
  /** free-text hours that could not be parsed, kept for people to read */
  hours_text?: string | null;
}

export interface ImportedServiceAtLocation {
  service_external_id: string;
  location_external_id: string;
  description?: string | null;
  schedules?: ImportedSchedule[];
  phones?: ImportedPhone[];
}

export interface RejectedRow {
  /** 1-based line (or feature index) in the source, as a person would find it */
  line: number;
  reason: string;
}

export interface ImportWarning {
  line: number;
  message: string;
}

/** Rows that share a site key but say different things about what is offered there: kept as separate services. */
export interface KeptApart {
  /** the first line of each variant, in file order */
  lines: number[];
  name: string;
  address: string;
  /** which of 'hours', 'access terms', 'verified date', 'service codes' differ between the variants */
  differs_in: string[];
}

export interface ImportBatch {
  /** stable source name, part of every external id key, e.g. 'samhsa-moud-2020' */
  source: string;
  licence: string;
  attribution: string;
  rowsRead: number;
  organizations: ImportedOrganization[];
  services: ImportedService[];
  locations: ImportedLocation[];
  serviceAtLocations: ImportedServiceAtLocation[];
  rejected: RejectedRow[];
  warnings: ImportWarning[];
  /** rows folded into another (duplicates, one row per medication, ...) */
  merged: number;
  /** groups of rows under one site key kept as distinct services (see csv.parser.ts) */
  keptApart?: KeptApart[];
  /**
   * Where each record came from, for messages: 'organization:<external id>',
   * 'service:<id>', 'location:<id>', 'service_at_location:<service id>@<location id>'
   * -> source line. Not on the records themselves: they are hashed to detect changes.
   */
  sourceLines?: Record<string, number>;
  /** what the parser read the source as, e.g. 'HSDS 3.0.0' (HSDS packages) */
  formatVersion?: string;
}
