import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ImportedLocation, ImportedPhone, ImportedSchedule } from './import-batch';
import {
  LocationInput,
  OrganizationInput,
  PhoneInput,
  ScheduleInput,
  ServiceAtLocationInput,
  ServiceInput,
  derivedId,
  toHsdsLocation,
  toHsdsOrganization,
  toHsdsService,
  toHsdsServiceAtLocation,
} from './hsds-export.mapper';
import { HsdsPackageRecords, writeHsdsPackage } from './hsds-package.writer';
import { parseHsdsPackage } from './parsers/hsds.parser';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../test/support/skips';

const SCHEMAS = path.join(SHARED_DATA_DIR, 'hsds3-schema/compiled');
const describeWithSchemas = describeWithSharedData('hsds-export.mapper: HSDS 3.0 JSON Schema validation', 'hsds3-schema/compiled');

// ---- fictional sample records, shaped like our REST models ----
const ORG = '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01';
const [NALOXONE, BY_MAIL] = ['0b9e8d1c-5a3f-4c2e-8d7b-6a5f4e3d2c1b', '1c8f7e6d-5b4a-4392-8170-6f5e4d3c2b1a'];
const [SITE, VAN, MAIL, HIDDEN] = [
  '5e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b',
  '6f3e2d1c-0b9a-4f8e-9d7c-6b5a4f3e2d1c',
  '7a4f3e2d-1c0b-4a9f-8e8d-7c6b5a4f3e2d',
  '8b5a4f3e-2d1c-4b0a-9f9e-8d7c6b5a4f3e',
];
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const phone = (n: number, number: string, extra: Partial<PhoneInput> = {}): PhoneInput => ({
  id: uuid(n),
  number,
  extension: null,
  type: 'voice',
  description: null,
  languages: [],
  ...extra,
});
const schedule = (n: number, byday: string[], opens: string, closes: string, notes: string | null = null): ScheduleInput => ({
  id: uuid(n),
  freq: 'WEEKLY',
  byday,
  opens_at: opens,
  closes_at: closes,
  timezone: 'America/Chicago',
  valid_from: null,
  valid_to: null,
  notes,
});
const area = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [-97, 32.5],
        [-96.5, 32.5],
        [-96.5, 33],
        [-97, 33],
        [-97, 32.5],
      ],
    ],
  ],
};
const texas = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [-106.6, 25.8],
        [-93.5, 25.8],
        [-93.5, 36.5],
        [-106.6, 36.5],
        [-106.6, 25.8],
      ],
    ],
  ],
};

