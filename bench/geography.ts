/**
 * Static geography for the benchmark dataset: ~50 US metros (incl. Anchorage,
 * Honolulu and San Juan) defined by a real central ZIP code, the state (and a
 * dominant IANA time zone) of every ZIP prefix, and the languages each place
 * adds besides English. All sites generated from it are fictional.
 */

/** key, name, state, tz, central ZIP, population (millions), spread (km, centre bias), radius (km), transit share, languages. */
export type MetroSpec = [
  key: string, name: string, state: string, tz: string, zip: string, popM: number,
  spreadKm: number, radiusKm: number, transit: number, langs: Array<[code: string, p: number]>,
];

const NY = 'America/New_York';
const CHI = 'America/Chicago';
const LA = 'America/Los_Angeles';
const DEN = 'America/Denver';

export const METROS: MetroSpec[] = [
  ['new-york', 'New York', 'NY', NY, '10001', 19.5, 14, 50, 0.9, [['es', 0.6], ['zh', 0.2], ['ru', 0.1], ['ht', 0.08], ['ko', 0.06], ['bn', 0.05], ['ar', 0.04], ['fr', 0.04]]],
  ['los-angeles', 'Los Angeles', 'CA', LA, '90012', 12.8, 18, 60, 0.6, [['es', 0.8], ['ko', 0.1], ['zh', 0.1], ['tl', 0.08], ['vi', 0.06], ['hy', 0.05], ['fa', 0.04]]],
  ['chicago', 'Chicago', 'IL', CHI, '60612', 9.3, 14, 50, 0.75, [['es', 0.6], ['pl', 0.08], ['ar', 0.05], ['zh', 0.05], ['ko', 0.03], ['tl', 0.03]]],
  ['dallas', 'Dallas', 'TX', CHI, '75201', 7.9, 18, 60, 0.45, [['es', 0.8], ['vi', 0.12], ['ar', 0.05], ['am', 0.04], ['ko', 0.04], ['zh', 0.04]]],
  ['houston', 'Houston', 'TX', CHI, '77002', 7.3, 18, 60, 0.4, [['es', 0.8], ['vi', 0.15], ['zh', 0.06], ['ar', 0.05], ['ur', 0.04]]],
  ['washington', 'Washington', 'DC', NY, '20001', 6.3, 14, 50, 0.8, [['es', 0.5], ['am', 0.08], ['ko', 0.04], ['zh', 0.04], ['vi', 0.04], ['fr', 0.03]]],
  ['philadelphia', 'Philadelphia', 'PA', NY, '19107', 6.2, 12, 45, 0.75, [['es', 0.45], ['zh', 0.06], ['vi', 0.05], ['ru', 0.04], ['ht', 0.02]]],
  ['miami', 'Miami', 'FL', NY, '33128', 6.1, 16, 60, 0.5, [['es', 0.9], ['ht', 0.25], ['pt', 0.06], ['fr', 0.04]]],
  ['atlanta', 'Atlanta', 'GA', NY, '30303', 6.2, 18, 55, 0.45, [['es', 0.45], ['vi', 0.05], ['ko', 0.05], ['zh', 0.03], ['am', 0.02]]],
  ['boston', 'Boston', 'MA', NY, '02108', 4.9, 14, 45, 0.75, [['es', 0.45], ['pt', 0.15], ['ht', 0.1], ['zh', 0.06], ['vi', 0.05]]],
  ['phoenix', 'Phoenix', 'AZ', 'America/Phoenix', '85004', 5.0, 18, 55, 0.35, [['es', 0.75], ['nv', 0.04], ['ar', 0.02]]],
  ['san-francisco', 'San Francisco', 'CA', LA, '94103', 4.6, 12, 40, 0.8, [['es', 0.55], ['zh', 0.3], ['tl', 0.12], ['vi', 0.06], ['ru', 0.04], ['ko', 0.03]]],
  ['riverside', 'Riverside', 'CA', LA, '92501', 4.6, 20, 55, 0.3, [['es', 0.75], ['tl', 0.03], ['ko', 0.02], ['vi', 0.02]]],
  ['detroit', 'Detroit', 'MI', 'America/Detroit', '48226', 4.3, 16, 50, 0.35, [['es', 0.3], ['ar', 0.2], ['bn', 0.02], ['pl', 0.02]]],
  ['seattle', 'Seattle', 'WA', LA, '98104', 4.0, 14, 50, 0.65, [['es', 0.4], ['vi', 0.1], ['zh', 0.08], ['so', 0.06], ['ko', 0.05], ['ru', 0.04], ['tl', 0.03], ['am', 0.03]]],
  ['minneapolis', 'Minneapolis', 'MN', CHI, '55401', 3.7, 14, 45, 0.6, [['es', 0.35], ['so', 0.2], ['hmn', 0.12], ['vi', 0.04], ['am', 0.03]]],
  ['san-diego', 'San Diego', 'CA', LA, '92101', 3.3, 14, 45, 0.55, [['es', 0.75], ['tl', 0.1], ['vi', 0.06], ['ar', 0.03]]],
  ['tampa', 'Tampa', 'FL', NY, '33602', 3.3, 16, 50, 0.35, [['es', 0.55], ['vi', 0.03], ['ht', 0.03]]],
  ['denver', 'Denver', 'CO', DEN, '80202', 3.0, 14, 45, 0.6, [['es', 0.55], ['vi', 0.04], ['am', 0.04], ['ru', 0.02]]],
  ['baltimore', 'Baltimore', 'MD', NY, '21201', 2.8, 12, 40, 0.6, [['es', 0.3], ['ko', 0.03], ['zh', 0.02]]],
  ['st-louis', 'St. Louis', 'MO', CHI, '63101', 2.8, 14, 45, 0.45, [['es', 0.25], ['bs', 0.05], ['vi', 0.02]]],
  ['orlando', 'Orlando', 'FL', NY, '32801', 2.7, 14, 45, 0.4, [['es', 0.7], ['ht', 0.08], ['pt', 0.05], ['vi', 0.03]]],
  ['charlotte', 'Charlotte', 'NC', NY, '28202', 2.7, 14, 45, 0.4, [['es', 0.45], ['vi', 0.04]]],
  ['san-antonio', 'San Antonio', 'TX', CHI, '78205', 2.6, 14, 45, 0.4, [['es', 0.85], ['vi', 0.03]]],
  ['portland', 'Portland', 'OR', LA, '97204', 2.5, 12, 40, 0.7, [['es', 0.45], ['vi', 0.08], ['ru', 0.06], ['zh', 0.04], ['uk', 0.03]]],
  ['sacramento', 'Sacramento', 'CA', LA, '95814', 2.4, 14, 40, 0.45, [['es', 0.6], ['ru', 0.06], ['uk', 0.04], ['hmn', 0.04], ['vi', 0.04], ['pa', 0.03]]],
  ['pittsburgh', 'Pittsburgh', 'PA', NY, '15222', 2.4, 14, 40, 0.55, [['es', 0.15], ['ne', 0.02]]],
  ['austin', 'Austin', 'TX', CHI, '78701', 2.4, 12, 40, 0.45, [['es', 0.7], ['vi', 0.04], ['zh', 0.03]]],
  ['las-vegas', 'Las Vegas', 'NV', LA, '89101', 2.3, 12, 40, 0.45, [['es', 0.7], ['tl', 0.08], ['zh', 0.03]]],
  ['cincinnati', 'Cincinnati', 'OH', NY, '45202', 2.3, 14, 40, 0.45, [['es', 0.2]]],
  ['kansas-city', 'Kansas City', 'MO', CHI, '64106', 2.2, 14, 45, 0.35, [['es', 0.35], ['vi', 0.03]]],
  ['columbus', 'Columbus', 'OH', NY, '43215', 2.1, 14, 40, 0.45, [['es', 0.25], ['so', 0.08], ['ne', 0.03]]],
  ['indianapolis', 'Indianapolis', 'IN', 'America/Indiana/Indianapolis', '46204', 2.1, 14, 40, 0.35, [['es', 0.35], ['my', 0.04]]],
  ['cleveland', 'Cleveland', 'OH', NY, '44113', 2.1, 14, 40, 0.5, [['es', 0.3], ['ar', 0.03]]],
  ['san-jose', 'San Jose', 'CA', LA, '95113', 2.0, 12, 35, 0.55, [['es', 0.6], ['vi', 0.2], ['zh', 0.15], ['tl', 0.06], ['hi', 0.04]]],
  ['nashville', 'Nashville', 'TN', CHI, '37203', 2.0, 14, 40, 0.35, [['es', 0.4], ['ar', 0.05], ['so', 0.02]]],
  ['norfolk', 'Norfolk', 'VA', NY, '23510', 1.8, 14, 40, 0.35, [['es', 0.3], ['tl', 0.05]]],
  ['providence', 'Providence', 'RI', NY, '02903', 1.7, 10, 35, 0.55, [['es', 0.55], ['pt', 0.12], ['ht', 0.02]]],
  ['jacksonville', 'Jacksonville', 'FL', NY, '32202', 1.6, 14, 40, 0.35, [['es', 0.35], ['tl', 0.03]]],
  ['milwaukee', 'Milwaukee', 'WI', CHI, '53202', 1.6, 12, 35, 0.5, [['es', 0.45], ['hmn', 0.06]]],
  ['raleigh', 'Raleigh', 'NC', NY, '27601', 1.4, 14, 40, 0.35, [['es', 0.45], ['hi', 0.02]]],
  ['oklahoma-city', 'Oklahoma City', 'OK', CHI, '73102', 1.4, 14, 40, 0.3, [['es', 0.45], ['vi', 0.05]]],
  ['memphis', 'Memphis', 'TN', CHI, '38103', 1.3, 12, 35, 0.35, [['es', 0.3]]],
  ['louisville', 'Louisville', 'KY', 'America/Kentucky/Louisville', '40202', 1.3, 12, 35, 0.4, [['es', 0.3], ['so', 0.03], ['ne', 0.02]]],
  ['salt-lake-city', 'Salt Lake City', 'UT', DEN, '84101', 1.3, 12, 35, 0.5, [['es', 0.45], ['to', 0.03], ['sm', 0.03]]],
  ['new-orleans', 'New Orleans', 'LA', CHI, '70112', 1.3, 10, 35, 0.55, [['es', 0.4], ['vi', 0.1]]],
  ['fresno', 'Fresno', 'CA', LA, '93721', 1.0, 10, 30, 0.3, [['es', 0.75], ['hmn', 0.08], ['pa', 0.06]]],
  ['albuquerque', 'Albuquerque', 'NM', DEN, '87102', 0.9, 12, 35, 0.4, [['es', 0.75], ['nv', 0.12]]],
  ['el-paso', 'El Paso', 'TX', DEN, '79901', 0.87, 10, 30, 0.4, [['es', 0.95]]],
  ['boise', 'Boise', 'ID', 'America/Boise', '83702', 0.8, 10, 30, 0.35, [['es', 0.3]]],
  ['honolulu', 'Honolulu', 'HI', 'Pacific/Honolulu', '96813', 1.0, 10, 30, 0.55, [['tl', 0.2], ['ilo', 0.12], ['es', 0.1], ['haw', 0.1], ['ja', 0.08], ['zh', 0.06], ['ko', 0.06], ['sm', 0.05], ['chk', 0.04], ['mh', 0.03]]],
  ['anchorage', 'Anchorage', 'AK', 'America/Anchorage', '99501', 0.4, 8, 25, 0.35, [['es', 0.15], ['tl', 0.08], ['sm', 0.05], ['ik', 0.03], ['ko', 0.03]]],
  ['san-juan', 'San Juan', 'PR', 'America/Puerto_Rico', '00901', 2.0, 12, 40, 0.45, [['es', 0.98]]],
];

