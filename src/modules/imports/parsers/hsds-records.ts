import { GeoJSONGeometry } from '../../../common/geo/geojson.scalar';
import { normalizePhoneNumber } from '../../../common/phones/phone-number';
import { ImportedLocation, ImportedOrganization, ImportedPhone, ImportedSchedule, ImportedService, ImportedServiceAtLocation } from '../import-batch';
import { extensionNote } from '../hsds-tables';
import { HsdsReport } from './hsds-report';
import { RecordContext, Row, all, checkRows, fileOf, isGeoJsonExtent, live } from './hsds-row-checks';
import { PHONE_TYPES, mergeAreas, parseAreaExtent } from './hsds-rules';
import { cell, mapScheduleRow } from './hsds-schedules';

export type { RecordContext };

/**
 * A service at a location with its own phones. ImportBatch does not declare
 * them (yet); the import writer stores the `phones` of any record it writes,
 * service_at_location included (phone.service_at_location_id).
 */
export type ServiceAtLocationWithPhones = ImportedServiceAtLocation & { phones?: ImportedPhone[] };

export interface MappedRecords {
  organizations: ImportedOrganization[];
  services: ImportedService[];
  locations: ImportedLocation[];
  serviceAtLocations: ServiceAtLocationWithPhones[];
  merged: number;
}

type Entity = 'organization' | 'service' | 'location';