const organization: OrganizationInput = {
  id: ORG,
  name: 'Trinity Street Harm Reduction Collective (fictional)',
  description: 'Peer-run syringe services and naloxone distribution. Demo data.',
  website: 'https://example.org/trinity',
  email: 'hello@example.org',
  attributes: [{ code: 'practice.peer-staff', name: 'Peer staff with lived experience' }],
  phones: [phone(1, '+12145550100', { description: 'Main line' })],
};
const services: ServiceInput[] = [
  {
    id: NALOXONE,
    organization_id: ORG,
    name: 'Naloxone distribution',
    description: 'Free naloxone kits and a two-minute how-to.',
    url: 'https://example.org/naloxone',
    email: null,
    status: 'active',
    eligibility_description: 'Anyone; no ID required.',
    fees_description: 'Free.',
    alert: null,
    assured_date: '2026-10-14',
    languages: ['en', 'es', 'ase'],
    attributes: [
      { code: 'service.naloxone.distribution', name: 'Naloxone distribution' },
      { code: 'access.no-id-required', name: 'No ID required' },
    ],
    phones: [phone(2, '+12145550142', { extension: '12', type: 'text' })],
    last_modified: '2026-10-14T15:04:05.000Z',
  },
  {
    id: BY_MAIL,
    organization_id: ORG,
    name: 'Safer-use supplies by mail',
    description: '',
    url: null,
    email: 'mail@example.org',
    status: 'temporarily closed',
    eligibility_description: null,
    fees_description: null,
    alert: null,
    assured_date: null,
    languages: [],
    attributes: [{ code: 'transport.delivery-by-mail', name: 'Delivery by mail' }],
    phones: [],
  },
];
const base = {
  description: null,
  address_visibility: 'public',
  location_precision_m: null,
  service_area: null,
  service_area_description: null,
  accessibility: null,
  transportation: null,
  hours_description: null,
  coordinates_approximate: false,
  languages: [],
  attributes: [],
  phones: [],
  schedules: [],
};
const locations: LocationInput[] = [
  {
    ...base,
    id: SITE,
    organization_id: ORG,
    location_type: 'physical',
    name: 'South Dallas drop-in center',
    description: 'Ring the side door.',
    geometry: { type: 'Point', coordinates: [-96.7657, 32.7495] },
    address: { address_1: '1200 Example Ave', address_2: 'Suite 4', city: 'Dallas', state_province: 'TX', postal_code: '75215', country: 'US' },
    accessibility: 'Step-free entrance; accessible restroom.',
    transportation: 'DART bus 19 stops at the door.',
    languages: ['en', 'es'],
    attributes: [{ code: 'transport.wheelchair-accessible', name: 'Wheelchair accessible' }],
    phones: [phone(3, '+12145550199')],
    schedules: [schedule(10, ['MO', 'TU', 'WE', 'TH', 'FR'], '09:00', '17:00', 'Closed on federal holidays')],
  },
  // mobile: a base point, an area, an address known only by city and state (no HSDS address: x_city, x_state_province)
  {
    ...base,
    id: VAN,
    organization_id: ORG,
    location_type: 'mobile',
    name: 'Outreach van',
    description: 'Parks between runs at the base point.',
    geometry: { type: 'Point', coordinates: [-96.7841, 32.7612] },
    service_area: area,
    coordinates_approximate: true,
    address: { address_1: null, address_2: null, city: 'Dallas', state_province: 'TX', postal_code: null, country: 'US' },
    hours_description: "Evenings; text the van for tonight's stops.",
    languages: ['en'],
    attributes: [{ code: 'transport.mobile-outreach', name: 'Mobile outreach' }],
    phones: [phone(4, '+12145550177', { type: 'cell', description: 'Outreach van cell phone', extension: 'press 2' })],
    schedules: [schedule(13, ['FR', 'SA'], '20:00', '02:00', 'Weather permitting')],
  },
  {
    ...base,
    id: MAIL,
    organization_id: ORG,
    location_type: 'virtual',
    name: 'Mail-order program',
    geometry: null,
    service_area: texas,
    address: { address_1: 'PO Box 123', address_2: null, city: 'Dallas', state_province: 'TX', postal_code: '75201', country: 'US' },
  },
  // address withheld: our API gives the point snapped to the 0.02° grid, no street, the area kept
  {
    ...base,
    id: HIDDEN,
    organization_id: ORG,
    location_type: 'physical',
    name: 'Syringe program (address on request)',
    description: 'Exact address shared by phone only.',
    geometry: { type: 'Point', coordinates: [-96.76, 32.76] },
    address_visibility: 'approximate',
    location_precision_m: 1600,
    address: { address_1: null, address_2: null, city: 'Dallas', state_province: 'TX', postal_code: '75215', country: 'US' },
    accessibility: 'Step-free entrance.',
    transportation: 'Call for directions.',
    languages: ['en', 'es'],
    attributes: [{ code: 'access.anonymous', name: 'Anonymous' }],
    phones: [phone(5, '+12145550150', { description: 'Call for the address' })],
    schedules: [schedule(14, ['MO', 'WE'], '12:00', '16:00'), schedule(16, ['SA', 'SU'], '00:00', '24:00')],
    hours_description: 'Also by appointment.',
  },
];
const hidden = locations[3];
const serviceAtLocations: ServiceAtLocationInput[] = [
  {
    id: uuid(20),
    service_id: NALOXONE,
    location_id: SITE,
    description: null,
    schedules: [schedule(11, ['SA'], '10:00', '14:00')],
    phones: [phone(6, '+12145550160', { description: 'Naloxone desk' })],
  },
  { id: uuid(21), service_id: NALOXONE, location_id: VAN, description: null, schedules: [schedule(12, ['FR', 'SA'], '20:00', '02:00')] },
  { id: uuid(22), service_id: BY_MAIL, location_id: MAIL, description: null, schedules: [] },
  { id: uuid(23), service_id: NALOXONE, location_id: HIDDEN, description: null, schedules: [schedule(15, ['MO'], '12:00', '14:00')] },
];
const records: HsdsPackageRecords = { organizations: [organization], services, locations, serviceAtLocations };
const TAXONOMY = [...organization.attributes!, ...services.flatMap((s) => s.attributes!), ...locations.flatMap((l) => l.attributes!)].map((t) => t.code);

