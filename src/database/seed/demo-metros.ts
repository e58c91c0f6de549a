/**
 * Static geography for the demo dataset: the metros it scatters fictional
 * sites around, a few real ZIP codes per metro (approximate centroids, used
 * to give each fictional address a plausible ZIP), and a simplified outline of
 * Texas for the statewide naloxone-by-mail program.
 *
 * Coordinates are WGS84 degrees. Nothing here names a real provider.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

/** RFC 7946 MultiPolygon: [polygon][ring][vertex][lng, lat]; exterior rings counter-clockwise. */
export interface GeoJsonMultiPolygon {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

export interface DemoZip {
  zip: string;
  city: string;
  /** Overrides the metro's state (the Gallup metro spans NM and AZ). */
  state?: string;
  lat: number;
  lng: number;
}

export interface DemoMetro {
  key: string;
  name: string;
  stateProvince: string;
  /** IANA time zone used for every schedule in the metro. */
  timezone: string;
  center: { lat: number; lng: number };
  /** Every generated point in the metro stays inside this box. */
  box: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  /** Standard deviation of the gaussian scatter around the centre, in km. */
  spreadKm: number;
  /** How many randomly generated organizations the metro gets. */
  randomOrganizations: number;
  areaCodes: string[];
  /** Used in the free-text `transportation` field. */
  transit: string;
  /** Chance a site is near public transit. */
  transitShare: number;
  addressStyle: 'us' | 'pr';
  zips: DemoZip[];
  /** Extra languages besides English, with the chance a service offers each. */
  languages: Array<[code: string, probability: number]>;
}

export const US_STREETS = [
  'Example St',
  'Sample Ave',
  'Demo Blvd',
  'Placeholder Rd',
  'Fictional Ln',
  'Specimen Way',
  'Illustration Dr',
  'Prototype Ave',
  'Mockup St',
  'Template Pkwy',
  'Exemplar Ct',
  'Sandbox Rd',
];

export const PR_STREETS = ['Calle Ejemplo', 'Avenida Muestra', 'Calle Ficticia', 'Calle Demostración', 'Avenida Modelo', 'Calle Prototipo'];

export const DEMO_METROS: DemoMetro[] = [
  {
    key: 'dallas',
    name: 'Dallas',
    stateProvince: 'TX',
    timezone: 'America/Chicago',
    center: { lat: 32.7767, lng: -96.797 },
    box: { minLat: 32.6, maxLat: 32.98, minLng: -97.0, maxLng: -96.55 },
    spreadKm: 9,
    randomOrganizations: 8,
    areaCodes: ['214', '469', '972'],
    transit: 'DART',
    transitShare: 0.6,
    addressStyle: 'us',
    zips: [
      { zip: '75201', city: 'Dallas', lat: 32.79, lng: -96.804 },
      { zip: '75204', city: 'Dallas', lat: 32.803, lng: -96.785 },
      { zip: '75215', city: 'Dallas', lat: 32.75, lng: -96.76 },
      { zip: '75210', city: 'Dallas', lat: 32.77, lng: -96.745 },
      { zip: '75226', city: 'Dallas', lat: 32.787, lng: -96.77 },
      { zip: '75203', city: 'Dallas', lat: 32.745, lng: -96.8 },
      { zip: '75208', city: 'Dallas', lat: 32.75, lng: -96.84 },
      { zip: '75216', city: 'Dallas', lat: 32.71, lng: -96.79 },
      { zip: '75217', city: 'Dallas', lat: 32.71, lng: -96.68 },
      { zip: '75228', city: 'Dallas', lat: 32.825, lng: -96.68 },
      { zip: '75219', city: 'Dallas', lat: 32.812, lng: -96.815 },
      { zip: '75212', city: 'Dallas', lat: 32.78, lng: -96.88 },
      { zip: '75220', city: 'Dallas', lat: 32.865, lng: -96.87 },
      { zip: '75231', city: 'Dallas', lat: 32.875, lng: -96.75 },
      { zip: '75241', city: 'Dallas', lat: 32.67, lng: -96.77 },
    ],
    languages: [
      ['es', 0.8],
      ['vi', 0.12],
      ['ar', 0.06],
      ['am', 0.05],
      ['ko', 0.04],
      ['zh', 0.04],
    ],
  },
  {
    key: 'new-york',
    name: 'New York',
    stateProvince: 'NY',
    timezone: 'America/New_York',
    center: { lat: 40.74, lng: -73.93 },
    box: { minLat: 40.57, maxLat: 40.9, minLng: -74.02, maxLng: -73.75 },
    spreadKm: 8,
    randomOrganizations: 8,
    areaCodes: ['212', '718', '347'],
    transit: 'subway',
    transitShare: 0.9,
    addressStyle: 'us',
    zips: [
      { zip: '10002', city: 'New York', lat: 40.716, lng: -73.986 },
      { zip: '10009', city: 'New York', lat: 40.726, lng: -73.979 },
      { zip: '10027', city: 'New York', lat: 40.811, lng: -73.953 },
      { zip: '10029', city: 'New York', lat: 40.792, lng: -73.944 },
      { zip: '10001', city: 'New York', lat: 40.75, lng: -73.997 },
      { zip: '10451', city: 'Bronx', lat: 40.82, lng: -73.923 },
      { zip: '10454', city: 'Bronx', lat: 40.808, lng: -73.917 },
      { zip: '10456', city: 'Bronx', lat: 40.83, lng: -73.908 },
      { zip: '11206', city: 'Brooklyn', lat: 40.701, lng: -73.942 },
      { zip: '11212', city: 'Brooklyn', lat: 40.663, lng: -73.913 },
      { zip: '11221', city: 'Brooklyn', lat: 40.691, lng: -73.927 },
      { zip: '11432', city: 'Jamaica', lat: 40.715, lng: -73.793 },
      { zip: '11354', city: 'Flushing', lat: 40.768, lng: -73.827 },
      { zip: '11372', city: 'Jackson Heights', lat: 40.751, lng: -73.883 },
    ],
    languages: [
      ['es', 0.7],
      ['zh', 0.25],
      ['ru', 0.12],
      ['ht', 0.12],
      ['ko', 0.08],
      ['ar', 0.06],
      ['fr', 0.06],
      ['pt', 0.04],
    ],
  },
  {
    key: 'chicago',
    name: 'Chicago',
    stateProvince: 'IL',
    timezone: 'America/Chicago',
    center: { lat: 41.86, lng: -87.69 },
    box: { minLat: 41.66, maxLat: 42.02, minLng: -87.85, maxLng: -87.62 },
    spreadKm: 8,
    randomOrganizations: 6,
    areaCodes: ['312', '773'],
    transit: "CTA 'L'",
    transitShare: 0.8,
    addressStyle: 'us',
    zips: [
      { zip: '60612', city: 'Chicago', lat: 41.88, lng: -87.688 },
      { zip: '60623', city: 'Chicago', lat: 41.849, lng: -87.717 },
      { zip: '60624', city: 'Chicago', lat: 41.88, lng: -87.723 },
      { zip: '60608', city: 'Chicago', lat: 41.849, lng: -87.669 },
      { zip: '60640', city: 'Chicago', lat: 41.972, lng: -87.662 },
      { zip: '60613', city: 'Chicago', lat: 41.954, lng: -87.657 },
      { zip: '60651', city: 'Chicago', lat: 41.902, lng: -87.741 },
      { zip: '60609', city: 'Chicago', lat: 41.81, lng: -87.655 },
      { zip: '60619', city: 'Chicago', lat: 41.745, lng: -87.605 },
      { zip: '60637', city: 'Chicago', lat: 41.781, lng: -87.604 },
      { zip: '60647', city: 'Chicago', lat: 41.921, lng: -87.701 },
      { zip: '60616', city: 'Chicago', lat: 41.845, lng: -87.625 },
    ],
    languages: [
      ['es', 0.6],
      ['ar', 0.08],
      ['zh', 0.08],
      ['ko', 0.05],
      ['tl', 0.05],
      ['ru', 0.05],
    ],
  },
  {
    key: 'los-angeles',
    name: 'Los Angeles',
    stateProvince: 'CA',
    timezone: 'America/Los_Angeles',
    center: { lat: 34.045, lng: -118.26 },
    box: { minLat: 33.85, maxLat: 34.25, minLng: -118.5, maxLng: -118.05 },
    spreadKm: 10,
    randomOrganizations: 7,
    areaCodes: ['213', '323'],
    transit: 'LA Metro',
    transitShare: 0.65,
    addressStyle: 'us',
    zips: [
      { zip: '90012', city: 'Los Angeles', lat: 34.062, lng: -118.239 },
      { zip: '90013', city: 'Los Angeles', lat: 34.045, lng: -118.241 },
      { zip: '90021', city: 'Los Angeles', lat: 34.03, lng: -118.24 },
      { zip: '90011', city: 'Los Angeles', lat: 34.007, lng: -118.258 },
      { zip: '90003', city: 'Los Angeles', lat: 33.964, lng: -118.273 },
      { zip: '90044', city: 'Los Angeles', lat: 33.953, lng: -118.292 },
      { zip: '90026', city: 'Los Angeles', lat: 34.078, lng: -118.261 },
      { zip: '90028', city: 'Los Angeles', lat: 34.099, lng: -118.327 },
      { zip: '90004', city: 'Los Angeles', lat: 34.076, lng: -118.309 },
      { zip: '90033', city: 'Los Angeles', lat: 34.049, lng: -118.21 },
      { zip: '90057', city: 'Los Angeles', lat: 34.062, lng: -118.277 },
      { zip: '90031', city: 'Los Angeles', lat: 34.079, lng: -118.211 },
    ],
    languages: [
      ['es', 0.85],
      ['ko', 0.2],
      ['tl', 0.15],
      ['zh', 0.12],
      ['vi', 0.08],
      ['ar', 0.04],
      ['ru', 0.04],
    ],
  },
  {
    key: 'seattle',
    name: 'Seattle',
    stateProvince: 'WA',
    timezone: 'America/Los_Angeles',
    center: { lat: 47.61, lng: -122.33 },
    box: { minLat: 47.5, maxLat: 47.75, minLng: -122.42, maxLng: -122.25 },
    spreadKm: 6,
    randomOrganizations: 5,
    areaCodes: ['206'],
    transit: 'Link light rail',
    transitShare: 0.75,
    addressStyle: 'us',
    zips: [
      { zip: '98104', city: 'Seattle', lat: 47.602, lng: -122.326 },
      { zip: '98101', city: 'Seattle', lat: 47.611, lng: -122.333 },
      { zip: '98122', city: 'Seattle', lat: 47.611, lng: -122.305 },
      { zip: '98144', city: 'Seattle', lat: 47.585, lng: -122.295 },
      { zip: '98108', city: 'Seattle', lat: 47.541, lng: -122.302 },
      { zip: '98118', city: 'Seattle', lat: 47.541, lng: -122.273 },
      { zip: '98103', city: 'Seattle', lat: 47.673, lng: -122.342 },
      { zip: '98105', city: 'Seattle', lat: 47.661, lng: -122.3 },
      { zip: '98125', city: 'Seattle', lat: 47.717, lng: -122.3 },
      { zip: '98133', city: 'Seattle', lat: 47.738, lng: -122.343 },
      { zip: '98106', city: 'Seattle', lat: 47.534, lng: -122.355 },
      { zip: '98102', city: 'Seattle', lat: 47.636, lng: -122.322 },
    ],
    languages: [
      ['es', 0.4],
      ['vi', 0.15],
      ['zh', 0.15],
      ['so', 0.15],
      ['am', 0.12],
      ['ko', 0.08],
      ['tl', 0.08],
      ['ru', 0.06],
    ],
  },
  {
    key: 'denver',
    name: 'Denver',
    stateProvince: 'CO',
    timezone: 'America/Denver',
    center: { lat: 39.74, lng: -104.99 },
    box: { minLat: 39.6, maxLat: 39.88, minLng: -105.12, maxLng: -104.8 },
    spreadKm: 7,
    randomOrganizations: 5,
    areaCodes: ['303', '720'],
    transit: 'RTD',
    transitShare: 0.6,
    addressStyle: 'us',
    zips: [
      { zip: '80202', city: 'Denver', lat: 39.753, lng: -104.999 },
      { zip: '80203', city: 'Denver', lat: 39.731, lng: -104.983 },
      { zip: '80204', city: 'Denver', lat: 39.734, lng: -105.026 },
      { zip: '80205', city: 'Denver', lat: 39.76, lng: -104.966 },
      { zip: '80206', city: 'Denver', lat: 39.731, lng: -104.952 },
      { zip: '80211', city: 'Denver', lat: 39.766, lng: -105.021 },
      { zip: '80216', city: 'Denver', lat: 39.782, lng: -104.967 },
      { zip: '80219', city: 'Denver', lat: 39.696, lng: -105.034 },
      { zip: '80220', city: 'Denver', lat: 39.733, lng: -104.917 },
      { zip: '80223', city: 'Denver', lat: 39.7, lng: -105.002 },
      { zip: '80218', city: 'Denver', lat: 39.731, lng: -104.971 },
      { zip: '80210', city: 'Denver', lat: 39.679, lng: -104.963 },
    ],
    languages: [
      ['es', 0.6],
      ['vi', 0.08],
      ['am', 0.06],
      ['so', 0.05],
      ['ar', 0.04],
      ['ru', 0.04],
    ],
  },
  {
    key: 'phoenix',
    name: 'Phoenix',
    stateProvince: 'AZ',
    timezone: 'America/Phoenix',
    center: { lat: 33.46, lng: -112.07 },
    box: { minLat: 33.3, maxLat: 33.65, minLng: -112.3, maxLng: -111.9 },
    spreadKm: 10,
    randomOrganizations: 5,
    areaCodes: ['602', '480'],
    transit: 'Valley Metro',
    transitShare: 0.5,
    addressStyle: 'us',
    zips: [
      { zip: '85003', city: 'Phoenix', lat: 33.451, lng: -112.078 },
      { zip: '85004', city: 'Phoenix', lat: 33.451, lng: -112.068 },
      { zip: '85006', city: 'Phoenix', lat: 33.465, lng: -112.048 },
      { zip: '85007', city: 'Phoenix', lat: 33.447, lng: -112.091 },
      { zip: '85008', city: 'Phoenix', lat: 33.466, lng: -111.999 },
      { zip: '85009', city: 'Phoenix', lat: 33.456, lng: -112.128 },
      { zip: '85013', city: 'Phoenix', lat: 33.508, lng: -112.083 },
      { zip: '85015', city: 'Phoenix', lat: 33.508, lng: -112.101 },
      { zip: '85017', city: 'Phoenix', lat: 33.515, lng: -112.123 },
      { zip: '85034', city: 'Phoenix', lat: 33.43, lng: -112.028 },
      { zip: '85040', city: 'Phoenix', lat: 33.39, lng: -112.028 },
      { zip: '85041', city: 'Phoenix', lat: 33.388, lng: -112.095 },
    ],
    languages: [
      ['es', 0.85],
      ['nv', 0.08],
      ['vi', 0.05],
      ['ar', 0.04],
    ],
  },
  {
    key: 'atlanta',
    name: 'Atlanta',
    stateProvince: 'GA',
    timezone: 'America/New_York',
    center: { lat: 33.75, lng: -84.39 },
    box: { minLat: 33.6, maxLat: 33.92, minLng: -84.58, maxLng: -84.22 },
    spreadKm: 8,
    randomOrganizations: 4,
    areaCodes: ['404', '678'],
    transit: 'MARTA',
    transitShare: 0.55,
    addressStyle: 'us',
    zips: [
      { zip: '30303', city: 'Atlanta', lat: 33.752, lng: -84.392 },
      { zip: '30308', city: 'Atlanta', lat: 33.772, lng: -84.378 },
      { zip: '30310', city: 'Atlanta', lat: 33.727, lng: -84.424 },
      { zip: '30312', city: 'Atlanta', lat: 33.746, lng: -84.378 },
      { zip: '30314', city: 'Atlanta', lat: 33.757, lng: -84.431 },
      { zip: '30315', city: 'Atlanta', lat: 33.705, lng: -84.383 },
      { zip: '30316', city: 'Atlanta', lat: 33.721, lng: -84.334 },
      { zip: '30318', city: 'Atlanta', lat: 33.789, lng: -84.446 },
      { zip: '30309', city: 'Atlanta', lat: 33.798, lng: -84.388 },
      { zip: '30311', city: 'Atlanta', lat: 33.724, lng: -84.472 },
      { zip: '30344', city: 'East Point', lat: 33.678, lng: -84.457 },
    ],
    languages: [
      ['es', 0.5],
      ['ko', 0.08],
      ['vi', 0.08],
      ['am', 0.06],
      ['zh', 0.05],
      ['fr', 0.05],
      ['ht', 0.03],
    ],
  },
  {
    key: 'philadelphia',
    name: 'Philadelphia',
    stateProvince: 'PA',
    timezone: 'America/New_York',
    center: { lat: 39.965, lng: -75.15 },
    box: { minLat: 39.87, maxLat: 40.1, minLng: -75.3, maxLng: -75.0 },
    spreadKm: 6,
    randomOrganizations: 5,
    areaCodes: ['215', '267'],
    transit: 'SEPTA',
    transitShare: 0.8,
    addressStyle: 'us',
    zips: [
      { zip: '19134', city: 'Philadelphia', lat: 39.993, lng: -75.111 },
      { zip: '19133', city: 'Philadelphia', lat: 39.993, lng: -75.141 },
      { zip: '19140', city: 'Philadelphia', lat: 40.012, lng: -75.145 },
      { zip: '19122', city: 'Philadelphia', lat: 39.978, lng: -75.141 },
      { zip: '19125', city: 'Philadelphia', lat: 39.977, lng: -75.125 },
      { zip: '19107', city: 'Philadelphia', lat: 39.951, lng: -75.159 },
      { zip: '19104', city: 'Philadelphia', lat: 39.959, lng: -75.198 },
      { zip: '19139', city: 'Philadelphia', lat: 39.961, lng: -75.23 },
      { zip: '19143', city: 'Philadelphia', lat: 39.944, lng: -75.228 },
      { zip: '19146', city: 'Philadelphia', lat: 39.938, lng: -75.18 },
      { zip: '19147', city: 'Philadelphia', lat: 39.936, lng: -75.155 },
      { zip: '19121', city: 'Philadelphia', lat: 39.981, lng: -75.174 },
    ],
    languages: [
      ['es', 0.65],
      ['zh', 0.08],
      ['vi', 0.08],
      ['ru', 0.06],
      ['ht', 0.05],
      ['ar', 0.05],
      ['pt', 0.08],
      ['fr', 0.03],
    ],
  },
  {
    key: 'anchorage',
    name: 'Anchorage',
    stateProvince: 'AK',
    timezone: 'America/Anchorage',
    center: { lat: 61.19, lng: -149.87 },
    box: { minLat: 61.08, maxLat: 61.28, minLng: -150.05, maxLng: -149.7 },
    spreadKm: 4,
    randomOrganizations: 2,
    areaCodes: ['907'],
    transit: 'People Mover',
    transitShare: 0.35,
    addressStyle: 'us',
    zips: [
      { zip: '99501', city: 'Anchorage', lat: 61.217, lng: -149.862 },
      { zip: '99503', city: 'Anchorage', lat: 61.189, lng: -149.887 },
      { zip: '99504', city: 'Anchorage', lat: 61.204, lng: -149.745 },
      { zip: '99508', city: 'Anchorage', lat: 61.203, lng: -149.813 },
      { zip: '99507', city: 'Anchorage', lat: 61.15, lng: -149.827 },
      { zip: '99515', city: 'Anchorage', lat: 61.118, lng: -149.89 },
      { zip: '99517', city: 'Anchorage', lat: 61.188, lng: -149.938 },
      { zip: '99502', city: 'Anchorage', lat: 61.16, lng: -149.96 },
    ],
    languages: [
      ['es', 0.35],
      ['tl', 0.25],
      ['ko', 0.08],
      ['ru', 0.05],
      ['so', 0.03],
    ],
  },
  {
    key: 'honolulu',
    name: 'Honolulu',
    stateProvince: 'HI',
    timezone: 'Pacific/Honolulu',
    center: { lat: 21.315, lng: -157.85 },
    box: { minLat: 21.28, maxLat: 21.4, minLng: -157.95, maxLng: -157.75 },
    spreadKm: 3.5,
    randomOrganizations: 2,
    areaCodes: ['808'],
    transit: 'TheBus',
    transitShare: 0.7,
    addressStyle: 'us',
    zips: [
      { zip: '96813', city: 'Honolulu', lat: 21.317, lng: -157.853 },
      { zip: '96814', city: 'Honolulu', lat: 21.295, lng: -157.847 },
      { zip: '96815', city: 'Honolulu', lat: 21.281, lng: -157.822 },
      { zip: '96817', city: 'Honolulu', lat: 21.329, lng: -157.865 },
      { zip: '96819', city: 'Honolulu', lat: 21.349, lng: -157.892 },
      { zip: '96826', city: 'Honolulu', lat: 21.292, lng: -157.827 },
      { zip: '96822', city: 'Honolulu', lat: 21.314, lng: -157.81 },
      { zip: '96816', city: 'Honolulu', lat: 21.288, lng: -157.796 },
    ],
    languages: [
      ['tl', 0.35],
      ['haw', 0.25],
      ['chk', 0.2],
      ['es', 0.2],
      ['zh', 0.12],
      ['ko', 0.12],
      ['vi', 0.08],
    ],
  },
  {
    key: 'san-juan',
    name: 'San Juan',
    stateProvince: 'PR',
    timezone: 'America/Puerto_Rico',
    center: { lat: 18.42, lng: -66.06 },
    box: { minLat: 18.35, maxLat: 18.47, minLng: -66.15, maxLng: -65.98 },
    spreadKm: 4,
    randomOrganizations: 3,
    areaCodes: ['787', '939'],
    transit: 'Tren Urbano / AMA bus',
    transitShare: 0.5,
    addressStyle: 'pr',
    zips: [
      { zip: '00901', city: 'San Juan', lat: 18.465, lng: -66.106 },
      { zip: '00907', city: 'San Juan', lat: 18.452, lng: -66.074 },
      { zip: '00909', city: 'San Juan', lat: 18.442, lng: -66.068 },
      { zip: '00911', city: 'San Juan', lat: 18.452, lng: -66.058 },
      { zip: '00915', city: 'San Juan', lat: 18.436, lng: -66.049 },
      { zip: '00917', city: 'San Juan', lat: 18.42, lng: -66.053 },
      { zip: '00918', city: 'San Juan', lat: 18.421, lng: -66.066 },
      { zip: '00920', city: 'San Juan', lat: 18.41, lng: -66.093 },
      { zip: '00921', city: 'San Juan', lat: 18.393, lng: -66.087 },
      { zip: '00923', city: 'San Juan', lat: 18.401, lng: -66.037 },
      { zip: '00924', city: 'San Juan', lat: 18.399, lng: -66.013 },
      { zip: '00926', city: 'San Juan', lat: 18.36, lng: -66.057 },
    ],
    languages: [['es', 1]],
  },
  {
    // Gallup and the neighbouring Navajo Nation. The Navajo Nation observes
    // daylight saving time, so Window Rock (AZ) is America/Denver, not America/Phoenix.
    key: 'gallup',
    name: 'Gallup and Navajo Nation',
    stateProvince: 'NM',
    timezone: 'America/Denver',
    center: { lat: 35.6, lng: -108.75 },
    box: { minLat: 35.35, maxLat: 35.95, minLng: -109.2, maxLng: -108.1 },
    spreadKm: 15,
    randomOrganizations: 2,
    areaCodes: ['505'],
    transit: 'Navajo Transit',
    transitShare: 0.2,
    addressStyle: 'us',
    zips: [
      { zip: '87301', city: 'Gallup', lat: 35.528, lng: -108.742 },
      { zip: '87311', city: 'Church Rock', lat: 35.53, lng: -108.6 },
      { zip: '86515', city: 'Window Rock', state: 'AZ', lat: 35.681, lng: -109.053 },
      { zip: '86504', city: 'Fort Defiance', state: 'AZ', lat: 35.744, lng: -109.076 },
      { zip: '87325', city: 'Tohatchi', lat: 35.85, lng: -108.75 },
      { zip: '87313', city: 'Crownpoint', lat: 35.678, lng: -108.151 },
    ],
    languages: [
      ['nv', 0.8],
      ['es', 0.3],
    ],
  },
];

/**
 * Simplified outline of Texas as [longitude, latitude] pairs (RFC 7946 order),
 * starting at the north-west corner of the panhandle and running clockwise.
 * The generator closes the ring and orients it counter-clockwise.
 */
export const TEXAS_OUTLINE: Array<[number, number]> = [
  [-103.04, 36.5],
  [-100.0, 36.5],
  [-100.0, 34.56],
  [-99.7, 34.38],
  [-99.4, 34.37],
  [-99.19, 34.21],
  [-98.95, 34.21],
  [-98.6, 34.16],
  [-98.1, 34.13],
  [-97.95, 33.88],
  [-97.6, 33.95],
  [-97.16, 33.73],
  [-96.9, 33.95],
  [-96.59, 33.85],
  [-96.37, 33.7],
  [-95.8, 33.86],
  [-95.3, 33.87],
  [-94.9, 33.78],
  [-94.48, 33.64],
  [-94.04, 33.55],
  [-94.04, 33.02],
  [-94.04, 31.99],
  [-93.82, 31.55],
  [-93.53, 31.02],
  [-93.56, 30.53],
  [-93.71, 30.07],
  [-93.84, 29.69],
  [-94.37, 29.55],
  [-94.75, 29.34],
  [-95.1, 29.08],
  [-95.6, 28.74],
  [-96.0, 28.6],
  [-96.64, 28.31],
  [-97.05, 27.9],
  [-97.38, 27.4],
  [-97.4, 26.8],
  [-97.15, 26.05],
  [-97.42, 25.95],
  [-97.95, 26.06],
  [-98.45, 26.22],
  [-99.1, 26.43],
  [-99.45, 27.02],
  [-99.52, 27.57],
  [-100.1, 28.14],
  [-100.48, 28.64],
  [-100.8, 29.27],
  [-101.4, 29.77],
  [-102.1, 29.8],
  [-102.4, 29.77],
  [-102.67, 29.73],
  [-102.87, 29.35],
  [-103.1, 29.02],
  [-103.55, 29.15],
  [-104.15, 29.4],
  [-104.55, 29.77],
  [-104.7, 30.2],
  [-105.0, 30.68],
  [-105.4, 30.86],
  [-105.99, 31.39],
  [-106.38, 31.73],
  [-106.53, 31.78],
  [-106.62, 32.0],
  [-103.06, 32.0],
  [-103.06, 34.0],
];

export const KM_PER_DEG_LAT = 111.32;
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export function metroOf(key: string): DemoMetro {
  const metro = DEMO_METROS.find((m) => m.key === key);
  if (!metro) throw new Error(`unknown demo metro: ${key}`);
  return metro;
}

/** A closed, counter-clockwise ring approximating a circle of `radiusKm` around `center`. */
export function circlePolygon(center: LatLng, radiusKm: number, vertices = 32): GeoJsonMultiPolygon {
  const ring: number[][] = [];
  for (let i = 0; i < vertices; i++) {
    const a = (2 * Math.PI * i) / vertices;
    const dLat = (radiusKm * Math.sin(a)) / KM_PER_DEG_LAT;
    const dLng = (radiusKm * Math.cos(a)) / (KM_PER_DEG_LAT * Math.cos((center.lat * Math.PI) / 180));
    ring.push([round6(center.lng + dLng), round6(center.lat + dLat)]);
  }
  ring.push([...ring[0]]);
  return { type: 'MultiPolygon', coordinates: [[ring]] };
}

/** Shoelace area in square degrees; positive means counter-clockwise (x = longitude, y = latitude). */
export function ringSignedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** The simplified Texas outline as a closed, counter-clockwise MultiPolygon. */
export function texasServiceArea(): GeoJsonMultiPolygon {
  const ring = TEXAS_OUTLINE.map(([lng, lat]) => [lng, lat]);
  ring.push([...ring[0]]);
  if (ringSignedArea(ring) < 0) ring.reverse();
  return { type: 'MultiPolygon', coordinates: [[ring]] };
}