/** Rows hanging off a parent record; those whose parent never got imported are reported once. */
class Children<T> {
  private readonly byOwner = new Map<string, Array<Row & { value: T }>>();
  private readonly taken = new Set<string>();
  add(owner: string, row: Row, value: T): void {
    const list = this.byOwner.get(owner);
    if (list) list.push({ ...row, value });
    else this.byOwner.set(owner, [{ ...row, value }]);
  }
  take(owner: string): T[] {
    this.taken.add(owner);
    return (this.byOwner.get(owner) ?? []).map((c) => c.value);
  }
  reportOrphans(report: HsdsReport, entity: string): void {
    for (const [owner, rows] of this.byOwner) {
      if (this.taken.has(owner)) continue;
      for (const r of rows) report.warn(r.file, r.line, `not imported: its ${entity} '${owner}' was rejected or not imported`);
    }
  }
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

export function mapHsdsRecords(ctx: RecordContext): MappedRecords {
  const { report } = ctx;
  checkRows(ctx);

  // Every id that exists in a table, rejected or not, to tell a dangling link from a rejected parent.
  const ids = (name: string) => new Set(all(ctx, name).map((r) => cell(r, 'id')));
  const existing: Record<Entity, Set<string | null>> = { organization: ids('organization'), service: ids('service'), location: ids('location') };
  const salRows = new Map(all(ctx, 'service_at_location').map((r) => [cell(r, 'id'), r]));

  // attributes -> our taxonomy codes
  const terms = new Map(live(ctx, 'taxonomy_term').map((r) => [cell(r, 'id'), r]));
  const attributes: Record<Entity, Children<string>> = { organization: new Children(), service: new Children(), location: new Children() };
  for (const row of live(ctx, 'attribute')) {
    const entity = cell(row, 'link_entity')?.toLowerCase() ?? '';
    const linkId = cell(row, 'link_id') ?? '';
    const term = terms.get(cell(row, 'taxonomy_term_id'));
    if (!(entity in attributes)) {
      report.loss(row.file, row.line, `link_entity '${entity}' is not organization, service or location; not imported`);
    } else if (!existing[entity as Entity].has(linkId)) {
      report.reject(row.file, row.line, `link_id '${linkId}' does not match any ${entity} in ${fileOf(ctx, entity)}`);
    } else if (!term) {
      report.warn(row.file, row.line, `not imported: its taxonomy term '${cell(row, 'taxonomy_term_id')}' was rejected`);
    } else {
      const code = cell(term, 'code');
      if (code && ctx.isOurTerm(code)) attributes[entity as Entity].add(linkId, row, code);
      else {
        const label = code ?? cell(term, 'name');
        report.loss(row.file, row.line, `taxonomy term '${label}' (${term.file} line ${term.line}) is not in our taxonomy; not imported`);
      }
    }
  }

  // languages of services and locations
  const languages = { service: new Children<string>(), location: new Children<string>() };
  const phoneLanguages = new Children<string>();
  for (const row of live(ctx, 'language')) {
    const code = cell(row, 'code') as string;
    const [serviceId, locationId, phoneId] = [cell(row, 'service_id'), cell(row, 'location_id'), cell(row, 'phone_id')];
    if (report.isRejected(row.file, row.line)) continue; // strict mode
    if (phoneId) phoneLanguages.add(phoneId, row, code);
    if (serviceId) languages.service.add(serviceId, row, code);
    if (locationId) languages.location.add(locationId, row, code);
  }

  // phones: one owner each (service, location, organization, else service_at_location)
  const phones: Record<Entity, Children<ImportedPhone>> = { organization: new Children(), service: new Children(), location: new Children() };
  const salPhones = new Children<ImportedPhone>();
  for (const row of live(ctx, 'phone')) {
    const type = cell(row, 'type')?.toLowerCase();
    // x_extension: an extension that is not a number, also appended to the description for other readers
    const textExtension = cell(row, 'x_extension');
    // checkRows rejected numbers that do not parse; stored in E.164, the text as written kept
    const parsed = normalizePhoneNumber(cell(row, 'number') as string);
    if (!parsed.ok) continue;
    const phone: ImportedPhone = {
      number: parsed.phone.number,
      ...(parsed.phone.original_text ? { original_text: parsed.phone.original_text } : {}),
      ...(type && (PHONE_TYPES as readonly string[]).includes(type) ? { type: type as ImportedPhone['type'] } : {}),
      extension: textExtension ?? cell(row, 'extension') ?? parsed.phone.extension,
      description: textExtension ? withoutNote(cell(row, 'description'), extensionNote(textExtension)) : cell(row, 'description'),
    };
    const spoken = unique(phoneLanguages.take(cell(row, 'id') as string));
    if (spoken.length) phone.languages = spoken;
    const salId = cell(row, 'service_at_location_id');
    const owner: [Entity, string | null][] = [
      ['service', cell(row, 'service_id')],
      ['location', cell(row, 'location_id')],
      ['organization', cell(row, 'organization_id')],
    ];
    const found = owner.find(([, id]) => id);
    if (found) phones[found[0]].add(found[1] as string, row, phone);
    else if (salId && salRows.has(salId)) salPhones.add(salId, row, phone);
    else report.loss(row.file, row.line, 'a phone of a contact only is not imported');
  }

  // addresses, accessibility, service areas
  const addresses = new Children<Row>();
  for (const row of all(ctx, 'address')) {
    const locationId = cell(row, 'location_id');
    if (locationId) addresses.add(locationId, row, row);
    else if (!report.isRejected(row.file, row.line)) report.loss(row.file, row.line, 'an address without location_id is not imported');
  }
  const accessibility = new Children<string>();
  for (const row of live(ctx, 'accessibility')) {
    const text = ['description', 'details', 'url']
      .map((f) => cell(row, f))
      .filter(Boolean)
      .join('\n');
    const locationId = cell(row, 'location_id');
    if (locationId && text) accessibility.add(locationId, row, text);
  }
  // areas naming their location (x_location_id, ours) go to it; the others to where their service is offered (below)
  const areasByService = new Map<string, GeoJSONGeometry[]>();
  const areasByLocation = new Map<string, GeoJSONGeometry[]>();
  const areaDescriptions = new Map<string, string>();
  const addArea = (map: Map<string, GeoJSONGeometry[]>, key: string, area: GeoJSONGeometry) => map.set(key, [...(map.get(key) ?? []), area]);
  for (const row of live(ctx, 'service_area')) {
    const [serviceId, extent, type] = [cell(row, 'service_id'), cell(row, 'extent'), cell(row, 'extent_type')?.toLowerCase()];
    const locationId = cell(row, 'x_location_id');
    if (!extent || !isGeoJsonExtent(extent, type ?? null)) continue;
    const parsed = parseAreaExtent(extent);
    if (!('geometry' in parsed)) continue;
    if (locationId) {
      addArea(areasByLocation, locationId, parsed.geometry);
      const description = cell(row, 'description');
      if (description) areaDescriptions.set(locationId, description);
    } else if (serviceId) addArea(areasByService, serviceId, parsed.geometry);
  }

  // schedules: service_at_location > location > service (copied to each of its service_at_location rows)
  const schedules = {
    service_at_location: new Children<ImportedSchedule>(),
    location: new Children<ImportedSchedule>(),
    service: new Children<ImportedSchedule>(),
  };
  const hoursText = new Children<string>();
  for (const row of live(ctx, 'schedule')) {
    const mapped = mapScheduleRow(row.file, row, report, ctx.defaultTimezone);
    if (mapped === null || report.isRejected(row.file, row.line)) continue; // rejected, or a loss in strict mode
    const [salId, locationId, serviceId] = [cell(row, 'service_at_location_id'), cell(row, 'location_id'), cell(row, 'service_id')];
    if (typeof mapped === 'string') {
      const at = locationId ?? (salId ? cell(salRows.get(salId) ?? row, 'location_id') : null);
      if (at) hoursText.add(at, row, mapped);
      else report.loss(row.file, row.line, 'schedule text without a location is not imported');
    } else if (salId) schedules.service_at_location.add(salId, row, mapped);
    else if (locationId) schedules.location.add(locationId, row, mapped);
    else if (serviceId) schedules.service.add(serviceId, row, mapped);
    else report.loss(row.file, row.line, 'a schedule linked to nothing is not imported');
  }

  // organizations
  const organizations = new Map<string, ImportedOrganization>();
  for (const row of live(ctx, 'organization')) {
    const id = cell(row, 'id') as string;
    organizations.set(id, {
      external_id: id,
      name: cell(row, 'name') as string,
      description: cell(row, 'description') as string,
      website: cell(row, 'website'),
      email: cell(row, 'email'),
      attributes: unique(attributes.organization.take(id)),
      phones: phones.organization.take(id),
    });
  }

  // services
  const services = new Map<string, ImportedService>();
  for (const row of live(ctx, 'service')) {
    const id = cell(row, 'id') as string;
    const orgId = cell(row, 'organization_id') as string;
    if (!organizations.has(orgId)) {
      report.warn(row.file, row.line, `not imported: its organization '${orgId}' was rejected`);
      continue;
    }
    services.set(id, {
      external_id: id,
      organization_external_id: orgId,
      name: cell(row, 'name') as string,
      description: cell(row, 'description') ?? '',
      status: cell(row, 'status') as ImportedService['status'],
      url: cell(row, 'url'),
      email: cell(row, 'email'),
      eligibility_description: cell(row, 'eligibility_description'),
      fees_description: cell(row, 'fees_description'),
      alert: cell(row, 'alert'),
      assured_date: cell(row, 'assured_date'),
      languages: unique(languages.service.take(id)),
      attributes: unique(attributes.service.take(id)),
      phones: phones.service.take(id),
    });
  }

  // which services each location offers, and where each service is offered (the service_at_location rows)
  const servicesAt = new Map<string, string[]>();
  const offeredAt = new Map<string, string[]>();
  for (const row of live(ctx, 'service_at_location')) {
    const [serviceId, locationId] = [cell(row, 'service_id') as string, cell(row, 'location_id') as string];
    servicesAt.set(locationId, [...(servicesAt.get(locationId) ?? []), serviceId]);
    offeredAt.set(serviceId, [...(offeredAt.get(serviceId) ?? []), locationId]);
  }
  const locationRows = all(ctx, 'location');
  const liveLocations = new Map(live(ctx, 'location').map((r) => [cell(r, 'id') as string, r]));
  const isPhysical = (r: Row) => cell(r, 'location_type') === 'physical' && cell(r, 'x_location_type') !== 'mobile';
  // a service's areas belong to its non-physical locations, or to all of them when it has none
  for (const [serviceId, areas] of areasByService) {
    const at = unique(offeredAt.get(serviceId) ?? []).flatMap((id) => liveLocations.get(id) ?? []);
    const targets = at.some((r) => !isPhysical(r)) ? at.filter((r) => !isPhysical(r)) : at;
    for (const r of targets) areas.forEach((area) => addArea(areasByLocation, cell(r, 'id') as string, area));
  }

  const locations = new Map<string, ImportedLocation>();
  for (const row of locationRows) {
    const location = mapLocation(ctx, row, {
      organizations,
      services,
      servicesAt: servicesAt.get(cell(row, 'id') as string) ?? [],
      addresses: addresses.take(cell(row, 'id') as string),
      area: mergeAreas(areasByLocation.get(cell(row, 'id') as string) ?? []),
    });
    if (!location) continue;
    const id = location.external_id;
    location.accessibility = accessibility.take(id).join('\n') || null;
    location.languages = unique(languages.location.take(id));
    location.attributes = unique(attributes.location.take(id));
    location.phones = phones.location.take(id);
    location.schedules = schedules.location.take(id);
    location.service_area_description = areaDescriptions.get(id) ?? null;
    location.hours_text = [cell(row, 'x_hours_description'), ...hoursText.take(id)].filter(Boolean).join('\n') || null;
    locations.set(id, location);
  }

  // services at locations (one per pair; duplicates merged)
  const sals = new Map<string, ServiceAtLocationWithPhones>();
  let merged = 0;
  for (const row of live(ctx, 'service_at_location')) {
    const [id, serviceId, locationId] = [cell(row, 'id') as string, cell(row, 'service_id') as string, cell(row, 'location_id') as string];
    if (!services.has(serviceId) || !locations.has(locationId)) {
      const [what, which] = !services.has(serviceId) ? ['service', serviceId] : ['location', locationId];
      report.warn(row.file, row.line, `not imported: its ${what} '${which}' was rejected or not imported`);
      continue;
    }
    const own = [...schedules.service_at_location.take(id), ...schedules.service.take(serviceId)];
    const ownPhones = salPhones.take(id);
    const key = `${serviceId}\u0000${locationId}`;
    const existingSal = sals.get(key);
    if (existingSal) {
      merged++;
      report.warn(row.file, row.line, `service '${serviceId}' at location '${locationId}' is listed twice; merged`);
      existingSal.schedules = [...(existingSal.schedules ?? []), ...own];
      if (ownPhones.length) existingSal.phones = [...(existingSal.phones ?? []), ...ownPhones];
    } else {
      sals.set(key, {
        service_external_id: serviceId,
        location_external_id: locationId,
        description: cell(row, 'description'),
        schedules: own,
        ...(ownPhones.length ? { phones: ownPhones } : {}),
      });
    }
  }

  attributes.organization.reportOrphans(report, 'organization');
  attributes.service.reportOrphans(report, 'service');
  attributes.location.reportOrphans(report, 'location');
  languages.service.reportOrphans(report, 'service');
  languages.location.reportOrphans(report, 'location');
  phones.organization.reportOrphans(report, 'organization');
  phones.service.reportOrphans(report, 'service');
  phones.location.reportOrphans(report, 'location');
  salPhones.reportOrphans(report, 'service_at_location');
  accessibility.reportOrphans(report, 'location');
  hoursText.reportOrphans(report, 'location');
  schedules.location.reportOrphans(report, 'location');
  schedules.service_at_location.reportOrphans(report, 'service_at_location');
  schedules.service.reportOrphans(report, 'service (at no imported location)');

  return {
    organizations: [...organizations.values()],
    services: [...services.values()],
    locations: [...locations.values()],
    serviceAtLocations: [...sals.values()],
    merged,
  };
}

interface LocationInputs {
  organizations: Map<string, ImportedOrganization>;
  services: Map<string, ImportedService>;
  servicesAt: string[];
  addresses: Row[];
  area: GeoJSONGeometry | null;
}

function mapLocation(ctx: RecordContext, row: Row, inputs: LocationInputs): ImportedLocation | null {
  const { report } = ctx;
  const { file, line } = row;
  const id = cell(row, 'id') as string;
  const hsdsType = cell(row, 'location_type') as string;
  const mobile = cell(row, 'x_location_type') === 'mobile';
  const type: ImportedLocation['location_type'] = mobile ? 'mobile' : hsdsType === 'physical' ? 'physical' : 'virtual';

  // organization: declared, or the one organization of the services offered here
  let orgId = cell(row, 'organization_id');
  if (!orgId) {
    const orgs = unique(inputs.servicesAt.map((s) => inputs.services.get(s)?.organization_external_id).filter(Boolean));
    if (orgs.length === 1) {
      orgId = orgs[0] as string;
      report.warn(file, line, `organization_id is empty; taken from the services offered here ('${orgId}')`);
    } else {
      report.reject(file, line, 'organization_id is empty and the services offered here do not name exactly one organization');
      return null;
    }
  }
  // a dangling organization_id is already rejected; a rejected organization takes its locations with it
  const orphaned = !inputs.organizations.has(orgId) && !report.isRejected(file, line);
  if (orphaned) report.warn(file, line, `not imported: its organization '${orgId}' was rejected`);

  const approximate = cell(row, 'x_address_visibility') === 'approximate';
  const usable = inputs.addresses.filter((a) => !report.isRejected(a.file, a.line));
  const physicalAddress = usable.find((a) => cell(a, 'address_type') === 'physical');
  const addressRow = type === 'physical' ? physicalAddress : (physicalAddress ?? usable[0]);
  // no HSDS address: our x_ columns hold the area of a withheld address, or an address HSDS cannot (incomplete)
  const extension = addressFields(row, 'x_');
  const address = addressRow ? addressFields(addressRow, '') : extension;
  if (addressRow && extension) {
    report.loss(file, line, `x_address_1..x_country are not imported: the address on ${addressRow.file} line ${addressRow.line} is`);
  }
  const lat = cell(row, 'latitude');
  const lng = cell(row, 'longitude');
  let ok = true;
  // every rule is checked, even on a row already rejected, so the report names all its problems
  const streetAddress = !!(addressRow || (extension?.address_1 && extension.city && extension.state_province));
  if (type === 'physical' && !streetAddress && !approximate) {
    const others = inputs.addresses.map((a) => `${cell(a, 'address_type')} on line ${a.line}${report.isRejected(a.file, a.line) ? ', rejected' : ''}`);
    const addressFile = fileOf(ctx, 'address');
    const where = extension ? `${addressFile}, or x_address_1, x_city and x_state_province` : addressFile;
    report.reject(file, line, `location_type physical needs a physical address in ${where}${others.length ? ` (found: ${others.join('; ')})` : ''}`);
    ok = false;
  }
  if (type === 'physical' && lat === null) {
    report.reject(file, line, 'location_type physical needs latitude and longitude');
    ok = false;
  }
  if (type !== 'physical' && lat === null && !inputs.area) {
    report.reject(file, line, `a ${mobile ? 'mobile' : hsdsType} location needs latitude/longitude or a service area (service_areas.csv extent)`);
    ok = false;
  }
  if (addressRow && physicalAddress && usable.filter((a) => cell(a, 'address_type') === 'physical').length > 1) {
    report.loss(file, line, `has several physical addresses; the one on ${addressRow.file} line ${addressRow.line} is imported`);
  }
  if (!ok || orphaned || report.isRejected(file, line)) return null;

  let name = cell(row, 'name') ?? cell(row, 'alternate_name');
  if (!name) {
    name = address?.address_1 ?? inputs.organizations.get(orgId)?.name ?? id;
    report.warn(file, line, `name is empty; named '${name}' after its ${address?.address_1 ? 'address' : 'organization'}`);
  }
  return {
    external_id: id,
    organization_external_id: orgId,
    location_type: type,
    name,
    description: cell(row, 'description'),
    latitude: lat === null ? null : Number(lat),
    longitude: lng === null ? null : Number(lng),
    coordinates_approximate: ['true', 'True', 'TRUE', '1'].includes(cell(row, 'x_coordinates_approximate') ?? ''),
    service_area: inputs.area,
    address_1: address?.address_1 ?? null,
    address_2: address?.address_2 ?? null,
    city: address?.city ?? null,
    state_province: address?.state_province ?? null,
    postal_code: address?.postal_code ?? null,
    country: address?.country?.toUpperCase() || 'US',
    address_visibility: approximate ? 'approximate' : 'public',
    transportation: cell(row, 'transportation'),
  };
}

interface AddressFields {
  address_1: string | null;
  address_2: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
  country: string | null;
}

/** The address columns of an addresses.csv row (prefix ''), or our x_ columns of a locations.csv row (prefix 'x_'); null when all are empty. */
function addressFields(row: Row, prefix: '' | 'x_'): AddressFields | null {
  const get = (field: string) => cell(row, prefix + field);
  const fields: AddressFields = {
    address_1: get('address_1'),
    address_2: get('address_2'),
    city: get('city'),
    state_province: get('state_province'),
    postal_code: get('postal_code'),
    country: get('country'),
  };
  return Object.values(fields).some((v) => v !== null) ? fields : null;
}

/** `description` without `note` at its end ('...; note' or 'note' alone), as the exporter appended it. */
function withoutNote(description: string | null, note: string): string | null {
  if (description === null || description === note) return null;
  return description.endsWith(`; ${note}`) ? description.slice(0, -note.length - 2) : description;
}