describe('HSDS export mapper', () => {
  it('writes times as Table Schema time (HH:MM:SS); end of day 24:00 as 23:59:59', () => {
    const [site, hiddenSite] = [locations[0], locations[locations.length - 1]];
    expect(toHsdsLocation(site).schedules[0]).toMatchObject({ opens_at: '09:00:00', closes_at: '17:00:00' });
    expect(toHsdsLocation(hiddenSite).schedules.map((s) => [s.opens_at, s.closes_at])).toEqual([
      ['12:00:00', '16:00:00'],
      ['00:00:00', '23:59:59'],
    ]);
  });

  it('describes an organization without a description by its name (HSDS requires one)', () => {
    expect(toHsdsOrganization({ ...organization, description: '' }).description).toBe(organization.name);
    expect(toHsdsOrganization(organization).description).toBe(organization.description);
  });

  it('maps a location: [lng, lat] to latitude/longitude, a physical address, IANA zone kept beside the offset', () => {
    const l = toHsdsLocation(locations[0]);
    expect(l).toMatchObject({ location_type: 'physical', latitude: 32.7495, longitude: -96.7657 });
    expect(l.addresses).toEqual([expect.objectContaining({ address_1: '1200 Example Ave', address_type: 'physical', location_id: SITE })]);
    expect(l.schedules[0]).toMatchObject({ byday: 'MO,TU,WE,TH,FR', timezone: -6, x_timezone: 'America/Chicago', location_id: SITE });
    expect(l.attributes[0].taxonomy_term).toMatchObject({
      code: 'transport.wheelchair-accessible',
      taxonomy: 'harm-reduction',
      id: derivedId('taxonomy_term', 'transport.wheelchair-accessible'),
    });
    expect(l.languages.map((x) => [x.code, x.name])).toEqual([
      ['en', 'English'],
      ['es', 'Spanish'],
    ]);
  });

  it('withholds a hidden street: no HSDS address, only the approximate point and the area in x_ columns', () => {
    const h = toHsdsLocation(hidden);
    expect(h.addresses).toEqual([]);
    expect(h).toMatchObject({
      latitude: 32.76,
      longitude: -96.76,
      x_address_visibility: 'approximate',
      x_city: 'Dallas',
      x_state_province: 'TX',
      x_postal_code: '75215',
      x_country: 'US',
      x_hours_description: 'Also by appointment.',
    });
    expect(h).not.toHaveProperty('x_coordinates_approximate');
    // even an input that still holds the street never exports it
    const leaky = toHsdsLocation({ ...hidden, address: { ...hidden.address!, address_1: '1 Secret St', address_2: 'Back door' } });
    expect(JSON.stringify(leaky)).not.toMatch(/Secret|Back door|address_1/);
  });

  it('marks mobile locations and carries an address HSDS cannot hold (no street) in x_ columns', () => {
    const van = toHsdsLocation(locations[1]);
    expect(van).toMatchObject({
      location_type: 'physical',
      x_location_type: 'mobile',
      x_coordinates_approximate: true,
      x_city: 'Dallas',
      x_state_province: 'TX',
      x_country: 'US',
    });
    expect(van.addresses).toEqual([]);
    expect(van).not.toHaveProperty('x_address_visibility');
    // a complete public address is an HSDS address and nothing else
    expect(Object.keys(toHsdsLocation(locations[0])).filter((k) => /^x_(address_|city|state|postal|country)/.test(k))).toEqual([]);
  });

  it('puts a numeric extension as a number and derives stable ids', () => {
    const s = toHsdsService(services[0]);
    expect(s.phones[0]).toMatchObject({ extension: 12, type: 'text', service_id: NALOXONE });
    expect(toHsdsService(services[0])).toEqual(s);
    expect(toHsdsService({ ...services[0], phones: [phone(9, '+12145550000', { extension: 'press 2' })] }).phones[0]).toMatchObject({
      description: 'ext. press 2',
      x_extension: 'press 2',
    });
    expect(toHsdsService({ ...services[0], phones: [phone(9, '+12145550000', { extension: 'press 2' })] }).phones[0]).not.toHaveProperty('extension');
  });
});

