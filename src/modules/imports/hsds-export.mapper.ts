import { createHash } from 'crypto';
import { GeoJSONGeometry } from '../../common/geo/geojson.scalar';
import { HARM_REDUCTION_TAXONOMY, extensionNote } from './hsds-tables';
import { zoneOffsets } from './parsers/hsds-rules';

/**
 * Our records (the REST models, snake_case) -> Open Referral HSDS 3.0 JSON
 * objects that validate against the compiled HSDS schemas (service.json,
 * organization.json, service_at_location.json). Pure functions.
 *
 * - HSDS ids are UUIDs. Records without an id of their own in our API
 *   (languages, attributes, taxonomy terms, addresses, accessibility, service
 *   areas) get a name-based UUID v5 derived from what they belong to, so the
 *   same record always exports with the same id.
 * - Taxonomy terms: our code is the term `code`; the id is UUID v5 of the code.
 * - location_type: physical -> physical, virtual -> virtual, mobile ->
 *   physical with x_location_type 'mobile' (HSDS has no mobile type).
 * - Hidden addresses (address_visibility 'approximate'): no HSDS address is
 *   exported (HSDS requires address_1 in an address, and the street is never
 *   revealed), only the approximate point our API gives, with
 *   x_address_visibility 'approximate' and the area the API does show in
 *   x_city, x_state_province, x_postal_code, x_country.
 * - Incomplete public addresses (HSDS requires address_1, city,
 *   state_province and postal_code, e.g. a mobile program known only by its
 *   city): the same x_ columns, plus x_address_1/x_address_2 when there is a
 *   street. A complete public address is an HSDS address and nothing else.
 * - coordinates_approximate -> x_coordinates_approximate (true only);
 *   hours_description -> x_hours_description.
 * - An organization without a description is described by its name (HSDS
 *   requires organization.description; an import of it then holds the name).
 * - Schedules: HSDS `timezone` is a number of hours, so it holds the zone's
 *   standard UTC offset and x_timezone holds the IANA name. Times are
 *   HH:MM:SS; end of day (24:00) is 23:59:59 (see toHsdsTime).
 * - Phone extensions: HSDS wants a number; a non-numeric one goes into
 *   x_extension, and into the phone's description for other readers
 *   ('; ext. ...' appended, taken off again by our importer).
 * - A location's service area becomes a service_area (GeoJSON extent) of each
 *   service offered there, with x_location_id naming the location.
 */

// ---- Input: the fields of our REST models the mapping reads ----

export interface TermRefInput {
  code: string;
  name: string;
}

export interface PhoneInput {
  id: string;
  number: string;
  extension?: string | null;
  type?: string | null;
  description?: string | null;
  languages?: string[];
}

export interface ScheduleInput {
  id: string;
  freq?: string;
  byday: string[];
  opens_at: string;
  closes_at: string;
  timezone: string;
  valid_from?: string | null;
  valid_to?: string | null;
  notes?: string | null;
}

export interface AddressInput {
  address_1: string | null;
  address_2?: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
  country: string;
}

/** A record's data source (data_source row), as our REST models give it; null: entered through this API. */
export interface SourceInput {
  id: string;
  name: string;
  licence: string;
  attribution: string;
}

export interface OrganizationInput {
  id: string;
  source?: SourceInput | null;
  name: string;
  description: string;
  website?: string | null;
  email?: string | null;
  attributes?: TermRefInput[];
  phones?: PhoneInput[];
}

export interface ServiceInput {
  id: string;
  source?: SourceInput | null;
  organization_id: string;
  name: string;
  description?: string | null;
  url?: string | null;
  email?: string | null;
  status: string;
  eligibility_description?: string | null;
  fees_description?: string | null;
  alert?: string | null;
  assured_date?: string | null;
  languages?: string[];
  attributes?: TermRefInput[];
  phones?: PhoneInput[];
  last_modified?: string;
}

export interface LocationInput {
  id: string;
  source?: SourceInput | null;
  organization_id: string;
  location_type: string;
  name: string;
  description?: string | null;
  /** GeoJSON Point [longitude, latitude], or null */
  geometry: GeoJSONGeometry | null;
  address_visibility?: string;
  location_precision_m?: number | null;
  address: AddressInput | null;
  service_area?: GeoJSONGeometry | null;
  service_area_description?: string | null;
  accessibility?: string | null;
  transportation?: string | null;
  /** hours as the source wrote them, when they could not be read into schedules */
  hours_description?: string | null;
  /** true when the point is a ZIP centroid or otherwise not the site itself */
  coordinates_approximate?: boolean | null;
  languages?: string[];
  attributes?: TermRefInput[];
  phones?: PhoneInput[];
  schedules?: ScheduleInput[];
}

