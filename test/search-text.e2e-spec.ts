import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { bearer, createKeys } from './support/api-keys';
import { startTestApp } from './support/test-app';

/**
 * The text format (format=text) on the demo data, through the real server:
 * what an SMS gateway or an IVR reads. The oracles are the GSM 03.38 table
 * (written out here, independent of src/modules/search/gsm7.ts), the JSON
 * response of the same search, and UTC offsets of the US zones.
 */

/** GSM 03.38: the basic set and the extension table. */
const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€';
const notGsm7 = (text: string) => [...text].filter((c) => !GSM7_BASIC.includes(c) && !GSM7_EXTENSION.includes(c));
const septets = (line: string) => [...line].reduce((n, c) => n + (GSM7_EXTENSION.includes(c) ? 2 : 1), 0);

/** Standard and daylight UTC offsets (hours) of the zones the demo data uses. */
const ZONES: Record<string, Record<string, number>> = {
  'America/Chicago': { CST: -6, CDT: -5 },
  'America/Denver': { MST: -7, MDT: -6 },
  'America/Anchorage': { AKST: -9, AKDT: -8 },
  'America/New_York': { EST: -5, EDT: -4 },
  'America/Los_Angeles': { PST: -8, PDT: -7 },
};
const DAYS = { en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], es: ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sab'] };

interface Hit {
  reach: string;
  open_now: boolean | null;
  next_opens_at: string | null;
  languages: string[];
  phones: { number: string; type: string }[];
  schedules: { timezone: string }[];
  service: { name: string };
  organization: { name: string };
  location: { address_visibility: string; location_precision_m: number | null; coordinates_approximate: boolean };
}
interface Page {
  data: Hit[];
  reaching: Hit[];
  page: { next_cursor: string | null; origin: { label: string | null } };
}

/** Searches in five metros and four time zones, in both languages. */
const SEARCHES: Record<string, string | number>[] = [
  { postal_code: '75215', limit: 20 },
  { postal_code: '75215', service: 'service.naloxone', open_now: 'true', limit: 10 },
  { near: '39.739,-104.99', limit: 20 },
  { postal_code: '99503', limit: 10 },
  { postal_code: '10001', limit: 20 },
  { postal_code: '75215', service: 'service.moud', limit: 50 },
];

