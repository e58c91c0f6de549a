import { normalizePhoneNumber } from '../../common/phones/phone-number';
import { DemoDataset, generateDemoData } from './demo-data.generator';
import { DEMO_METROS, metroOf, ringSignedArea } from './demo-metros';

/** Every code in docs/taxonomy.md, so a typo in the generator fails here before it fails a foreign key. */
const TAXONOMY = `
service.syringe-services service.syringe-services.syringe-exchange service.syringe-services.syringe-disposal
service.syringe-services.safer-use-supplies service.syringe-services.safer-smoking-supplies service.naloxone
service.naloxone.distribution service.naloxone.vending-machine service.naloxone.by-mail
service.naloxone.overdose-response-training service.moud service.moud.buprenorphine service.moud.methadone
service.moud.naltrexone service.moud.telehealth-prescribing service.moud.same-day-start service.drug-checking
service.drug-checking.fentanyl-test-strips service.drug-checking.xylazine-test-strips service.drug-checking.spectrometry
service.testing-and-prevention service.testing-and-prevention.hiv-testing service.testing-and-prevention.hcv-testing
service.testing-and-prevention.prep service.testing-and-prevention.vaccination service.wound-care
service.overdose-prevention-center service.peer-support service.case-management service.basic-needs service.mental-health
access.walk-in access.no-id-required access.no-insurance-required access.free access.sliding-scale access.medicaid-accepted
access.anonymous access.open-24-7 access.no-abstinence-requirement access.no-prescription-needed
transport.near-public-transit transport.transportation-provided transport.mobile-outreach transport.delivery-by-mail
transport.telehealth transport.wheelchair-accessible transport.parking
population.youth population.women population.pregnant-parenting population.lgbtq population.veterans
population.justice-involved population.unhoused population.sex-workers
practice.no-discharge-for-use practice.no-abstinence-goal-required practice.peer-staff practice.participant-advisory-board
practice.secondary-distribution practice.no-police-referral practice.confidential-services practice.overdose-education
practice.culturally-specific-services practice.language-access`
  .trim()
  .split(/\s+/);
const isLeaf = (code: string): boolean => !TAXONOMY.some((other) => other.startsWith(`${code}.`));