export interface ServiceAtLocationInput {
  id: string;
  source?: SourceInput | null;
  service_id: string;
  location_id: string;
  description?: string | null;
  schedules?: ScheduleInput[];
  phones?: PhoneInput[];
  service?: ServiceInput;
  location?: LocationInput;
}

// ---- Output: HSDS 3.0 objects (the parts we fill) ----

export type HsdsObject = Record<string, unknown> & { id: string };
export type HsdsLanguage = HsdsObject & { code: string; name?: string; service_id?: string; location_id?: string; phone_id?: string };
export type HsdsTaxonomyTerm = HsdsObject & {
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  taxonomy_detail: HsdsObject;
};
export type HsdsAttribute = HsdsObject & { link_id: string; link_entity: string; taxonomy_term_id: string; taxonomy_term: HsdsTaxonomyTerm };
export type HsdsPhone = HsdsObject & { number: string; languages: HsdsLanguage[] };
export type HsdsSchedule = HsdsObject & { freq: 'WEEKLY'; byday: string; opens_at: string; closes_at: string; timezone: number; x_timezone: string };
export type HsdsServiceArea = HsdsObject & { service_id: string; extent: string; extent_type: 'geojson'; x_location_id: string };
export type HsdsLocation = HsdsObject & {
  location_type: 'physical' | 'virtual';
  addresses: HsdsObject[];
  accessibility: HsdsObject[];
  languages: HsdsLanguage[];
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  attributes: HsdsAttribute[];
};
export type HsdsServiceAtLocation = HsdsObject & { schedules: HsdsSchedule[]; phones: HsdsPhone[]; location?: HsdsLocation; service?: HsdsService };
export type HsdsService = HsdsObject & {
  name: string;
  status: string;
  languages: HsdsLanguage[];
  attributes: HsdsAttribute[];
  phones: HsdsPhone[];
  service_areas: HsdsServiceArea[];
  organization?: HsdsOrganization;
  service_at_locations?: HsdsServiceAtLocation[];
};
export type HsdsOrganization = HsdsObject & {
  name: string;
  description: string;
  phones: HsdsPhone[];
  attributes: HsdsAttribute[];
  services?: HsdsService[];
  locations?: HsdsLocation[];
};

/** Namespace of the name-based (v5) UUIDs this exporter derives. */
export const HSDS_ID_NAMESPACE = 'bd1446df-7039-4003-bfc4-50c68b1324bc';

