import { createHash } from 'crypto';
import { ImportBatch, ImportedLocation, ImportedOrganization, ImportedPhone, ImportedSchedule, ImportedService } from '../import-batch';
import { serviceLabel } from './parser-utils';

/**
 * The rows of a spreadsheet (or GeoJSON features) that share one site key,
 * turned into one organization, one location and its services.
 *
 * What is offered at the site is compared row by row: the hours, the access
 * terms (access.*, population.*) and the verified date. Rows that agree on
 * all three are one offer, whatever their service codes: those combine into
 * one service per code (a sheet with one row per service, or an exact
 * duplicate, merges). Rows that disagree are not folded into each other: each
 * distinct offer becomes its own services at the one location, with its own
 * hours (on its service_at_location), access terms and verified date, and the
 * report lists the group ("kept apart: ... differs in hours, verified date").
 * Example: a 24/7 naloxone dispenser and the same organization's 8-5 office
 * at one address stay two listings, each open when it really is.
 *
 * Why one service per code and not one service with two codes: someone
 * searching for methadone gets a "Methadone treatment" listing with the
 * methadone hours, not an "Buprenorphine treatment" entry that also carries
 * the methadone code; and either offer can change without the other.
 *
 * Keys: a site with a single offer keeps `<key>:<code>` (as before this
 * rule). Services of a kept-apart site are `<key>~<offer hash>:<code>`, the
 * hash of the offer itself (hours, access terms, date), so re-importing the
 * same file, in any row order, changes nothing; an offer whose hours change
 * becomes a new service and the old one is deleted (a tombstone in the feed).
 *
 * Site details (name, address, point, website, languages) come from the
 * first row; a later row that says otherwise gets a warning. Phones: on the
 * location for a physical site, on the services for a mobile program (search
 * reads service-at-location, service and location phones), and on each
 * offer's services when kept-apart offers list different numbers.
 */
export interface SiteRow {
  key: string;
  line: number;
  codes: string[];
  organization: ImportedOrganization;
  location: ImportedLocation;
  schedules: ImportedSchedule[];
  hoursText: string | null;
  assuredDate: string | null;
  languages: string[];
  phones: ImportedPhone[];
}

interface Offer {
  fingerprint: string;
  rows: SiteRow[];
  serviceCodes: string[];
  phones: ImportedPhone[];
}

const isAccess = (c: string) => c.startsWith('access.') || c.startsWith('population.');
const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();
const json = (value: unknown) => JSON.stringify(value);

const ASPECTS: [string, (r: SiteRow) => unknown][] = [
  ['hours', (r) => [r.schedules, r.hoursText]],
  ['access terms', (r) => sorted(r.codes.filter(isAccess))],
  ['verified date', (r) => r.assuredDate],
];

/** The same phone listed twice (same number and extension) is one phone. */
function uniquePhones(phones: ImportedPhone[]): ImportedPhone[] {
  const seen = new Map<string, ImportedPhone>();
  for (const p of phones) if (!seen.has(`${p.number}|${p.extension ?? ''}`)) seen.set(`${p.number}|${p.extension ?? ''}`, p);
  return [...seen.values()];
}

function offersOf(rows: SiteRow[]): Offer[] {
  const offers = new Map<string, Offer>();
  for (const row of rows) {
    const fingerprint = json(ASPECTS.map(([, of]) => of(row)));
    const offer = offers.get(fingerprint) ?? { fingerprint, rows: [], serviceCodes: [], phones: [] };
    offer.rows.push(row);
    offers.set(fingerprint, offer);
  }
  for (const offer of offers.values()) {
    offer.serviceCodes = sorted(offer.rows.flatMap((r) => r.codes.filter((c) => c.startsWith('service.'))));
    offer.phones = uniquePhones(offer.rows.flatMap((r) => r.phones));
  }
  return [...offers.values()];
}

function differences(offers: Offer[]): string[] {
  const differs = (of: (o: Offer) => unknown) => new Set(offers.map((o) => json(of(o)))).size > 1;
  return [...ASPECTS.filter(([, of]) => differs((o) => of(o.rows[0]))).map(([name]) => name), ...(differs((o) => o.serviceCodes) ? ['service codes'] : [])];
}

/** One site (rows sharing a key, in file order) -> batch entries. */
export function emitSite(rows: SiteRow[], batch: ImportBatch): void {
  const [first] = rows;
  const { key } = first;
  const siteDetails = (r: SiteRow) => json([r.organization, r.location, r.languages]);
  for (const row of rows.slice(1)) {
    if (siteDetails(row) !== siteDetails(first)) {
      batch.warnings.push({
        line: row.line,
        message: `same external id as line ${first.line} with other site details (name, address, point, website or languages); kept line ${first.line}'s`,
      });
    }
  }
  const offers = offersOf(rows);
  const apart = offers.length > 1;
  const sameHours = new Set(offers.map((o) => json(ASPECTS[0][1](o.rows[0])))).size === 1;
  const samePhones = new Set(offers.map((o) => json(o.phones))).size === 1;
  const mobile = first.location.location_type === 'mobile';
  const allCodes = rows.flatMap((r) => r.codes);
  const allPhones = uniquePhones(rows.flatMap((r) => r.phones));
  const phonesOnLocation = !mobile && (!apart || samePhones);
  const lines = (batch.sourceLines ??= {});
  batch.merged += rows.length - offers.length;

  const practices = sorted(allCodes.filter((c) => c.startsWith('practice.')));
  batch.organizations.push({ ...first.organization, ...(practices.length ? { attributes: practices } : {}) });
  lines[`organization:${key}`] = first.line;
  const transport = sorted([...allCodes.filter((c) => c.startsWith('transport.')), ...(mobile ? ['transport.mobile-outreach'] : [])]);
  batch.locations.push({
    ...first.location,
    // hours that differ between offers go on each offer's service_at_location, none on the site
    schedules: sameHours ? first.schedules : [],
    hours_text: sameHours ? first.hoursText : null,
    attributes: transport,
    languages: first.languages,
    ...(phonesOnLocation && allPhones.length ? { phones: allPhones } : {}),
  });
  lines[`location:${key}`] = first.line;

  for (const offer of offers) {
    const row = offer.rows[0];
    const prefix = apart ? `${key}~${createHash('sha256').update(offer.fingerprint).digest('hex').slice(0, 8)}` : key;
    const phones = phonesOnLocation ? [] : apart ? offer.phones : allPhones;
    const access = sorted(row.codes.filter(isAccess));
    for (const code of offer.serviceCodes) {
      const external_id = `${prefix}:${code}`;
      const service: ImportedService = {
        external_id,
        organization_external_id: key,
        name: serviceLabel(code),
        status: 'active',
        assured_date: row.assuredDate,
        attributes: [code, ...access],
        ...(phones.length ? { phones } : {}),
      };
      batch.services.push(service);
      batch.serviceAtLocations.push({
        service_external_id: external_id,
        location_external_id: key,
        ...(sameHours ? {} : { schedules: row.schedules, description: row.hoursText ? `Hours: ${row.hoursText}` : null }),
      });
      lines[`service:${external_id}`] = row.line;
      lines[`service_at_location:${external_id}@${key}`] = row.line;
    }
  }
  if (apart) {
    const address = [first.location.address_1, first.location.city].filter(Boolean).join(', ') || '(no address)';
    (batch.keptApart ??= []).push({ lines: offers.map((o) => o.rows[0].line), name: first.organization.name, address, differs_in: differences(offers) });
  }
}
