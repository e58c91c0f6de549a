import {
  ACCESSIBLE_TEXT,
  ARCHETYPES,
  Archetype,
  ELIGIBILITY,
  FEES,
  NOT_ACCESSIBLE_TEXT,
  ORG_WORDS,
  POPULATIONS,
  PRACTICES,
  PatternKey,
  SCHEDULE_PATTERNS,
  SERVICE_TEMPLATES,
  TemplateKey,
} from './demo-catalog';
import { DEMO_METROS, DemoMetro, DemoZip, GeoJsonMultiPolygon, KM_PER_DEG_LAT, LatLng, PR_STREETS, US_STREETS, circlePolygon } from './demo-metros';
import { addSpecialCases } from './demo-special-cases';

export type { GeoJsonMultiPolygon } from './demo-metros';

/**
 * The demo dataset a newcomer sees: clearly fictional organizations around
 * real metros. Pure and deterministic: the same seed always yields the same
 * rows and the same ids (no Date.now(), no Math.random()).
 */
export const DEMO_DEFAULT_SEED = 20261126;
/** "Today" for verification dates, fixed so that re-runs are identical. */
export const DEMO_REFERENCE_DATE = '2026-11-01';

export type LocationType = 'physical' | 'mobile' | 'virtual';
export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export interface DemoOrganizationRow {
  id: string;
  name: string;
  description: string;
  website: string | null;
  email: string | null;
}
export interface DemoServiceRow {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  eligibility_description: string | null;
  fees_description: string | null;
  alert: string | null;
  assured_date: string | null;
}
export interface DemoLocationRow {
  id: string;
  organization_id: string;
  location_type: LocationType;
  name: string;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  service_area: GeoJsonMultiPolygon | null;
  service_area_description: string | null;
  address_1: string | null;
  address_2: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
  country: string;
  address_visibility: 'public' | 'approximate';
  accessibility: string | null;
  transportation: string | null;
}
export interface DemoServiceAtLocationRow {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
}
export interface DemoScheduleRow {
  id: string;
  service_at_location_id: string;
  timezone: string;
  freq: 'WEEKLY';
  byday: string[];
  opens_at: string;
  closes_at: string;
  notes: string | null;
}
export interface DemoPhoneRow {
  id: string;
  service_id: string | null;
  location_id: string | null;
  number: string;
  type: 'voice' | 'text' | 'cell' | 'video';
  description: string | null;
  sort_order: number;
}
export interface DemoLanguageRow {
  id: string;
  code: string;
  service_id: string | null;
  location_id: string | null;
  phone_id: string | null;
  note: string | null;
}
export interface DemoAttributeRow {
  id: string;
  taxonomy_term_code: string;
  organization_id: string | null;
  service_id: string | null;
  location_id: string | null;
}
export interface DemoSpecialCase {
  organizationId: string;
  serviceId: string;
  locationId: string;
  name: string;
}
export type DemoSpecialKey =
  'vendingMachine' | 'mobileVan' | 'naloxoneByMail' | 'hiddenAddress' | 'methadoneClinic' | 'buprenorphineClinic' | 'naltrexoneClinic';

