import { Phone } from '../records/record-details.model';
import { ReachingResult, SearchPage, SearchResult } from './search-result.model';
import { reachingLine, textListing, toText } from './search.text';

/*
 * Hand-written pages and the lines a person should read, written out by hand.
 * 2026-12-03 is a Thursday (CST, UTC-6); 2026-07-09 a Thursday (CDT, UTC-5).
 */

/** GSM 03.38 basic set and extension table, as a character class (independent of gsm7.ts). */
const GSM7_LINE = /^[@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;
const septets = (line: string) => [...line].reduce((n, c) => n + ('^{}\\[~]|€'.includes(c) ? 2 : 1), 0);

let ids = 0;
const phone = (number: string, extra: Partial<Phone> = {}): Phone => ({
  id: `p${++ids}`,
  number,
  original_text: null,
  extension: null,
  type: 'voice',
  description: null,
  languages: [],
  ...extra,
});

interface Spec {
  org: string;
  service?: string;
  distanceM?: number;
  reach?: string;
  openNow?: boolean | null;
  nextOpensAt?: string | null;
  timezone?: string;
  phones?: Phone[];
  street?: string | null;
  city?: string | null;
  state?: string | null;
  visibility?: 'public' | 'approximate';
  precisionM?: number | null;
  coordinatesApproximate?: boolean;
  languages?: string[];
  orgId?: string;
}

function listing(s: Spec) {
  const orgId = s.orgId ?? `org-${s.org}`;
  return {
    id: `sal-${++ids}`,
    reach: s.reach ?? 'on_site',
    distance_m: s.distanceM ?? 0,
    open_now: s.openNow === undefined ? null : s.openNow,
    next_opens_at: s.nextOpensAt ?? null,
    assured_date: null,
    languages: s.languages ?? ['en'],
    access: [],
    schedules: [{ id: 's', freq: 'WEEKLY', byday: ['TH'], opens_at: '09:00', closes_at: '17:00', timezone: s.timezone ?? 'America/Chicago' }],
    phones: s.phones ?? [],
    service: { id: `svc-${ids}`, organization_id: orgId, name: s.service ?? s.org, attributes: [] },
    organization: { id: orgId, name: s.org },
    location: {
      id: `loc-${ids}`,
      name: s.org,
      address_visibility: s.visibility ?? 'public',
      location_precision_m: s.precisionM ?? null,
      coordinates_approximate: s.coordinatesApproximate ?? false,
      address:
        s.city === null && s.street === undefined
          ? null
          : { address_1: s.street ?? null, address_2: null, city: s.city ?? null, state_province: s.state ?? null, postal_code: null, country: 'US' },
      geometry: { type: 'Point', coordinates: [-96.76, 32.75] },
    },
  } as unknown as SearchResult;
}
const reaching = (s: Spec & { reach: 'by_mail' | 'mobile' }): ReachingResult => {
  const { distance_m: _distance, ...rest } = listing(s);
  return rest;
};

const page = (data: SearchResult[], more: Partial<SearchPage> & { cursor?: string | null; label?: string | null } = {}): SearchPage => ({
  data,
  reaching: more.reaching ?? [],
  page: {
    limit: 5,
    next_cursor: more.cursor ?? null,
    origin: { latitude: 32.75, longitude: -96.76, source: 'postal_code', precision_m: 5000, label: more.label === undefined ? 'Dallas, TX 75215' : more.label },
  },
});

const VENDING = listing({
  org: 'Dallas Naloxone Project',
  service: 'Naloxone vending machine',
  distanceM: 704.2,
  openNow: true,
  phones: [phone('+19725550169')],
  street: '4737 Specimen Way',
  city: 'Dallas',
  state: 'TX',
  languages: ['en', 'es'],
});
const HIDDEN = listing({
  org: 'Syringe Program',
  distanceM: 800,
  openNow: false,
  nextOpensAt: '2026-12-03T15:00:00Z',
  phones: [phone('+12145550100', { type: 'fax' }), phone('+14695550158', { extension: '12' })],
  city: 'Dallas',
  state: 'TX',
  visibility: 'approximate',
  precisionM: 1600,
});
const ZIP_CENTROID = listing({
  org: 'Clínica Esperanza “Centro”',
  service: 'Tratamiento con metadona',
  distanceM: 3701.5,
  openNow: null,
  street: null,
  city: 'Dallas',
  state: 'TX',
  precisionM: 5000,
  languages: ['ase', 'es', 'vi'],
});
const SUMMER = listing({
  org: 'Oak Cliff Clinic',
  service: 'Buprenorphine',
  distanceM: 24140.16,
  openNow: false,
  nextOpensAt: '2026-07-09T14:30:00Z',
  phones: [phone('+442071838750')],
  street: '12 Elm St',
  city: 'Dallas',
});
const CLOSED = listing({
  org: 'Denver Drop-in',
  distanceM: 12000,
  openNow: false,
  nextOpensAt: null,
  street: '1 Main St',
  city: 'Denver',
  timezone: 'America/Denver',
});

describe('text format: one listing', () => {
  it.each<[string, SearchResult, number, string, string]>([
    [
      'an exact site, open now, two languages',
      VENDING,
      1,
      '1. Dallas Naloxone Project: Naloxone vending machine - 0.4 mi - Open now - (972) 555-0169 - 4737 Specimen Way, Dallas - English/Spanish',
      '1. Dallas Naloxone Project: Naloxone vending machine - 0.4 mi - Abierto ahora - (972) 555-0169 - 4737 Specimen Way, Dallas - Inglés/Español',
    ],
    [
      'a hidden address: approx., next opening with zone, the first number that is not a fax, English alone not listed',
      HIDDEN,
      2,
      '2. Syringe Program - approx. 0.5 mi - Opens Thu 9am CST - (469) 555-0158 ext. 12 - near Dallas TX (call for address)',
      '2. Syringe Program - aprox. 0.5 mi - Abre jue 9am CST - (469) 555-0158 ext. 12 - cerca de Dallas TX (llame para la direccion)',
    ],
    [
      'a ZIP-centroid geocode: approx.; curly quotes and á/í made GSM-7; ASL; no hours, no phone',
      ZIP_CENTROID,
      3,
      '3. Clinica Esperanza "Centro": Tratamiento con metadona - approx. 2.3 mi - Dallas - ASL/Spanish/Vietnamese',
      '3. Clinica Esperanza "Centro": Tratamiento con metadona - aprox. 2.3 mi - Dallas - ASL/Español/Vietnamita',
    ],
    [
      'an import placed at its ZIP centroid (coordinates_approximate, no precision given)',
      listing({ org: 'Amarillo Clinic', distanceM: 1609.344 * 3.04, openNow: true, street: '1 Fictional Rd', city: 'Amarillo', coordinatesApproximate: true }),
      6,
      '6. Amarillo Clinic - approx. 3.0 mi - Open now - 1 Fictional Rd, Amarillo',
      '6. Amarillo Clinic - aprox. 3.0 mi - Abierto ahora - 1 Fictional Rd, Amarillo',
    ],
    [
      'a precision under 1 km is exact enough: no approx.',
      listing({ org: 'Amarillo Clinic', distanceM: 1609.344 * 3.04, openNow: true, street: '1 Fictional Rd', city: 'Amarillo', precisionM: 999 }),
      7,
      '7. Amarillo Clinic - 3.0 mi - Open now - 1 Fictional Rd, Amarillo',
      '7. Amarillo Clinic - 3.0 mi - Abierto ahora - 1 Fictional Rd, Amarillo',
    ],
    [
      'summer time, minutes, 10 mi and more rounded, a number abroad',
      SUMMER,
      4,
      '4. Oak Cliff Clinic: Buprenorphine - 15 mi - Opens Thu 9:30am CDT - +44 20 7183 8750 - 12 Elm St, Dallas',
      '4. Oak Cliff Clinic: Buprenorphine - 15 mi - Abre jue 9:30am CDT - +44 20 7183 8750 - 12 Elm St, Dallas',
    ],
    [
      'closed with no next opening',
      CLOSED,
      5,
      '5. Denver Drop-in - 7.5 mi - Closed - 1 Main St, Denver',
      '5. Denver Drop-in - 7.5 mi - Cerrado - 1 Main St, Denver',
    ],
  ])('%s', (_what, result, index, en, es) => {
    expect(textListing(result, index, 'en')).toBe(en);
    expect(textListing(result, index, 'es')).toBe(es);
  });

  it('fits 160 septets: languages become "A/B/+N", the organization name is cut before the service name', () => {
    const long = listing({
      org: 'Demo Dallas Syringe Services Program',
      service: 'HIV and hepatitis C testing',
      distanceM: 800,
      openNow: false,
      nextOpensAt: '2026-12-02T15:00:00Z',
      phones: [phone('+14695550158')],
      city: 'Dallas',
      state: 'TX',
      visibility: 'approximate',
      languages: ['en', 'es', 'ko', 'vi'],
    });
    const line = textListing(long, 2, 'en');
    expect(line).toBe(
      '2. Demo Dallas Sy...: HIV and hepatitis C testing - approx. 0.5 mi - Opens Wed 9am CST - (469) 555-0158 - near Dallas TX (call for address) - English/Spanish/+2',
    );
    // uncut (with "+2"): 179 septets, so the organization loses 19: 36 -> 17 with "..."
    expect(line).toHaveLength(160);
  });

  it('counts extension characters as two septets when cutting', () => {
    const brackets = listing({
      org: '[Downtown] {Harm} Reduction | Collective ~ Dallas [North] {Annex}',
      service: 'Naloxone [free] {24/7} | by request ~ ask',
      distanceM: 100,
      openNow: true,
      phones: [phone('+12145550100')],
      street: '100 Main St [rear door]',
      city: 'Dallas',
      languages: ['en', 'es'],
    });
    const line = textListing(brackets, 1, 'en');
    expect(septets(line)).toBeLessThanOrEqual(160);
    expect(line.length).toBeLessThan(160); // 2 septets for each of [ ] { } | ~
    expect(line).toMatch(/^1\. \[Downtown\]\.\.\.: Naloxone \[free\] \{24\/7\} \| by request ~ ask - /);
  });

  it('never exceeds 160 septets or leaves GSM-7, whatever the names', () => {
    const junk = ['…', '“', 'é', 'á', '€', '[', '🚐', '東', 'ñ', '–', ' ', 'x'];
    for (let n = 0; n < 300; n++) {
      const word = (k: number) => Array.from({ length: k }, (_, i) => junk[(n * 7 + i * 13 + k) % junk.length]).join('');
      const r = listing({
        org: `Org ${word(n % 90)}`,
        service: `Svc ${word((n * 3) % 120)}`,
        distanceM: n * 997,
        openNow: n % 3 === 0 ? true : false,
        nextOpensAt: '2026-12-03T15:00:00Z',
        phones: [phone('+12145550100', { extension: n % 2 ? '1234' : null })],
        street: `${n} ${word(n % 70)}`,
        city: word(n % 30),
        state: 'TX',
        visibility: n % 4 === 0 ? 'approximate' : 'public',
        languages: ['en', 'es', 'vi', 'ase', 'zh', 'ko', 'ar', 'so'].slice(0, 1 + (n % 8)),
      });
      for (const lang of ['en', 'es'] as const) {
        const line = textListing(r, 1 + (n % 50), lang);
        expect({ n, lang, gsm7: GSM7_LINE.test(line) }).toEqual({ n, lang, gsm7: true });
        expect(septets(line)).toBeLessThanOrEqual(160);
      }
    }
  });
});

describe('text format: "Also" line for programs that reach the caller', () => {
  const MAIL = reaching({ org: 'Texas Naloxone by Mail', service: 'Naloxone by mail', reach: 'by_mail', phones: [phone('+15125550112')], orgId: 'tx' });
  const MAIL_TRAINING = reaching({ org: 'Texas Naloxone by Mail', service: 'Overdose response training', reach: 'by_mail', orgId: 'tx' });
  const VAN = reaching({ org: 'Dallas Van', reach: 'mobile', phones: [phone('+12145550170')] });

  it('names each program once, how it reaches the caller, and its number', () => {
    expect(reachingLine([MAIL_TRAINING, MAIL], 'en')).toBe('Also: Texas Naloxone by Mail (by mail, (512) 555-0112)');
    expect(reachingLine([MAIL, MAIL_TRAINING, VAN], 'en')).toBe(
      'Also: Texas Naloxone by Mail (by mail, (512) 555-0112); Dallas Van (comes to you, (214) 555-0170)',
    );
    expect(reachingLine([MAIL, VAN], 'es')).toBe('También: Texas Naloxone by Mail (por correo, (512) 555-0112); Dallas Van (va a su zona, (214) 555-0170)');
    expect(reachingLine([], 'en')).toBeNull();
  });

  it('ends with "+N more" when the rest does not fit in 160', () => {
    const many = [1, 2, 3, 4, 5, 6].map((n) => reaching({ org: `Statewide Mail Program ${n}`, reach: 'by_mail' }));
    const line = reachingLine(many, 'en')!;
    expect(line).toBe(
      'Also: Statewide Mail Program 1 (by mail); Statewide Mail Program 2 (by mail); Statewide Mail Program 3 (by mail); Statewide Mail Program 4 (by mail) +2 more',
    );
    expect(line).toHaveLength(156);
    expect(reachingLine(many, 'es')).toBe(
      'También: Statewide Mail Program 1 (por correo); Statewide Mail Program 2 (por correo); Statewide Mail Program 3 (por correo) +3 mas',
    );
  });

  it('cuts a first name too long to fit', () => {
    const huge = reaching({ org: 'A'.repeat(300), reach: 'by_mail' });
    const line = reachingLine([huge, MAIL], 'en')!;
    expect(line).toMatch(/^Also: A+\.\.\. \(by mail\) \+1 more$/);
    expect(line).toHaveLength(160);
  });
});

describe('text format: the whole page', () => {
  it('lists, then the "Also" line, then how to get more', () => {
    const text = toText(page([VENDING, HIDDEN], { cursor: 'eyJ2IjoxfQ_-', reaching: [reaching({ org: 'Texas Naloxone by Mail', reach: 'by_mail' })] }), 'en');
    expect(text).toBe(
      [
        '1. Dallas Naloxone Project: Naloxone vending machine - 0.4 mi - Open now - (972) 555-0169 - 4737 Specimen Way, Dallas - English/Spanish',
        '2. Syringe Program - approx. 0.5 mi - Opens Thu 9am CST - (469) 555-0158 ext. 12 - near Dallas TX (call for address)',
        'Also: Texas Naloxone by Mail (by mail)',
        'More: same search with cursor=eyJ2IjoxfQ_-',
        '',
      ].join('\n'),
    );
  });

  it('in Spanish', () => {
    const text = toText(page([CLOSED], { cursor: 'abc' }), 'es');
    expect(text).toBe('1. Denver Drop-in - 7.5 mi - Cerrado - 1 Main St, Denver\nMas: la misma busqueda con cursor=abc\n');
  });

  it('no "More" line on the last page', () => {
    expect(toText(page([CLOSED]), 'en')).toBe('1. Denver Drop-in - 7.5 mi - Closed - 1 Main St, Denver\n');
  });

  it('nothing found: the advice names where it searched, and programs that reach the caller still show', () => {
    expect(toText(page([]), 'en')).toBe('No listings match near Dallas, TX 75215. Try a larger radius or fewer filters.\n');
    expect(toText(page([]), 'es')).toBe('No hay resultados cerca de Dallas, TX 75215. Pruebe un radio mayor o menos filtros.\n');
    expect(toText(page([], { label: null }), 'en')).toBe('No listings match. Try a larger radius or fewer filters.\n');
    expect(toText(page([], { reaching: [reaching({ org: 'Dallas Van', reach: 'mobile' })] }), 'es')).toBe(
      'No hay resultados cerca de Dallas, TX 75215. Pruebe un radio mayor o menos filtros.\nTambién: Dallas Van (va a su zona)\n',
    );
  });
});
