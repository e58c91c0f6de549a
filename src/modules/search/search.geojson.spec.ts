import { ReachingResult, SearchPage, SearchResult } from './search-result.model';
import { toFeatureCollection } from './search.geojson';

/** A hand-written page: one place (a fixed site) and one by-mail program. */
const SITE = {
  id: '11111111-1111-4111-8111-111111111111',
  reach: 'on_site',
  distance_m: 704.2,
  open_now: true,
  next_opens_at: null,
  assured_date: '2026-10-14',
  languages: ['en', 'es'],
  access: [{ code: 'access.free', name: 'Free' }],
  schedules: [],
  phones: [],
  service: { id: 's1', name: 'Naloxone vending machine' },
  organization: { id: 'o1', name: 'Dallas Naloxone Project' },
  location: {
    id: 'l1',
    name: 'South Dallas vending machine',
    address_visibility: 'public',
    location_precision_m: null,
    geometry: { type: 'Point', coordinates: [-96.7657, 32.7495] },
    service_area: null,
    address: { address_1: '4737 Specimen Way', address_2: null, city: 'Dallas', state_province: 'TX', postal_code: '75215', country: 'US' },
  },
} as unknown as SearchResult;

const BY_MAIL = {
  id: '22222222-2222-4222-8222-222222222222',
  reach: 'by_mail',
  open_now: null,
  next_opens_at: null,
  assured_date: null,
  languages: ['en'],
  access: [],
  schedules: [],
  phones: [{ id: 'p1', number: '+15125550112', original_text: null, extension: null, type: 'voice', description: null, languages: [] }],
  service: { id: 's2', name: 'Naloxone by mail' },
  organization: { id: 'o2', name: 'Texas Naloxone by Mail' },
  location: {
    id: 'l2',
    name: 'Texas Naloxone by Mail (statewide)',
    address_visibility: 'public',
    location_precision_m: null,
    geometry: { type: 'Point', coordinates: [-97.7431, 30.2672] },
    service_area: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [-106, 26],
            [-93, 26],
            [-93, 36],
            [-106, 36],
            [-106, 26],
          ],
        ],
      ],
    },
    service_area_description: 'All of Texas.',
    address: null,
  },
} as unknown as ReachingResult;

const PAGE: SearchPage = {
  data: [SITE],
  reaching: [BY_MAIL],
  page: {
    limit: 1,
    next_cursor: 'eyJ2IjoxfQ',
    origin: { latitude: 32.752897, longitude: -96.761, source: 'postal_code', precision_m: 5000, label: 'Dallas, TX 75215' },
  },
};

describe('toFeatureCollection', () => {
  // what a client receives: the JSON text, parsed
  const fc = JSON.parse(JSON.stringify(toFeatureCollection(PAGE)));

  it('is an RFC 7946 FeatureCollection: one Feature per place, its point as geometry', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toEqual([
      {
        type: 'Feature',
        id: '11111111-1111-4111-8111-111111111111',
        geometry: { type: 'Point', coordinates: [-96.7657, 32.7495] },
        properties: expect.objectContaining({ reach: 'on_site', distance_m: 704.2, service: { id: 's1', name: 'Naloxone vending machine' } }),
      },
    ]);
    // the point is the geometry, not repeated in properties; the rest of the location is
    expect(fc.features[0].properties.location).toEqual({
      id: 'l1',
      name: 'South Dallas vending machine',
      address_visibility: 'public',
      location_precision_m: null,
      service_area: null,
      address: { address_1: '4737 Specimen Way', address_2: null, city: 'Dallas', state_province: 'TX', postal_code: '75215', country: 'US' },
    });
  });

  it('carries reaching as a documented foreign member: the same listings, without a point', () => {
    expect(fc.reaching).toHaveLength(1);
    const [mail] = fc.reaching;
    expect(mail).toMatchObject({ id: '22222222-2222-4222-8222-222222222222', reach: 'by_mail', organization: { name: 'Texas Naloxone by Mail' } });
    expect(mail.location.geometry).toBeUndefined();
    expect(mail.location.service_area_description).toBe('All of Texas.');
    expect(mail.phones[0].number).toBe('+15125550112');
    expect(mail.type).toBeUndefined(); // not a Feature: a GeoJSON reader walking features never meets it
  });

  it('carries page with the origin', () => {
    expect(fc.page).toEqual({
      limit: 1,
      next_cursor: 'eyJ2IjoxfQ',
      origin: { latitude: 32.752897, longitude: -96.761, source: 'postal_code', precision_m: 5000, label: 'Dallas, TX 75215' },
    });
  });

  it('adds no member RFC 7946 section 7.1 forbids on a FeatureCollection', () => {
    expect(Object.keys(fc).sort()).toEqual(['features', 'page', 'reaching', 'type']);
    for (const reserved of ['geometry', 'properties', 'coordinates', 'geometries']) expect(fc).not.toHaveProperty(reserved);
    for (const feature of fc.features) {
      expect(Object.keys(feature).sort()).toEqual(['geometry', 'id', 'properties', 'type']);
      const [lng, lat] = feature.geometry.coordinates;
      expect(Math.abs(lng)).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
    }
  });

  it('leaves the page it was given untouched', () => {
    expect(PAGE.data[0].location.geometry).toEqual({ type: 'Point', coordinates: [-96.7657, 32.7495] });
    expect(PAGE.reaching[0].location.geometry).toEqual({ type: 'Point', coordinates: [-97.7431, 30.2672] });
  });

  it('an empty page is an empty collection, still with page and reaching', () => {
    const empty = toFeatureCollection({ ...PAGE, data: [], reaching: [] });
    expect(empty).toEqual({ type: 'FeatureCollection', features: [], reaching: [], page: PAGE.page });
  });
});