const REQUIRED_SERVICE_CODES = TAXONOMY.filter(
  (c) => c.startsWith('service.') && isLeaf(c) && !['spectrometry', 'vaccination', 'overdose-prevention-center'].some((skip) => c.endsWith(skip)),
);
const LANGUAGES = ['en', 'es', 'zh', 'vi', 'ko', 'tl', 'ar', 'ht', 'ru', 'so', 'am', 'fr', 'pt', 'nv', 'haw', 'chk', 'ase'];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Ray casting on [lng, lat] pairs; good enough far from the edges. */
function ringContains(ring: number[][], lng: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe('generateDemoData', () => {
  const data: DemoDataset = generateDemoData();
  const byId = <T extends { id: string }>(rows: T[]): Map<string, T> => new Map(rows.map((r) => [r.id, r]));
  const orgs = byId(data.organizations);
  const services = byId(data.services);
  const locations = byId(data.locations);
  const sals = byId(data.serviceAtLocations);
  const phones = byId(data.phones);
  const attrsOf = (key: 'organization_id' | 'service_id' | 'location_id', id: string): string[] =>
    data.attributes.filter((a) => a[key] === id).map((a) => a.taxonomy_term_code);
  const salsAt = (locationId: string) => data.serviceAtLocations.filter((s) => s.location_id === locationId);
  const servicesAt = (locationId: string) => salsAt(locationId).map((s) => services.get(s.service_id)!);
  const serviceCodesAt = (locationId: string): string[] => servicesAt(locationId).flatMap((s) => attrsOf('service_id', s.id));
  const metroOfLocation = (id: string) => data.meta.locationMetro[id];

  it('is deterministic, and the seed matters', () => {
    expect(generateDemoData()).toEqual(data);
    expect(generateDemoData(20261126)).toEqual(data);
    const other = generateDemoData(7);
    expect(other.organizations[0].id).not.toEqual(data.organizations[0].id);
  });

  it('uses unique version-4 UUIDs everywhere', () => {
    const all = [
      data.organizations,
      data.services,
      data.locations,
      data.serviceAtLocations,
      data.schedules,
      data.phones,
      data.languages,
      data.attributes,
    ].flatMap((rows) => rows.map((r) => r.id));
    for (const id of all) expect(id).toMatch(UUID_V4);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([20261126, 1, 42, 99999])('has the required size with seed %s', (seed) => {
    const d = seed === 20261126 ? data : generateDemoData(seed);
    expect(d.locations.length).toBeGreaterThanOrEqual(300);
    expect(d.locations.length).toBeLessThanOrEqual(400);
    expect(d.organizations.length).toBeGreaterThanOrEqual(60);
    expect(d.organizations.length).toBeLessThanOrEqual(90);
    for (const org of d.organizations) {
      const nServices = d.services.filter((s) => s.organization_id === org.id).length;
      const nLocations = d.locations.filter((l) => l.organization_id === org.id).length;
      expect([org.name, nServices >= 1 && nServices <= 4]).toEqual([org.name, true]);
      expect([org.name, nLocations >= 1 && nLocations <= 8]).toEqual([org.name, true]);
    }
  });

  it('is clearly fictional', () => {
    for (const org of data.organizations) {
      expect(org.name.startsWith('Demo ') || org.name.endsWith('(fictional)')).toBe(true);
      expect(org.description).toMatch(/demo data/i);
      expect(org.website).toMatch(/^https:\/\/example\.org\//);
      if (org.email) expect(org.email).toMatch(/@example\.org$/);
    }
    for (const s of data.services) {
      expect(s.description).toMatch(/demo data/i);
      if (s.email) expect(s.email).toMatch(/@example\.org$/);
      if (s.url) expect(s.url).toMatch(/^https:\/\/example\.org\//);
    }
    // fictional (555-0100..0199) and already in the E.164 form every stored number takes
    for (const p of data.phones) {
      expect(p.number).toMatch(/^\+1\d{3}55501\d{2}$/);
      expect(normalizePhoneNumber(p.number)).toEqual({ ok: true, phone: { number: p.number, extension: null, original_text: null } });
    }
  });

  it('keeps referential integrity', () => {
    for (const s of data.services) expect(orgs.has(s.organization_id)).toBe(true);
    for (const l of data.locations) expect(orgs.has(l.organization_id)).toBe(true);
    for (const sal of data.serviceAtLocations) {
      const service = services.get(sal.service_id);
      const location = locations.get(sal.location_id);
      expect(service && location && service.organization_id === location.organization_id).toBe(true);
    }
    const pairs = data.serviceAtLocations.map((s) => `${s.service_id}|${s.location_id}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const s of data.services) expect(data.serviceAtLocations.some((x) => x.service_id === s.id)).toBe(true);
    for (const l of data.locations) expect(salsAt(l.id).length).toBeGreaterThan(0);
    for (const sc of data.schedules) expect(sals.has(sc.service_at_location_id)).toBe(true);
    for (const p of data.phones) {
      expect([p.service_id, p.location_id].filter(Boolean)).toHaveLength(1);
      expect(p.service_id ? services.has(p.service_id) : locations.has(p.location_id!)).toBe(true);
    }
    for (const l of data.languages) {
      expect([l.service_id, l.location_id, l.phone_id].filter(Boolean)).toHaveLength(1);
      expect(services.has(l.service_id!) || locations.has(l.location_id!) || phones.has(l.phone_id!)).toBe(true);
    }
    for (const a of data.attributes) {
      expect([a.organization_id, a.service_id, a.location_id].filter(Boolean)).toHaveLength(1);
      expect(orgs.has(a.organization_id!) || services.has(a.service_id!) || locations.has(a.location_id!)).toBe(true);
    }
    const attrKeys = data.attributes.map((a) => `${a.taxonomy_term_code}|${a.organization_id}|${a.service_id}|${a.location_id}`);
    expect(new Set(attrKeys).size).toBe(attrKeys.length);
    const langKeys = data.languages.map((l) => `${l.code}|${l.service_id}|${l.location_id}|${l.phone_id}`);
    expect(new Set(langKeys).size).toBe(langKeys.length);
  });

  it('places every location inside its metro, with a plausible address', () => {
    for (const l of data.locations) {
      if (l.location_type === 'virtual') {
        expect([l.latitude, l.longitude, metroOfLocation(l.id)]).toEqual([null, null, null]);
        expect(l.service_area).not.toBeNull();
        continue;
      }
      const metro = metroOf(metroOfLocation(l.id)!);
      const { box } = metro;
      expect(l.latitude! >= -90 && l.latitude! <= 90 && l.longitude! >= -180 && l.longitude! <= 180).toBe(true);
      expect([l.name, l.latitude! >= box.minLat && l.latitude! <= box.maxLat]).toEqual([l.name, true]);
      expect([l.name, l.longitude! >= box.minLng && l.longitude! <= box.maxLng]).toEqual([l.name, true]);
      expect(l.state_province).toMatch(/^[A-Z]{2}$/);
      expect(l.country).toBe('US');
      if (l.location_type === 'physical') {
        expect(l.address_1 && l.city && l.state_province).toBeTruthy();
        expect(l.postal_code).toMatch(/^\d{5}$/);
        expect(metro.zips.map((z) => z.zip)).toContain(l.postal_code);
      }
      if (metro.key === 'san-juan') expect([l.state_province, l.postal_code?.slice(0, 3)]).toEqual(['PR', '009']);
    }
    const metros = new Set(Object.values(data.meta.locationMetro).filter(Boolean));
    expect(metros.size).toBeGreaterThanOrEqual(8);
    const timezones = Object.fromEntries(DEMO_METROS.map((m) => [m.key, m.timezone]));
    expect(timezones).toMatchObject({
      dallas: 'America/Chicago',
      'new-york': 'America/New_York',
      'los-angeles': 'America/Los_Angeles',
      denver: 'America/Denver',
      phoenix: 'America/Phoenix',
      anchorage: 'America/Anchorage',
      honolulu: 'Pacific/Honolulu',
      'san-juan': 'America/Puerto_Rico',
      gallup: 'America/Denver',
    });
    const zip75215 = data.locations.filter((l) => l.postal_code === '75215');
    expect(zip75215.length).toBeGreaterThanOrEqual(2);
  });

  it('uses known taxonomy codes on the right entities, leaf codes on services', () => {
    for (const a of data.attributes) {
      expect(TAXONOMY).toContain(a.taxonomy_term_code);
      const branch = a.taxonomy_term_code.split('.')[0];
      if (a.organization_id) expect(branch).toBe('practice');
      if (a.service_id) expect(['service', 'population']).toContain(branch);
      if (a.location_id) expect(['access', 'transport']).toContain(branch);
      if (branch === 'service') expect([a.taxonomy_term_code, isLeaf(a.taxonomy_term_code)]).toEqual([a.taxonomy_term_code, true]);
    }
    const used = new Set(data.attributes.map((a) => a.taxonomy_term_code));
    for (const code of REQUIRED_SERVICE_CODES) expect([code, used.has(code)]).toEqual([code, true]);
    for (const s of data.services) expect(attrsOf('service_id', s.id).some((c) => c.startsWith('service.'))).toBe(true);
    for (const l of data.locations) {
      if (attrsOf('location_id', l.id).includes('access.open-24-7')) {
        for (const sal of salsAt(l.id)) {
          const rows = data.schedules.filter((s) => s.service_at_location_id === sal.id);
          expect(rows.some((r) => r.byday.length === 7 && r.opens_at === '00:00' && r.closes_at === '24:00')).toBe(true);
        }
      }
    }
  });

  it('speaks a realistic mix of languages', () => {
    for (const l of data.languages) expect(LANGUAGES).toContain(l.code);
    const langsOf = (serviceId: string) => data.languages.filter((l) => l.service_id === serviceId).map((l) => l.code);
    for (const s of data.services) expect(langsOf(s.id)).toContain('en');
    const used = new Set(data.languages.map((l) => l.code));
    for (const code of LANGUAGES) expect([code, used.has(code)]).toEqual([code, true]);
    const aslServices = data.services.filter((s) => langsOf(s.id).includes('ase'));
    expect(aslServices.length).toBeGreaterThanOrEqual(2);
    expect(aslServices.length).toBeLessThanOrEqual(6);
    const serviceMetro = (s: { organization_id: string }): string | null => {
      const site = data.locations.find((l) => l.organization_id === s.organization_id && metroOfLocation(l.id));
      return site ? metroOfLocation(site.id) : null;
    };
    const share = (metro: string, code: string): number => {
      const inMetro = data.services.filter((s) => serviceMetro(s) === metro);
      return inMetro.filter((s) => langsOf(s.id).includes(code)).length / inMetro.length;
    };
    expect(share('san-juan', 'es')).toBe(1);
    expect(share('dallas', 'es')).toBeGreaterThan(0.5);
    expect(share('gallup', 'nv')).toBeGreaterThan(0.3);
    expect(share('honolulu', 'haw') + share('honolulu', 'chk')).toBeGreaterThan(0);
  });

  it('has varied, valid schedules and verification dates', () => {
    const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
    for (const s of data.schedules) {
      expect(s.byday.length).toBeGreaterThan(0);
      for (const d of s.byday) expect(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']).toContain(d);
      expect(s.opens_at).toMatch(hhmm);
      expect(s.closes_at === '24:00' || hhmm.test(s.closes_at)).toBe(true);
      expect(s.opens_at).not.toBe(s.closes_at);
      const sal = sals.get(s.service_at_location_id)!;
      const metroKey = metroOfLocation(sal.location_id);
      if (metroKey) expect(s.timezone).toBe(metroOf(metroKey).timezone);
    }
    expect(data.schedules.filter((s) => s.closes_at !== '24:00' && s.closes_at < s.opens_at).length).toBeGreaterThan(5);
    expect(data.schedules.some((s) => s.byday.length === 2 && s.byday.includes('SA') && s.byday.includes('SU'))).toBe(true);
    const statuses = data.services.map((s) => s.status);
    expect(statuses.filter((s) => s === 'active').length / statuses.length).toBeGreaterThan(0.85);
    expect(statuses).toContain('temporarily closed');
    const dates = data.services.map((s) => s.assured_date);
    expect(dates).toContain(null);
    for (const d of dates.filter((x): x is string => x !== null)) {
      expect(d >= '2024-11-01' && d <= '2026-11-01').toBe(true);
    }
    expect(new Set(dates).size).toBeGreaterThan(50);
    expect(data.services.some((s) => s.eligibility_description) && data.services.some((s) => s.fees_description)).toBe(true);
  });

  it('includes a syringe services program in every metro and a clinic for each MOUD medication', () => {
    for (const metro of DEMO_METROS) {
      const offered = data.locations
        .filter((l) => metroOfLocation(l.id) === metro.key)
        .some((l) => serviceCodesAt(l.id).some((c) => c.startsWith('service.syringe-services.')));
      expect([metro.key, offered]).toEqual([metro.key, true]);
      expect(orgs.has(data.meta.syringeProgramByMetro[metro.key])).toBe(true);
    }
    const { methadoneClinic, buprenorphineClinic, naltrexoneClinic } = data.meta.specialCases;
    expect(serviceCodesAt(methadoneClinic.locationId)).toContain('service.moud.methadone');
    expect(serviceCodesAt(buprenorphineClinic.locationId)).toContain('service.moud.buprenorphine');
    expect(serviceCodesAt(naltrexoneClinic.locationId)).toContain('service.moud.naltrexone');
    for (const c of [methadoneClinic, buprenorphineClinic, naltrexoneClinic]) {
      expect(locations.get(c.locationId)!.location_type).toBe('physical');
    }
  });

  it('keeps every fixed special case active and verified', () => {
    for (const c of Object.values(data.meta.specialCases)) {
      expect(services.get(c.serviceId)).toMatchObject({ organization_id: c.organizationId, status: 'active' });
      expect(services.get(c.serviceId)!.assured_date).not.toBeNull();
      expect(locations.get(c.locationId)).toMatchObject({ organization_id: c.organizationId, name: c.name });
      expect(salsAt(c.locationId).map((s) => s.service_id)).toContain(c.serviceId);
    }
  });

  it('includes a 24/7 naloxone vending machine', () => {
    const { vendingMachine: v } = data.meta.specialCases;
    expect(attrsOf('location_id', v.locationId)).toEqual(expect.arrayContaining(['access.open-24-7', 'access.free']));
    expect(attrsOf('service_id', v.serviceId)).toContain('service.naloxone.vending-machine');
    const sal = salsAt(v.locationId).find((s) => s.service_id === v.serviceId)!;
    expect(data.schedules.filter((s) => s.service_at_location_id === sal.id)).toEqual([
      expect.objectContaining({ byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens_at: '00:00', closes_at: '24:00' }),
    ]);
  });

  it('includes a mobile outreach van with a base point and a service area', () => {
    const { mobileVan } = data.meta.specialCases;
    const van = locations.get(mobileVan.locationId)!;
    expect(van.location_type).toBe('mobile');
    expect(van.latitude).not.toBeNull();
    expect(attrsOf('location_id', van.id)).toContain('transport.mobile-outreach');
    const ring = van.service_area!.coordinates[0][0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ringSignedArea(ring)).toBeGreaterThan(0);
    const center = metroOf('dallas').center;
    const radiusKm = Math.abs(ring[8][1] - center.lat) * 111.32;
    expect(radiusKm).toBeGreaterThanOrEqual(10);
    expect(radiusKm).toBeLessThanOrEqual(20);
    expect(ringContains(ring, van.longitude!, van.latitude!)).toBe(true);
  });

  it('includes a statewide naloxone-by-mail program covering Texas', () => {
    const { naloxoneByMail } = data.meta.specialCases;
    const loc = locations.get(naloxoneByMail.locationId)!;
    expect([loc.location_type, loc.latitude, loc.longitude]).toEqual(['virtual', null, null]);
    expect(attrsOf('location_id', loc.id)).toContain('transport.delivery-by-mail');
    expect(attrsOf('service_id', naloxoneByMail.serviceId)).toContain('service.naloxone.by-mail');
    expect(loc.service_area!.type).toBe('MultiPolygon');
    const ring = loc.service_area!.coordinates[0][0];
    expect(ring.length).toBeGreaterThanOrEqual(20);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ringSignedArea(ring)).toBeGreaterThan(0);
    const inside = [
      [-96.76, 32.75],
      [-97.74, 30.27],
      [-95.37, 29.76],
      [-98.49, 29.42],
      [-106.44, 31.76],
      [-101.83, 35.22],
    ];
    for (const [lng, lat] of inside) expect([lng, lat, ringContains(ring, lng, lat)]).toEqual([lng, lat, true]);
    const outside = [
      [-97.52, 35.47],
      [-92.0, 30.2],
      [-106.65, 35.08],
      [-100.3, 25.67],
    ];
    for (const [lng, lat] of outside) expect([lng, lat, ringContains(ring, lng, lat)]).toEqual([lng, lat, false]);
  });

  it('includes a syringe program whose exact address is withheld', () => {
    const { hiddenAddress } = data.meta.specialCases;
    const loc = locations.get(hiddenAddress.locationId)!;
    expect(loc.address_visibility).toBe('approximate');
    expect(loc.postal_code).toBe('75215');
    expect(serviceCodesAt(loc.id).some((c) => c.startsWith('service.syringe-services.'))).toBe(true);
    expect(data.phones.some((p) => p.location_id === loc.id) || servicesAt(loc.id).some((s) => data.phones.some((p) => p.service_id === s.id))).toBe(true);
  });
});