describe('text format for SMS and IVR', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;
  const SOURCE = 'test-text-zip-centroid';

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(async () => {
    await db.query(`DELETE FROM organization WHERE source_id = $1`, [SOURCE]);
    await db.query(`DELETE FROM data_source WHERE id = $1`, [SOURCE]);
    await app.close();
  });

  const asText = async (query: Record<string, string | number>, lang?: 'en' | 'es'): Promise<string> => {
    const res = await request(url)
      .get('/v1/search')
      .query({ ...query, format: 'text', ...(lang ? { lang } : {}) })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    return res.text;
  };
  const asJson = async (query: Record<string, string | number>): Promise<Page> => (await request(url).get('/v1/search').query(query).expect(200)).body;
  const lines = (text: string) => text.replace(/\n$/, '').split('\n');
  const listingLines = (text: string) => lines(text).filter((l) => /^\d+\. /.test(l));

  it('every character is GSM-7 and every line fits one SMS segment (160 septets), in English and Spanish', async () => {
    let measured = 0;
    let longest = 0;
    for (const query of SEARCHES) {
      for (const lang of ['en', 'es'] as const) {
        const text = await asText(query, lang);
        expect(text.endsWith('\n')).toBe(true);
        for (const line of lines(text)) {
          expect({ query, lang, line, bad: notGsm7(line) }).toEqual({ query, lang, line, bad: [] });
          expect({ line, septets: septets(line) }).toEqual({ line, septets: expect.any(Number) });
          expect(septets(line)).toBeLessThanOrEqual(160);
          expect(line.length).toBeGreaterThan(0);
          longest = Math.max(longest, septets(line));
          measured++;
        }
      }
    }
    expect(measured).toBeGreaterThan(100);
    console.log(`[search-text.e2e] ${measured} lines checked: all GSM-7, longest ${longest} septets`);
  });

  it('lists the same places as JSON, in the same order, numbered from 1', async () => {
    const query = { postal_code: '75215', limit: 10 };
    const [json, text] = [await asJson(query), await asText(query)];
    const listed = listingLines(text);
    expect(listed).toHaveLength(json.data.length);
    json.data.forEach((hit, i) => {
      expect(listed[i].startsWith(`${i + 1}. `)).toBe(true);
      // the organization's name (the demo names are GSM-7 already); cut names keep their start
      expect(listed[i]).toContain(hit.organization.name.slice(0, 12));
    });
  });

  it('lang=es: Spanish fixed words, and none of the English ones', async () => {
    const query = { postal_code: '75215', service: 'service.naloxone', limit: 10 };
    const [json, en, es] = [await asJson(query), await asText(query, 'en'), await asText(query, 'es')];
    const listed = listingLines(es);
    expect(listed).toHaveLength(json.data.length);
    json.data.forEach((hit, i) => {
      if (hit.open_now === true) expect(listed[i]).toContain(' - Abierto ahora - ');
      if (hit.open_now === false) expect(listed[i]).toMatch(/ - (Abre \S+ \d|Cerrado)/);
      if (hit.location.address_visibility === 'approximate') {
        expect(listed[i]).toMatch(/ - aprox\. \d/);
        expect(listed[i]).toMatch(/cerca de .+ \(llame para la direccion\)/);
      }
    });
    for (const english of ['Open now', 'Opens ', 'Closed', 'call for address', 'approx.', 'by mail', 'comes to you', 'Also:', 'More:', 'English', 'Spanish']) {
      expect(es).not.toContain(english);
    }
    expect(es).toMatch(/Inglés\/Español|Español\/Inglés/);
    expect(en).toMatch(/English\/Spanish/);
    expect(lines(es).some((l) => l.startsWith('También: '))).toBe(true);
    expect(es).toContain('(por correo');
    expect(lines(es).at(-1)).toBe(`Mas: la misma busqueda con cursor=${json.page.next_cursor}`);
  });

  it('names languages instead of codes, ASL for American Sign Language', async () => {
    // the Bronx: the demo buprenorphine clinic whose service is offered in ASL
    const queries: Record<string, string | number>[] = [
      { near: '40.8187,-73.9195', limit: 20 },
      { postal_code: '75215', limit: 50 },
      { near: '39.739,-104.99', limit: 50 },
    ];
    let ase = 0;
    let asl = 0;
    for (const query of queries) {
      const [json, text] = [await asJson(query), await asText(query)];
      const listed = listingLines(text);
      json.data.forEach((hit, i) => {
        expect(listed[i]).not.toMatch(/ - [a-z]{2,3}(\/[a-z]{2,3})+$/); // "ase/en/es/vi"
        if (hit.languages.join() === 'en,es') expect(listed[i].endsWith(' - English/Spanish')).toBe(true);
        if (hit.languages.includes('ase')) ase++;
        if (/ - ([A-Z][a-z]+\/)*ASL(\/[A-Z+][a-z0-9]*)*$/.test(listed[i])) asl++;
      });
    }
    // every listing with ASL names it, unless its language list was shortened ("A/B/+N")
    expect(ase).toBeGreaterThan(0);
    expect(asl).toBeGreaterThan(0);
    expect(asl).toBeLessThanOrEqual(ase);
  });

  it('next openings are local times with the zone abbreviation, consistent with next_opens_at', async () => {
    let checked = 0;
    const queries: Record<string, string | number>[] = [
      { postal_code: '75215', limit: 30 },
      { near: '39.739,-104.99', limit: 30 },
      { postal_code: '99503', limit: 20 },
    ];
    for (const query of queries) {
      for (const lang of ['en', 'es'] as const) {
        const [json, text] = [await asJson(query), await asText(query, lang)];
        const listed = listingLines(text);
        json.data.forEach((hit, i) => {
          if (hit.open_now !== false || !hit.next_opens_at) return;
          const zone = ZONES[hit.schedules[0].timezone];
          expect(zone).toBeDefined();
          const word = lang === 'en' ? 'Opens' : 'Abre';
          const m = new RegExp(` - ${word} (\\S+) (\\d{1,2})(?::(\\d\\d))?(am|pm) ([A-Z]{3,4}) - `).exec(listed[i]);
          expect({ line: listed[i], matched: !!m }).toEqual({ line: listed[i], matched: true });
          const [, day, hour, minute, period, abbreviation] = m!;
          expect(Object.keys(zone)).toContain(abbreviation);
          // shift the UTC instant by the offset the line names: the same wall-clock day, hour and minute
          const local = new Date(Date.parse(hit.next_opens_at) + zone[abbreviation] * 3_600_000);
          expect(DAYS[lang][local.getUTCDay()]).toBe(day);
          expect((Number(hour) % 12) + (period === 'pm' ? 12 : 0)).toBe(local.getUTCHours());
          expect(Number(minute ?? '0')).toBe(local.getUTCMinutes());
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('"Also:" names the programs that reach a Texas ZIP by mail, after the listings', async () => {
    const query = { postal_code: '75215', service: 'service.naloxone', limit: 5 };
    const [json, text] = [await asJson(query), await asText(query)];
    const byMail = json.reaching.filter((r) => r.reach === 'by_mail');
    expect(byMail.length).toBeGreaterThan(0); // the demo data's statewide Texas program
    const all = lines(text);
    const also = all.filter((l) => l.startsWith('Also: '));
    expect(also).toHaveLength(1);
    expect(all.indexOf(also[0])).toBe(json.data.length); // right after the listings
    for (const name of new Set(byMail.map((r) => r.organization.name))) {
      if (!also[0].includes('more')) expect(also[0]).toContain(`${name} (by mail`);
    }
    expect(also[0]).toMatch(/\(\d{3}\) \d{3}-\d{4}/); // the program's number
    // no by-mail program among the numbered places
    for (const line of listingLines(text)) expect(line).not.toContain('by mail');
    // a search the by-mail programs do not reach: no "Also" line
    const denver = await asJson({ near: '39.739,-104.99', limit: 5, service: 'service.naloxone.by-mail' });
    const denverText = await asText({ near: '39.739,-104.99', limit: 5, service: 'service.naloxone.by-mail' });
    expect(denverText.includes('Also:')).toBe(denver.reaching.length > 0);
  });

  it('the last line tells how to get more; following it gives the next page; the last page has none', async () => {
    const query = { postal_code: '75215', limit: 5 };
    const [json, text] = [await asJson(query), await asText(query)];
    expect(json.page.next_cursor).toBeTruthy();
    expect(lines(text).at(-1)).toBe(`More: same search with cursor=${json.page.next_cursor}`);

    const next = { ...query, cursor: json.page.next_cursor! };
    const [json2, text2] = [await asJson(next), await asText(next)];
    expect(json2.data.length).toBeGreaterThan(0);
    expect(listingLines(text2)[0]).toContain(json2.data[0].organization.name.slice(0, 12));
    expect(text2).not.toContain('Also:'); // reaching is on the first page only

    // a page that holds everything: no "More"
    const all = { postal_code: '75215', service: 'service.naloxone.vending-machine', radius: 2, limit: 50 };
    const [jsonAll, textAll] = [await asJson(all), await asText(all)];
    expect(jsonAll.page.next_cursor).toBeNull();
    expect(textAll).not.toContain('More:');
  });

  it('"approx." for hidden addresses and for imports placed at a ZIP centroid; exact sites without it', async () => {
    const query = { postal_code: '75215', limit: 20 };
    const [json, text] = [await asJson(query), await asText(query)];
    const listed = listingLines(text);
    expect(json.data.some((h) => h.location.address_visibility === 'approximate')).toBe(true);
    json.data.forEach((hit, i) => {
      const approximate =
        hit.location.address_visibility === 'approximate' || hit.location.coordinates_approximate || (hit.location.location_precision_m ?? 0) >= 1000;
      expect({ line: listed[i], approx: / - approx\. \d+(\.\d)? mi - /.test(listed[i]) }).toEqual({ line: listed[i], approx: approximate });
      if (hit.location.address_visibility === 'approximate') expect(listed[i]).toMatch(/ - near .+ \(call for address\)/);
    });

    // a spreadsheet row without coordinates: the importer places it at its ZIP's centroid
    const keys = await createKeys(app, 'search-text');
    const mapping = {
      source: SOURCE,
      licence: 'CC0-1.0',
      attribution: 'Fictional test rows',
      timezone: 'America/Chicago',
      strict: false,
      columns: { organizationName: 'name', address1: 'street', city: 'city', state: 'state', zip: 'zip', latitude: 'lat', longitude: 'lon', phone: 'phone' },
      constantTerms: ['service.naloxone.distribution'],
    };
    const csv = 'name,street,city,state,zip,lat,lon,phone\nText Format ZIP Centroid Site (fictional),1 Fictional Rd,Amarillo,TX,79101,,,(806) 555-0160\n';
    const imported = await request(url).post('/v1/imports').set(bearer(keys.write)).send({ format: 'csv', content: csv, mapping }).expect(200);
    expect(imported.body).toMatchObject({ committed: true, rejected: [] });
    const amarillo = { postal_code: '79101', service: 'service.naloxone.distribution', limit: 50 };
    const [ajson, atext] = [await asJson(amarillo), await asText(amarillo)];
    const index = ajson.data.findIndex((h) => h.organization.name === 'Text Format ZIP Centroid Site (fictional)');
    expect(index).toBeGreaterThanOrEqual(0);
    expect(ajson.data[index].location.coordinates_approximate).toBe(true);
    expect(listingLines(atext)[index]).toMatch(
      /^\d+\. Text Format ZIP Centroid Site \(fictional\)(: [^-]+)? - approx\. \d+\.\d mi - (.+ - )?\(806\) 555-0160 - /,
    );
    expect(listingLines(await asText(amarillo, 'es'))[index]).toMatch(/ - aprox\. \d+\.\d mi - /);
  });

  it('nothing found: the advice, in the language asked, names where it searched', async () => {
    const query = { postal_code: '75215', service: 'service.naloxone.vending-machine', radius: 0.1, limit: 5 };
    const json = await asJson(query);
    expect(json.data).toHaveLength(0);
    const label = json.page.origin.label;
    const en = lines(await asText(query, 'en'));
    const es = lines(await asText(query, 'es'));
    expect(en[0]).toBe(`No listings match${label ? ` near ${label}` : ''}. Try a larger radius or fewer filters.`);
    expect(es[0]).toBe(`No hay resultados${label ? ` cerca de ${label}` : ''}. Pruebe un radio mayor o menos filtros.`);
    // programs that reach the caller still show
    expect(en.some((l) => l.startsWith('Also: '))).toBe(json.reaching.length > 0);
  });

  it('Accept: text/plain gives the same text; phones read in national format', async () => {
    const query = { postal_code: '75215', service: 'service.naloxone', limit: 5 };
    const byAccept = await request(url).get('/v1/search').query(query).set('accept', 'text/plain').expect(200);
    expect(byAccept.text).toBe(await asText(query));
    const json = await asJson(query);
    listingLines(byAccept.text).forEach((line, i) => {
      if (json.data[i].phones.some((p) => p.type !== 'fax')) expect(line).toMatch(/ - \(\d{3}\) \d{3}-\d{4}( ext\. \d+)? - /);
      expect(line).not.toMatch(/\+1\d{10}/);
    });
  });
});