export interface DemoDataset {
  organizations: DemoOrganizationRow[];
  services: DemoServiceRow[];
  locations: DemoLocationRow[];
  serviceAtLocations: DemoServiceAtLocationRow[];
  schedules: DemoScheduleRow[];
  phones: DemoPhoneRow[];
  languages: DemoLanguageRow[];
  attributes: DemoAttributeRow[];
  /** Not a table: provenance for tests and docs. */
  meta: {
    seed: number;
    referenceDate: string;
    /** Metro key of each location; null for the statewide by-mail program. */
    locationMetro: Record<string, string | null>;
    specialCases: Record<DemoSpecialKey, DemoSpecialCase>;
    /** The fixed syringe services program of each metro (organization id). */
    syringeProgramByMetro: Record<string, string>;
  };
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let r = this.next() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  /** Standard normal (Box-Muller). */
  gaussian(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
  /** An RFC 4122 version-4 UUID built from this stream. */
  uuid(): string {
    const b: number[] = [];
    for (let i = 0; i < 4; i++) {
      const w = Math.floor(this.next() * 4294967296);
      b.push((w >>> 24) & 255, (w >>> 16) & 255, (w >>> 8) & 255, w & 255);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

interface ServiceCtx {
  row: DemoServiceRow;
  codes: string[];
  langs: string[];
}
interface OrgCtx {
  row: DemoOrganizationRow;
  metro: DemoMetro;
  arch: Archetype;
  services: ServiceCtx[];
  siteCount: number;
}
interface SiteOptions {
  point?: LatLng;
  zip?: string;
  type?: LocationType;
  visibility?: 'public' | 'approximate';
  name?: string;
  description?: string;
  pattern?: PatternKey;
  offered?: ServiceCtx[];
  serviceArea?: GeoJsonMultiPolygon;
  serviceAreaDescription?: string;
  extraAttrs?: string[];
  salDescription?: string;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const COMPASS = ['East', 'Northeast', 'North', 'Northwest', 'West', 'Southwest', 'South', 'Southeast'];

export class DemoBuilder {
  readonly data: DemoDataset;
  private readonly rng: Rng;
  private readonly ids: Rng;
  private readonly attrKeys = new Set<string>();
  private readonly langKeys = new Set<string>();
  private readonly orgNames = new Set<string>();

  constructor(seed: number) {
    this.rng = new Rng(seed);
    this.ids = new Rng((seed ^ 0x5bd1e995) >>> 0);
    this.data = {
      organizations: [],
      services: [],
      locations: [],
      serviceAtLocations: [],
      schedules: [],
      phones: [],
      languages: [],
      attributes: [],
      meta: { seed, referenceDate: DEMO_REFERENCE_DATE, locationMetro: {}, specialCases: {} as DemoDataset['meta']['specialCases'], syringeProgramByMetro: {} },
    };
  }

  organization(metro: DemoMetro, arch: Archetype, name: string, description?: string): OrgCtx {
    if (this.orgNames.has(name)) throw new Error(`duplicate demo organization name: ${name}`);
    this.orgNames.add(name);
    const slug = name
      .toLowerCase()
      .replace(/\(fictional\)|^demo /g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const row: DemoOrganizationRow = {
      id: this.ids.uuid(),
      name,
      description: description ?? `Demo data: a fictional ${ARCHETYPES[arch].label} in ${metro.name}. Not a real provider; do not use for referrals.`,
      website: `https://example.org/demo/${slug}`,
      email: this.rng.chance(0.85) ? `${slug}@example.org` : null,
    };
    this.data.organizations.push(row);
    const low = ARCHETYPES[arch].lowBarrier;
    const cultural = ['gallup', 'honolulu', 'san-juan'].includes(metro.key);
    for (const [code, pLow, pClinic] of PRACTICES) {
      const p = cultural && code.startsWith('practice.culturally') ? 0.8 : low ? pLow : pClinic;
      if (this.rng.chance(p)) this.attribute(code, { organization_id: row.id });
    }
    this.attribute('practice.confidential-services', { organization_id: row.id });
    return { row, metro, arch, services: [], siteCount: 0 };
  }

  /** `pinned` services (the fixed special cases) are always active and verified. */
  service(org: OrgCtx, key: TemplateKey, opts: { langs?: string[]; pinned?: boolean } = {}): ServiceCtx {
    const t: { name: string; description: string; codes: string[]; optional?: Array<[string, number]> } = SERVICE_TEMPLATES[key];
    const low = ARCHETYPES[org.arch].lowBarrier;
    const closed = this.rng.chance(0.05) && !opts.pinned;
    const row: DemoServiceRow = {
      id: this.ids.uuid(),
      organization_id: org.row.id,
      name: t.name,
      description: `${t.description} Demo data: fictional listing, not a real service.`,
      url: this.rng.chance(0.6) ? `${org.row.website}/${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : null,
      email: this.rng.chance(0.3) ? org.row.email : null,
      status: closed ? 'temporarily closed' : 'active',
      eligibility_description: this.rng.chance(0.5) ? this.rng.pick(low ? ELIGIBILITY.low : ELIGIBILITY.clinic) : null,
      fees_description: this.rng.chance(0.6) ? this.rng.pick(low ? FEES.low : FEES.clinic) : null,
      alert: closed ? 'Temporarily closed while the site moves (demo data).' : null,
      assured_date: this.assuredDate(opts.pinned),
    };
    this.data.services.push(row);
    const codes = [...t.codes, ...(t.optional ?? []).filter(([, p]) => this.rng.chance(p)).map(([c]) => c)];
    for (const code of codes) this.attribute(code, { service_id: row.id });
    if (this.rng.chance(0.45)) {
      for (const code of this.rng.shuffle(POPULATIONS).slice(0, this.rng.int(1, 2))) this.attribute(code, { service_id: row.id });
    }
    const picked = org.metro.languages.filter(([, p]) => this.rng.chance(p)).map(([c]) => c);
    const langs = [...new Set(['en', ...picked, ...(opts.langs ?? [])])];
    for (const code of langs) this.language(code, { service_id: row.id });
    const ctx = { row, codes, langs };
    org.services.push(ctx);
    return ctx;
  }

  /** A location of `org` offering some of its services, with hours, phone, languages and attributes. */
  site(org: OrgCtx, o: SiteOptions = {}): DemoLocationRow {
    const { metro } = org;
    const rng = this.rng;
    const type = o.type ?? 'physical';
    const point = type === 'virtual' ? null : (o.point ?? this.scatter(metro));
    const zip = point ? (metro.zips.find((z) => z.zip === o.zip) ?? this.nearestZip(metro, point)) : null;
    org.siteCount++;
    const name = o.name ?? this.siteName(org, point, zip);
    const pattern: PatternKey = o.pattern ?? (type === 'mobile' ? 'lateNight' : rng.weighted(ARCHETYPES[org.arch].hours));
    const allDay = pattern === 'allDay';
    const transit = type === 'physical' && rng.chance(metro.transitShare);
    const wheelchair = type === 'physical' && rng.chance(0.6);
    const parking = type === 'physical' && rng.chance(metro.transitShare < 0.5 ? 0.8 : 0.3);
    const rides = type === 'physical' && !ARCHETYPES[org.arch].lowBarrier && rng.chance(0.15);
    const transport = [
      transit ? rng.pick([`A short walk from a ${metro.transit} stop.`, `${metro.transit} stop across the street.`]) : null,
      parking ? 'Free parking on site.' : null,
      rides ? 'Rides to appointments available; ask when you call.' : null,
    ]
      .filter(Boolean)
      .join(' ');
    const street = rng.pick(metro.addressStyle === 'pr' ? PR_STREETS : US_STREETS);
    const num = rng.int(100, 9899);
    const physical = type === 'physical';
    const row: DemoLocationRow = {
      id: this.ids.uuid(),
      organization_id: org.row.id,
      location_type: type,
      name,
      description: o.description ?? 'Demo data: a fictional site, not a real place to go.',
      latitude: point ? round6(point.lat) : null,
      longitude: point ? round6(point.lng) : null,
      service_area: o.serviceArea ?? null,
      service_area_description: o.serviceAreaDescription ?? null,
      address_1: physical ? (metro.addressStyle === 'pr' ? `${street} ${num}` : `${num} ${street}`) : null,
      address_2: physical && rng.chance(0.2) ? `Suite ${rng.int(1, 4)}${String(rng.int(0, 20)).padStart(2, '0')}` : null,
      city: zip?.city ?? null,
      state_province: zip ? (zip.state ?? metro.stateProvince) : type === 'virtual' ? metro.stateProvince : null,
      postal_code: physical && zip ? zip.zip : null,
      country: 'US',
      address_visibility: o.visibility ?? 'public',
      accessibility: physical ? (wheelchair ? rng.pick(ACCESSIBLE_TEXT) : rng.chance(0.3) ? NOT_ACCESSIBLE_TEXT : null) : null,
      transportation: transport || null,
    };
    this.data.locations.push(row);
    this.data.meta.locationMetro[row.id] = type === 'virtual' ? null : metro.key;

    const offered = o.offered ?? (org.siteCount === 1 ? org.services : org.services.filter(() => rng.chance(0.6)));
    if (offered.length === 0) offered.push(rng.pick(org.services));
    for (const s of offered) {
      const sal: DemoServiceAtLocationRow = { id: this.ids.uuid(), service_id: s.row.id, location_id: row.id, description: o.salDescription ?? null };
      this.data.serviceAtLocations.push(sal);
      const own = !allDay && type === 'physical' && rng.chance(0.2) ? 'appointment' : pattern;
      for (const iv of SCHEDULE_PATTERNS[own]) {
        this.data.schedules.push({
          id: this.ids.uuid(),
          service_at_location_id: sal.id,
          timezone: metro.timezone,
          freq: 'WEEKLY',
          byday: [...iv.byday],
          opens_at: iv.opens,
          closes_at: iv.closes,
          notes: 'notes' in iv ? (iv.notes ?? null) : null,
        });
      }
    }

    const codes = new Set(offered.flatMap((s) => s.codes));
    const low = ARCHETYPES[org.arch].lowBarrier;
    const attr = (code: string, p = 1): void => {
      if (rng.chance(p)) this.attribute(code, { location_id: row.id });
    };
    if (type !== 'virtual') {
      attr('access.walk-in', low ? 0.85 : 0.4);
      attr('access.no-id-required', low ? 0.7 : 0.1);
      attr('access.no-abstinence-requirement', low ? 0.8 : 0.45);
      if (low) {
        attr('access.free', 0.9);
        attr('access.anonymous', 0.45);
      } else {
        attr('access.medicaid-accepted', 0.85);
        attr('access.sliding-scale', 0.5);
        attr('access.no-insurance-required', 0.3);
      }
      if ([...codes].some((c) => c.startsWith('service.naloxone.'))) attr('access.no-prescription-needed', 0.8);
    }
    if (allDay) attr('access.open-24-7');
    if (transit) attr('transport.near-public-transit');
    if (wheelchair) attr('transport.wheelchair-accessible');
    if (parking) attr('transport.parking');
    if (rides) attr('transport.transportation-provided');
    if (type === 'mobile') attr('transport.mobile-outreach');
    if (codes.has('service.moud.telehealth-prescribing')) attr('transport.telehealth');
    for (const code of o.extraAttrs ?? []) attr(code);

    // A site with a withheld address must still be reachable by phone.
    if (type !== 'virtual' && (o.visibility === 'approximate' || rng.chance(0.9))) {
      const phone = this.phone(
        metro,
        { location_id: row.id },
        type === 'mobile' ? 'cell' : 'voice',
        type === 'mobile' ? 'Outreach van cell phone' : 'Main line',
      );
      const second = metro.languages[0]?.[0];
      if (second && rng.chance(0.15)) this.language(second, { phone_id: phone.id }, 'Staff on this line speak this language.');
    }
    if (type === 'physical' && rng.chance(0.3)) {
      const spoken = new Set(offered.flatMap((s) => s.langs));
      for (const code of ['en', ...[...spoken].filter((c) => c !== 'en' && rng.chance(0.7))]) {
        this.language(code, { location_id: row.id }, code === 'en' ? null : 'Front-desk staff speak this language.');
      }
    }
    return row;
  }

  /** "<org>: Main site", then a name from the site's town or its direction from the metro centre. */
  private siteName(org: OrgCtx, point: LatLng | null, zip: DemoZip | null): string {
    const { metro } = org;
    let label = 'Main site';
    if (org.siteCount > 1 && zip && !metro.name.startsWith(zip.city)) label = `${zip.city} site`;
    else if (org.siteCount > 1 && point) {
      const dy = (point.lat - metro.center.lat) * KM_PER_DEG_LAT;
      const dx = (point.lng - metro.center.lng) * KM_PER_DEG_LAT * Math.cos((metro.center.lat * Math.PI) / 180);
      const octant = (Math.round(Math.atan2(dy, dx) / (Math.PI / 4)) + 8) % 8;
      label = Math.hypot(dx, dy) < 3 ? 'Downtown site' : `${COMPASS[octant]} site`;
    }
    const taken = this.data.locations.filter((l) => l.organization_id === org.row.id && l.name.includes(`: ${label}`)).length;
    if (taken > 0) label += ` ${taken + 1}`;
    const base = org.row.name.replace(/^Demo /, '').replace(/ \(fictional\)$/, '');
    return org.row.name.startsWith('Demo ') ? `Demo ${base}: ${label}` : `${base}: ${label} (fictional)`;
  }

  phone(
    metro: DemoMetro,
    owner: { location_id?: string; service_id?: string },
    type: DemoPhoneRow['type'],
    description: string,
    areaCode?: string,
  ): DemoPhoneRow {
    const row: DemoPhoneRow = {
      id: this.ids.uuid(),
      service_id: owner.service_id ?? null,
      location_id: owner.location_id ?? null,
      // E.164, as every stored number (src/common/phones); 555-0100..0199 is reserved for fiction
      number: `+1${areaCode ?? this.rng.pick(metro.areaCodes)}55501${String(this.rng.int(0, 99)).padStart(2, '0')}`,
      type,
      description,
      sort_order: this.data.phones.filter((p) => p.location_id === owner.location_id && p.service_id === owner.service_id).length,
    };
    this.data.phones.push(row);
    return row;
  }

  special(key: DemoSpecialKey, org: OrgCtx, service: ServiceCtx, location: DemoLocationRow): void {
    this.data.meta.specialCases[key] = { organizationId: org.row.id, serviceId: service.row.id, locationId: location.id, name: location.name };
  }

  private attribute(code: string, owner: { organization_id?: string; service_id?: string; location_id?: string }): void {
    const key = `${code}|${owner.organization_id ?? ''}|${owner.service_id ?? ''}|${owner.location_id ?? ''}`;
    if (this.attrKeys.has(key)) return;
    this.attrKeys.add(key);
    this.data.attributes.push({
      id: this.ids.uuid(),
      taxonomy_term_code: code,
      organization_id: owner.organization_id ?? null,
      service_id: owner.service_id ?? null,
      location_id: owner.location_id ?? null,
    });
  }

  private language(code: string, owner: { service_id?: string; location_id?: string; phone_id?: string }, note: string | null = null): void {
    const key = `${code}|${owner.service_id ?? ''}|${owner.location_id ?? ''}|${owner.phone_id ?? ''}`;
    if (this.langKeys.has(key)) return;
    this.langKeys.add(key);
    this.data.languages.push({
      id: this.ids.uuid(),
      code,
      service_id: owner.service_id ?? null,
      location_id: owner.location_id ?? null,
      phone_id: owner.phone_id ?? null,
      note,
    });
  }

  private assuredDate(pinned = false): string | null {
    if (this.rng.chance(0.1) && !pinned) return null;
    const ref = Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`);
    return new Date(ref - this.rng.int(0, 730) * 86_400_000).toISOString().slice(0, 10);
  }

  /** Gaussian scatter around the metro centre, kept inside the metro box. */
  private scatter(metro: DemoMetro): LatLng {
    const { box, center, spreadKm } = metro;
    for (let attempt = 0; attempt < 20; attempt++) {
      const lat = center.lat + (this.rng.gaussian() * spreadKm) / KM_PER_DEG_LAT;
      const lng = center.lng + (this.rng.gaussian() * spreadKm) / (KM_PER_DEG_LAT * Math.cos((center.lat * Math.PI) / 180));
      if (lat > box.minLat && lat < box.maxLat && lng > box.minLng && lng < box.maxLng) return { lat, lng };
    }
    return { ...center };
  }

  private nearestZip(metro: DemoMetro, p: LatLng): DemoZip {
    const k = Math.cos((p.lat * Math.PI) / 180);
    const d = (z: LatLng): number => (z.lat - p.lat) ** 2 + ((z.lng - p.lng) * k) ** 2;
    return metro.zips.reduce((best, z) => (d(z) < d(best) ? z : best));
  }

  /** Random organizations and sites; the total number of locations lands in [330, 370]. */
  randomOrganizations(): void {
    const rng = this.rng;
    const plan: Array<{ metro: DemoMetro; arch: Archetype; sites: number }> = [];
    for (const metro of DEMO_METROS) {
      for (let i = 0; i < metro.randomOrganizations; i++) {
        const arch = rng.weighted(Object.entries(ARCHETYPES).map(([k, v]) => [k as Archetype, v.weight] as const));
        plan.push({
          metro,
          arch,
          sites: rng.weighted([
            [1, 5],
            [2, 10],
            [3, 14],
            [4, 17],
            [5, 17],
            [6, 15],
            [7, 12],
            [8, 10],
          ]),
        });
      }
    }
    const total = (): number => this.data.locations.length + plan.reduce((s, p) => s + p.sites, 0);
    while (total() > 370) {
      const p = rng.pick(plan.filter((x) => x.sites > 1));
      p.sites--;
    }
    while (total() < 330) {
      const p = rng.pick(plan.filter((x) => x.sites < 8));
      p.sites++;
    }

    const words = rng.shuffle(ORG_WORDS);
    plan.forEach(({ metro, arch, sites }, i) => {
      const spec = ARCHETYPES[arch];
      let name = '';
      for (let k = 0; !name || this.orgNames.has(name); k++) {
        const base = `${words[(i + k) % words.length]} ${rng.pick(spec.kinds)}`;
        name = rng.chance(0.5) ? `Demo ${base}` : `${base} (fictional)`;
      }
      const org = this.organization(metro, arch, name);
      const templates: TemplateKey[] = [
        spec.core,
        ...rng.shuffle(spec.extras).slice(
          0,
          rng.weighted([
            [0, 2],
            [1, 3.5],
            [2, 3],
            [3, 1.5],
          ]),
        ),
      ];
      for (const t of templates) this.service(org, t);
      let hasVan = false;
      for (let j = 0; j < sites; j++) {
        const mobile = j > 0 && !hasVan && (arch === 'ssp' || arch === 'naloxone') && rng.chance(0.12);
        if (mobile) {
          hasVan = true;
          const point = this.scatter(metro);
          this.site(org, {
            type: 'mobile',
            point,
            name: `${org.row.name.replace(/ \(fictional\)$/, '')} outreach van${name.endsWith(')') ? ' (fictional)' : ''}`,
            serviceArea: circlePolygon(point, rng.int(8, 14)),
            serviceAreaDescription: `Neighbourhoods around its base in ${metro.name}.`,
          });
        } else {
          const hidden = arch === 'ssp' && rng.chance(0.1);
          this.site(org, hidden ? { visibility: 'approximate', description: "Exact address shared by phone only, for participants' safety. Demo data." } : {});
        }
      }
    });
  }
}

/** Builds the whole demo dataset. Same seed, same rows, same ids. */
export function generateDemoData(seed = DEMO_DEFAULT_SEED): DemoDataset {
  const b = new DemoBuilder(seed);
  addSpecialCases(b);
  b.randomOrganizations();
  return b.data;
}
