/**
 * US state and territory names, and the one way this code compares place
 * names. The ZIP data (USPS-style "Mc Grath", "Saint Louis", "Ft Worth"), the
 * GeoNames gazetteer ("McGrath", "St. Louis", "Fort Worth") and what people type
 * ("st louis", "hagatna" for Hagåtña) must all meet on the same key.
 */

/** USPS two-letter codes of the 50 states, DC and the inhabited territories / freely associated states. */
export const STATE_NAMES: Readonly<Record<string, string>> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  PR: 'Puerto Rico',
  GU: 'Guam',
  VI: 'U.S. Virgin Islands',
  AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
  FM: 'Federated States of Micronesia',
  MH: 'Marshall Islands',
  PW: 'Palau',
};

/** The places GeoNames files as countries of their own, which USPS treats as states. */
export const TERRITORY_CODES: ReadonlySet<string> = new Set(['PR', 'GU', 'VI', 'AS', 'MP', 'FM', 'MH', 'PW']);

/** Abbreviations that USPS city names and GeoNames spell differently. */
const WORD_FORMS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  ft: 'fort',
  mt: 'mount',
  pt: 'point',
};

/** Lower case, no accents, no punctuation, abbreviations spelled out, no spaces: "Mc Grath" and "McGrath" → "mcgrath", "St. Louis" → "saintlouis". */
export function placeKey(name: string): string {
  // Hagåtña → Hagatna, Mayagüez → Mayaguez (NFD only when needed: it is the slow part)
  const ascii = /[\u0080-\uffff]/.test(name) ? name.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : name;
  // A hand-written scan (the gazetteer keys ~17,000 names on its first use): words are
  // runs of a-z0-9, anything else ends one ("St.Louis", "Coeur d'Alene", "Winston-Salem").
  const lower = ascii.toLowerCase();
  let key = '';
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 0;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = lower.slice(start, i);
      key += WORD_FORMS[word] ?? word;
      start = -1;
    }
  }
  return key;
}

/** Other names people give a state or territory. */
const STATE_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['Virgin Islands', 'VI'],
  ['USVI', 'VI'],
  ['Washington DC', 'DC'],
  ['Northern Marianas', 'MP'],
  ['Micronesia', 'FM'],
];

const STATE_BY_KEY: ReadonlyMap<string, string> = new Map([
  ...Object.entries(STATE_NAMES).flatMap(([code, name]) => [[placeKey(code), code] as const, [placeKey(name), code] as const]),
  ...STATE_ALIASES.map(([alias, code]) => [placeKey(alias), code] as const),
]);

/** "TX", "tx", "Texas", "puerto rico" → "TX" / "PR"; null for anything else. */
export function stateCode(text: string): string | null {
  return STATE_BY_KEY.get(placeKey(text)) ?? null;
}