/** American Sign Language: very rare everywhere (a service or its location). */
export const ASE_P = 0.003;

/** 3-digit ZIP prefix ranges -> state (50 states, DC, PR; military and other territories excluded). */
const PREFIX_RANGES: Array<[lo: number, hi: number, state: string]> = [
  [5, 5, 'NY'], [6, 7, 'PR'], [9, 9, 'PR'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'],
  [50, 54, 'VT'], [55, 55, 'MA'], [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'],
  [150, 196, 'PA'], [197, 199, 'DE'], [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'],
  [220, 246, 'VA'], [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'], [320, 339, 'FL'],
  [341, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'], [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'],
  [430, 459, 'OH'], [460, 479, 'IN'], [480, 499, 'MI'], [500, 528, 'IA'], [530, 549, 'WI'], [550, 567, 'MN'],
  [569, 569, 'DC'], [570, 577, 'SD'], [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'], [630, 658, 'MO'],
  [660, 679, 'KS'], [680, 693, 'NE'], [700, 714, 'LA'], [716, 729, 'AR'], [730, 732, 'OK'], [733, 733, 'TX'],
  [734, 749, 'OK'], [750, 799, 'TX'], [800, 816, 'CO'], [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'],
  [850, 865, 'AZ'], [870, 884, 'NM'], [885, 885, 'TX'], [889, 898, 'NV'], [900, 961, 'CA'], [967, 968, 'HI'],
  [970, 979, 'OR'], [980, 994, 'WA'], [995, 999, 'AK'],
];

export function stateOfZip(zip: string): string | null {
  const p = Number(zip.slice(0, 3));
  for (const [lo, hi, state] of PREFIX_RANGES) if (p >= lo && p <= hi) return state;
  return null;
}

/** The dominant IANA zone of each state (schedules are local time). */
export const STATE_TZ: Record<string, string> = {
  AL: CHI, AK: 'America/Anchorage', AZ: 'America/Phoenix', AR: CHI, CA: LA, CO: DEN, CT: NY, DE: NY, DC: NY,
  FL: NY, GA: NY, HI: 'Pacific/Honolulu', ID: 'America/Boise', IL: CHI, IN: 'America/Indiana/Indianapolis',
  IA: CHI, KS: CHI, KY: 'America/Kentucky/Louisville', LA: CHI, ME: NY, MD: NY, MA: NY, MI: 'America/Detroit',
  MN: CHI, MS: CHI, MO: CHI, MT: DEN, NE: CHI, NV: LA, NH: NY, NJ: NY, NM: DEN, NY: NY, NC: NY, ND: CHI,
  OH: NY, OK: CHI, OR: LA, PA: NY, RI: NY, SC: NY, SD: CHI, TN: CHI, TX: CHI, UT: DEN, VT: NY, VA: NY,
  WA: LA, WV: NY, WI: CHI, WY: DEN, PR: 'America/Puerto_Rico',
};

/** Spanish among rural services, by state (default 0.15), plus regional languages. */
export function ruralLanguages(state: string): Array<[string, number]> {
  const es: Record<string, number> = { TX: 0.55, NM: 0.6, AZ: 0.45, CA: 0.5, FL: 0.35, NV: 0.35, CO: 0.3, PR: 0.98, WA: 0.25, OR: 0.25, ID: 0.2, UT: 0.2 };
  const extra: Record<string, Array<[string, number]>> = {
    AZ: [['nv', 0.06]], NM: [['nv', 0.06]], UT: [['nv', 0.03]], HI: [['haw', 0.1], ['tl', 0.1], ['ilo', 0.06]],
    AK: [['ik', 0.05], ['tl', 0.03]], MN: [['so', 0.03], ['hmn', 0.03]],
  };
  return [['es', es[state] ?? 0.15], ...(extra[state] ?? [])];
}

/** Six biggest states get a second statewide by-mail program. */
export const SECOND_BY_MAIL = ['CA', 'TX', 'FL', 'NY', 'PA', 'IL', 'OH', 'GA'];

export const KM_PER_DEG = 111.32;

export function haversineKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const r = Math.PI / 180;
  const dLat = (bLat - aLat) * r;
  const dLng = (bLng - aLng) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