describeWithSchemas('HSDS export validates against the compiled HSDS 3.0 schemas', () => {
  let validators: Record<'service' | 'organization' | 'service_at_location', ValidateFunction>;
  beforeAll(() => {
    // The compiled schemas carry Table Schema keywords (constraints, core...) and no $schema: draft-07-style, plain Ajv.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const load = (name: string) => ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, `${name}.json`), 'utf8')));
    validators = { service: load('service'), organization: load('organization'), service_at_location: load('service_at_location') };
  });
  const valid = (name: keyof typeof validators, value: unknown) => {
    validators[name](value);
    return validators[name].errors ?? [];
  };
  const withLocations = serviceAtLocations.map((s) => ({ ...s, location: locations.find((l) => l.id === s.location_id) }));

  it('service.json: every service, with its organization, locations, schedules and service areas', () => {
    for (const service of services) {
      const hsds = toHsdsService(service, { organization, serviceAtLocations: withLocations });
      expect(valid('service', hsds)).toEqual([]);
    }
    expect(toHsdsService(services[0], { serviceAtLocations: withLocations }).service_areas).toHaveLength(1);
  });

  it('organization.json: the organization with its services and every location, hidden address included', () => {
    expect(valid('organization', toHsdsOrganization(organization, { services, locations }))).toEqual([]);
  });

  it('service_at_location.json: each service at a location, with the service and the location', () => {
    for (const sal of withLocations) {
      const full = { ...sal, service: services.find((s) => s.id === sal.service_id), phones: [phone(30, '+12145550101')] };
      expect(valid('service_at_location', toHsdsServiceAtLocation(full))).toEqual([]);
    }
    expect(valid('service_at_location', toHsdsServiceAtLocation({ ...withLocations[0], location: hidden }))).toEqual([]);
  });

  it('the validator does catch a broken object (sanity check)', () => {
    expect(valid('service', { ...toHsdsService(services[0]), status: 'open', id: 'not-a-uuid' }).length).toBeGreaterThan(0);
  });
});