/** RFC 9562 UUID v5 of `parts` joined with ':' in HSDS_ID_NAMESPACE. */
export function derivedId(...parts: string[]): string {
  const hash = createHash('sha1')
    .update(Buffer.from(HSDS_ID_NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(parts.join(':'))
    .digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const HARM_REDUCTION_TAXONOMY_ID = derivedId('taxonomy', HARM_REDUCTION_TAXONOMY.name);

/** Drops null and undefined values: HSDS fields are typed (a string field cannot be null). */
function compact<T extends Record<string, unknown>>(obj: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

function languageName(code: string): string | undefined {
  try {
    const name = languageNames.of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

type Owner = { organization_id: string } | { service_id: string } | { location_id: string } | { service_at_location_id: string } | { phone_id: string };

function ownerKey(owner: Owner): string {
  const [field, id] = Object.entries(owner)[0];
  return `${field}:${id}`;
}

export function toHsdsLanguage(code: string, owner: Owner): HsdsLanguage {
  return compact({ id: derivedId('language', ownerKey(owner), code), ...owner, name: languageName(code), code });
}

export function toHsdsTaxonomyTerm(term: TermRefInput): HsdsTaxonomyTerm {
  return {
    id: derivedId('taxonomy_term', term.code),
    code: term.code,
    name: term.name,
    description: term.name,
    taxonomy: HARM_REDUCTION_TAXONOMY.name,
    taxonomy_id: HARM_REDUCTION_TAXONOMY_ID,
    taxonomy_detail: { id: HARM_REDUCTION_TAXONOMY_ID, ...HARM_REDUCTION_TAXONOMY },
  };
}

export function toHsdsAttribute(term: TermRefInput, linkEntity: 'organization' | 'service' | 'location', linkId: string): HsdsAttribute {
  const taxonomyTerm = toHsdsTaxonomyTerm(term);
  return {
    id: derivedId('attribute', linkEntity, linkId, term.code),
    link_id: linkId,
    link_entity: linkEntity,
    taxonomy_term_id: taxonomyTerm.id,
    taxonomy_term: taxonomyTerm,
  };
}

export function toHsdsPhone(phone: PhoneInput, owner?: Owner): HsdsPhone {
  const ext = phone.extension?.trim() || null;
  const numericExt = ext !== null && /^(0|[1-9]\d{0,14})$/.test(ext);
  const textExt = ext && !numericExt ? ext : null;
  const description = [phone.description, textExt ? extensionNote(textExt) : null].filter(Boolean).join('; ') || null;
  return compact({
    id: phone.id,
    ...owner,
    number: phone.number,
    extension: numericExt ? Number(ext) : null,
    type: phone.type,
    description,
    x_extension: textExt,
    languages: (phone.languages ?? []).map((code) => toHsdsLanguage(code, { phone_id: phone.id })),
  });
}

/**
 * Our HH:MM -> a Table Schema `time` (HH:MM:SS, what datapackage.json declares
 * for opens_at/closes_at). End of day, 24:00, is not a time of day in Table
 * Schema (nor in Python's datetime.time, which Frictionless uses), so it is
 * written 23:59:59; our times are whole minutes, so 23:59:59 can mean nothing
 * else, and the importer (parsers/hsds-schedules.ts) reads it back as 24:00.
 * A 24-hour day is thus opens_at 00:00:00, closes_at 23:59:59.
 */
export function toHsdsTime(hhmm: string): string {
  return hhmm === '24:00' ? HSDS_END_OF_DAY : `${hhmm}:00`;
}

/** How an end of day (24:00) is written in HSDS: see toHsdsTime. */
export const HSDS_END_OF_DAY = '23:59:59';

export function toHsdsSchedule(schedule: ScheduleInput, owner?: Owner): HsdsSchedule {
  return compact({
    id: schedule.id,
    ...owner,
    valid_from: schedule.valid_from,
    valid_to: schedule.valid_to,
    timezone: zoneOffsets(schedule.timezone)[0],
    freq: 'WEEKLY' as const,
    byday: schedule.byday.join(','),
    opens_at: toHsdsTime(schedule.opens_at),
    closes_at: toHsdsTime(schedule.closes_at),
    notes: schedule.notes,
    x_timezone: schedule.timezone,
  });
}

/**
 * A record's provenance as the x_source_id, x_licence, x_attribution columns
 * of the tabular export (organizations, services, locations,
 * service_at_location): a CC BY licence requires the credit to travel with
 * each record, not only in datapackage.json. Empty for records entered
 * through this API (their licence is the package's first).
 */
export function toHsdsProvenance(source: SourceInput | null | undefined): Record<string, string> {
  return source ? { x_source_id: source.id, x_licence: source.licence, x_attribution: source.attribution } : {};
}

/**
 * Whether a location's address is an HSDS address (addresses.csv): public and
 * complete. Otherwise what there is of it goes into the location's x_ columns.
 */
export function hasHsdsAddress(location: Pick<LocationInput, 'address' | 'address_visibility'>): boolean {
  const a = location.address;
  return !!(a?.address_1 && a.city && a.state_province && a.postal_code && a.country) && location.address_visibility !== 'approximate';
}

export function toHsdsLocation(location: LocationInput): HsdsLocation {
  const id = location.id;
  const point = location.geometry?.type === 'Point' ? (location.geometry.coordinates as number[]) : null;
  const a = location.address;
  const hidden = location.address_visibility === 'approximate';
  const inHsds = hasHsdsAddress(location);
  // the area (and, for a public address, the street) of an address HSDS cannot hold
  const x = a && !inHsds ? a : null;
  const addresses =
    a && inHsds
      ? [
          compact({
            id: derivedId('address', id),
            location_id: id,
            address_1: a.address_1,
            address_2: a.address_2,
            city: a.city,
            state_province: a.state_province,
            postal_code: a.postal_code,
            country: a.country,
            address_type: location.location_type === 'virtual' ? 'postal' : 'physical',
          }),
        ]
      : [];
  return compact({
    id,
    location_type: location.location_type === 'virtual' ? ('virtual' as const) : ('physical' as const),
    organization_id: location.organization_id,
    name: location.name,
    description: location.description,
    transportation: location.transportation,
    latitude: point ? point[1] : null,
    longitude: point ? point[0] : null,
    x_location_type: location.location_type === 'mobile' ? 'mobile' : null,
    x_address_visibility: hidden ? 'approximate' : null,
    x_coordinates_approximate: location.coordinates_approximate === true ? true : null,
    x_hours_description: location.hours_description,
    // never a street of a hidden address, whatever the input holds
    x_address_1: x && !hidden ? x.address_1 : null,
    x_address_2: x && !hidden ? x.address_2 : null,
    x_city: x?.city,
    x_state_province: x?.state_province,
    x_postal_code: x?.postal_code,
    x_country: x ? x.country || null : null,
    addresses,
    accessibility: location.accessibility ? [{ id: derivedId('accessibility', id), location_id: id, description: location.accessibility }] : [],
    languages: (location.languages ?? []).map((code) => toHsdsLanguage(code, { location_id: id })),
    phones: (location.phones ?? []).map((p) => toHsdsPhone(p, { location_id: id })),
    schedules: (location.schedules ?? []).map((s) => toHsdsSchedule(s, { location_id: id })),
    attributes: (location.attributes ?? []).map((t) => toHsdsAttribute(t, 'location', id)),
  });
}

export function toHsdsServiceArea(serviceId: string, location: LocationInput): HsdsServiceArea | null {
  if (!location.service_area) return null;
  return compact({
    id: derivedId('service_area', serviceId, location.id),
    service_id: serviceId,
    description: location.service_area_description,
    extent: JSON.stringify(location.service_area),
    extent_type: 'geojson' as const,
    x_location_id: location.id,
  });
}

export function toHsdsServiceAtLocation(sal: ServiceAtLocationInput): HsdsServiceAtLocation {
  return compact({
    id: sal.id,
    service_id: sal.service_id,
    location_id: sal.location_id,
    description: sal.description,
    schedules: (sal.schedules ?? []).map((s) => toHsdsSchedule(s, { service_at_location_id: sal.id })),
    // our service_at_location phones are the merged list (its own, the service's, the location's): owners kept as given
    phones: (sal.phones ?? []).map((p) => toHsdsPhone(p)),
    location: sal.location ? toHsdsLocation(sal.location) : null,
    service: sal.service ? toHsdsService(sal.service) : null,
  });
}

export function toHsdsService(
  service: ServiceInput,
  options: { organization?: OrganizationInput; serviceAtLocations?: ServiceAtLocationInput[] } = {},
): HsdsService {
  const id = service.id;
  const sals = options.serviceAtLocations?.filter((s) => s.service_id === id);
  const areaLocations = new Map((sals ?? []).flatMap((s) => (s.location ? [[s.location.id, s.location] as const] : [])));
  return compact({
    id,
    organization_id: service.organization_id,
    name: service.name,
    description: service.description,
    url: service.url,
    email: service.email,
    status: service.status,
    eligibility_description: service.eligibility_description,
    fees_description: service.fees_description,
    alert: service.alert,
    assured_date: service.assured_date,
    last_modified: service.last_modified,
    languages: (service.languages ?? []).map((code) => toHsdsLanguage(code, { service_id: id })),
    attributes: (service.attributes ?? []).map((t) => toHsdsAttribute(t, 'service', id)),
    phones: (service.phones ?? []).map((p) => toHsdsPhone(p, { service_id: id })),
    service_areas: [...areaLocations.values()].map((l) => toHsdsServiceArea(id, l)).filter((a): a is HsdsServiceArea => !!a),
    organization: options.organization ? toHsdsOrganization(options.organization) : null,
    service_at_locations: sals?.map((s) => toHsdsServiceAtLocation({ ...s, service: undefined })),
  });
}

export function toHsdsOrganization(org: OrganizationInput, options: { services?: ServiceInput[]; locations?: LocationInput[] } = {}): HsdsOrganization {
  return compact({
    id: org.id,
    name: org.name,
    // HSDS requires a description; imported sources often have none (the Dallas map): the name is the least it can say
    description: org.description?.trim() ? org.description : org.name,
    email: org.email,
    website: org.website,
    phones: (org.phones ?? []).map((p) => toHsdsPhone(p, { organization_id: org.id })),
    attributes: (org.attributes ?? []).map((t) => toHsdsAttribute(t, 'organization', org.id)),
    services: options.services?.map((s) => toHsdsService(s)),
    locations: options.locations?.map((l) => toHsdsLocation(l)),
  });
}