describe('HSDS tabular round trip: records -> writeHsdsPackage -> parseHsdsPackage', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'hsds-roundtrip-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const importedPhone = (p: PhoneInput): ImportedPhone => ({
    number: p.number,
    type: p.type as ImportedPhone['type'],
    extension: p.extension ?? null,
    description: p.description ?? null,
  });
  const importedSchedule = (s: ScheduleInput): ImportedSchedule => ({
    byday: s.byday,
    opens_at: s.opens_at,
    closes_at: s.closes_at,
    timezone: s.timezone,
    notes: s.notes ?? null,
  });
  const codes = (terms?: { code: string }[]) => (terms ?? []).map((t) => t.code);
  const importedLocation = (l: LocationInput): ImportedLocation => {
    const point = l.geometry?.coordinates as number[] | undefined;
    return {
      external_id: l.id,
      organization_external_id: l.organization_id,
      location_type: l.location_type as ImportedLocation['location_type'],
      name: l.name,
      description: l.description ?? null,
      latitude: point ? point[1] : null,
      longitude: point ? point[0] : null,
      coordinates_approximate: l.coordinates_approximate ?? false,
      service_area: l.service_area ?? null,
      service_area_description: l.service_area_description ?? null,
      address_1: l.address?.address_1 ?? null,
      address_2: l.address?.address_2 ?? null,
      city: l.address?.city ?? null,
      state_province: l.address?.state_province ?? null,
      postal_code: l.address?.postal_code ?? null,
      country: l.address?.country ?? 'US',
      address_visibility: l.address_visibility as ImportedLocation['address_visibility'],
      accessibility: l.accessibility ?? null,
      transportation: l.transportation ?? null,
      languages: l.languages,
      attributes: codes(l.attributes),
      phones: l.phones!.map(importedPhone),
      schedules: l.schedules!.map(importedSchedule),
      hours_text: l.hours_description ?? null,
    };
  };
  const csv = (file: string) => readFileSync(path.join(dir, file), 'utf8');

  it('reproduces the same records, with no rejections and no warnings', () => {
    const written = writeHsdsPackage(dir, records, {
      licence: { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' },
    });
    expect(written.omitted).toEqual([]);
    const batch = parseHsdsPackage(dir, { taxonomyCodes: TAXONOMY, strict: true });
    expect(batch.rejected).toEqual([]);
    expect(batch.warnings).toEqual([]);
    expect(batch.source).toBe('hsds:harm-reduction-directory');
    expect(batch.licence).toBe('Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/)');

    expect(batch.organizations).toEqual([
      {
        external_id: ORG,
        name: organization.name,
        description: organization.description,
        website: organization.website,
        email: organization.email,
        attributes: codes(organization.attributes),
        phones: organization.phones!.map(importedPhone),
      },
    ]);
    expect(batch.services).toEqual(
      services.map((s) => ({
        external_id: s.id,
        organization_external_id: s.organization_id,
        name: s.name,
        description: s.description,
        status: s.status,
        url: s.url,
        email: s.email,
        eligibility_description: s.eligibility_description,
        fees_description: s.fees_description,
        assured_date: s.assured_date,
        alert: s.alert ?? null,
        languages: s.languages,
        attributes: codes(s.attributes),
        phones: s.phones!.map(importedPhone),
      })),
    );
    expect(batch.locations).toEqual(locations.map(importedLocation));
    expect(batch.serviceAtLocations).toEqual(
      serviceAtLocations.map((s) => ({
        service_external_id: s.service_id,
        location_external_id: s.location_id,
        description: s.description ?? null,
        schedules: s.schedules!.map(importedSchedule),
        ...(s.phones?.length ? { phones: s.phones.map(importedPhone) } : {}),
      })),
    );
  });

  it('a hidden-address site round-trips its area and approximate point, and no street is ever written', () => {
    const leaky = { ...hidden, address: { ...hidden.address!, address_1: '1 Secret St', address_2: 'Back door' } };
    const sals = serviceAtLocations.filter((s) => [SITE, HIDDEN].includes(s.location_id));
    writeHsdsPackage(dir, { ...records, locations: [locations[0], leaky], serviceAtLocations: sals });
    for (const file of ['addresses.csv', 'locations.csv', 'datapackage.json']) expect(csv(file)).not.toMatch(/Secret|Back door/);
    expect(csv('addresses.csv').trim().split('\r\n')).toHaveLength(2); // header + the public site
    const batch = parseHsdsPackage(dir, { taxonomyCodes: TAXONOMY });
    expect(batch.rejected).toEqual([]);
    expect(batch.locations.find((l) => l.external_id === HIDDEN)).toEqual(importedLocation(hidden));
    expect(batch.locations.find((l) => l.external_id === HIDDEN)).toMatchObject({
      address_visibility: 'approximate',
      address_1: null,
      city: 'Dallas',
      state_province: 'TX',
      postal_code: '75215',
      country: 'US',
      latitude: 32.76,
      longitude: -96.76,
    });
  });

  it('a mobile location round-trips its type, base point, area, city and state, hours text and phones', () => {
    writeHsdsPackage(dir, records);
    const row = csv('locations.csv')
      .split('\r\n')
      .find((line) => line.startsWith(VAN))!;
    expect(row).toContain(',physical,'); // HSDS location_type
    expect(row).toContain(',mobile,'); // x_location_type
    const van = parseHsdsPackage(dir, { taxonomyCodes: TAXONOMY, strict: true }).locations.find((l) => l.external_id === VAN);
    expect(van).toEqual(importedLocation(locations[1]));
    expect(van).toMatchObject({ location_type: 'mobile', city: 'Dallas', state_province: 'TX', address_1: null, coordinates_approximate: true });
    expect(van!.phones).toEqual([{ number: '+12145550177', type: 'cell', extension: 'press 2', description: 'Outreach van cell phone' }]);
  });

  it('still rejects a physical site with a public address but no address at all', () => {
    const bare: LocationInput = { ...locations[0], address: null };
    writeHsdsPackage(dir, { ...records, locations: [bare], serviceAtLocations: [] });
    expect(parseHsdsPackage(dir, { taxonomyCodes: TAXONOMY }).rejected.map((r) => r.reason)).toEqual([
      'locations.csv line 2: location_type physical needs a physical address in addresses.csv',
    ]);
  });

  it('an incomplete public address (no ZIP) round-trips through x_address_1.., noted as invisible to other HSDS readers', () => {
    const noZip: LocationInput = { ...locations[0], address: { ...locations[0].address!, postal_code: null } };
    const written = writeHsdsPackage(dir, { ...records, locations: [noZip], serviceAtLocations: [] });
    expect(written.omitted).toEqual([
      `location ${SITE}: address incomplete (HSDS requires address_1, city, state_province, postal_code); written in the x_address_* columns only`,
    ]);
    const batch = parseHsdsPackage(dir, { taxonomyCodes: TAXONOMY, strict: true });
    expect(batch.rejected).toEqual([]);
    expect(batch.locations).toEqual([importedLocation(noZip)]);
  });

  it('service areas go back to their own location (x_location_id), even when one service is offered at several', () => {
    const second: LocationInput = { ...locations[1], id: uuid(40), name: 'Second van', service_area: texas, phones: [], schedules: [] };
    const sal = { id: uuid(41), service_id: NALOXONE, location_id: second.id, description: null, schedules: [] };
    writeHsdsPackage(dir, { ...records, locations: [...locations, second], serviceAtLocations: [...serviceAtLocations, sal] });
    const batch = parseHsdsPackage(dir, { taxonomyCodes: TAXONOMY, strict: true });
    expect(batch.rejected).toEqual([]);
    expect(batch.locations.find((l) => l.external_id === VAN)!.service_area).toEqual(area);
    expect(batch.locations.find((l) => l.external_id === second.id)!.service_area).toEqual(texas);
  });

  it('carries alert, service area description, service_at_location description and phone languages', () => {
    const withExtras: HsdsPackageRecords = {
      ...records,
      services: [{ ...services[0], alert: 'Closed Friday.', phones: [phone(2, '+12145550142', { languages: ['es'] })] }, services[1]],
      locations: locations.map((l) => (l.id === VAN ? { ...l, service_area_description: 'Downtown Dallas.' } : l)),
      serviceAtLocations: serviceAtLocations.map((s) => (s.location_id === MAIL ? { ...s, description: 'Orders any time.' } : s)),
    };
    writeHsdsPackage(dir, withExtras);
    const batch = parseHsdsPackage(dir, { taxonomyCodes: TAXONOMY, licence: 'test', strict: true });
    expect(batch.rejected).toEqual([]);
    expect(batch.warnings).toEqual([]);
    expect(batch.services[0]).toMatchObject({ alert: 'Closed Friday.', phones: [expect.objectContaining({ languages: ['es'] })] });
    expect(batch.locations.find((l) => l.external_id === VAN)).toMatchObject({ service_area_description: 'Downtown Dallas.' });
    expect(batch.serviceAtLocations.find((l) => l.location_external_id === MAIL)).toMatchObject({ description: 'Orders any time.' });
  });
});
