import { toDirectoryLanguage } from './language-tag';

// A hand-picked part of iso_language (migrations/1764140000002-IsoLanguages.ts):
// ISO 639-1 codes plus the ISO 639-3 ones it holds for languages without one.
const KNOWN = new Set(['ar', 'de', 'en', 'es', 'fr', 'he', 'ht', 'id', 'jv', 'nv', 'ro', 'ru', 'tl', 'vi', 'yi', 'zh', 'ase', 'cmn', 'haw', 'hmn', 'yue']);
// FindTreatment.gov codes as iso_language.findtreatment_code stores them (upper-case)
const FINDTREATMENT = new Map([
  ['SP', 'es'],
  ['F17', 'zh'],
  ['F19', 'ht'],
  ['F92', 'vi'],
  ['F4', 'ar'],
  ['F70', 'ru'],
  ['N23', 'nv'],
  ['ASL', 'ase'],
]);

const resolve = (tag: string) => toDirectoryLanguage(tag, KNOWN, FINDTREATMENT);

describe('toDirectoryLanguage', () => {
  it.each([
    // our own codes, any case, surrounding space ignored
    ['es', 'es'],
    ['EN', 'en'],
    [' es ', 'es'],
    ['\tfr\n', 'fr'],
    ['ase', 'ase'],
    ['CMN', 'cmn'],
    ['Haw', 'haw'],
    // BCP 47: the language subtag is what counts
    ['es-MX', 'es'],
    ['es-mx', 'es'],
    ['ES-MX', 'es'],
    ['es-419', 'es'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['zh-Hant-TW', 'zh'],
    ['zh-Hans', 'zh'],
    ['sr-Latn-RS', null],
    ['de-CH-1996', 'de'],
    ['en-US-u-ca-gregory', 'en'],
    ['en-US-x-twain', 'en'],
    ['fr-CA', 'fr'],
    // extended language subtags are the language (RFC 5646 4.5): Cantonese, Mandarin, ASL
    ['zh-yue', 'yue'],
    ['zh-yue-HK', 'yue'],
    ['zh-cmn-Hans-CN', 'cmn'],
    ['sgn-ase', 'ase'],
    // IANA-redundant sign-language tag, and the bare collection, which names no one language
    ['sgn-US', 'ase'],
    ['SGN-us', 'ase'],
    ['sgn', null],
    // deprecated ISO 639-1 codes (old Java/Android) become their preferred value
    ['in', 'id'],
    ['iw', 'he'],
    ['iw-IL', 'he'],
    ['ji', 'yi'],
    ['jw', 'jv'],
    ['mo', 'ro'],
    // grandfathered tags with a preferred value
    ['i-navajo', 'nv'],
    ['zh-guoyu', 'cmn'],
    ['en-GB-oed', 'en'],
    // ISO 639-2/B, 639-2/T and 639-3
    ['spa', 'es'],
    ['SPA', 'es'],
    ['eng', 'en'],
    ['fre', 'fr'],
    ['fra', 'fr'],
    ['chi', 'zh'],
    ['zho', 'zh'],
    ['vie', 'vi'],
    ['ara', 'ar'],
    ['ger', 'de'],
    ['deu', 'de'],
    ['nav', 'nv'],
    ['hat', 'ht'],
    ['tgl', 'tl'],
    ['heb', 'he'],
    ['rum', 'ro'],
    ['ron', 'ro'],
    ['spa-MX', 'es'],
    // FindTreatment.gov codes, any case; ASL wins over ISO 639-3 asl (Asilulu)
    ['SP', 'es'],
    ['sp', 'es'],
    ['ASL', 'ase'],
    ['asl', 'ase'],
    ['F4', 'ar'],
    ['f17', 'zh'],
    ['N23', 'nv'],
    [' F92 ', 'vi'],
  ])('%j → %j', (tag, code) => {
    expect(resolve(tag)).toEqual(code === null ? { error: expect.any(String) } : { code });
  });

  it.each([
    '',
    '   ',
    // well-formed but not a language this directory holds
    'ja',
    'jpn',
    'tlh',
    'i-klingon',
    'art-lojban',
    'zh-min-nan',
    'und',
    'mul',
    'zxx',
    'qaa',
    'arb',
    'fil',
    // private use names no language
    'x-klingon',
    'X-Klingon',
    'x-es',
    // malformed BCP 47
    'es_MX',
    'es-',
    '-es',
    'es--MX',
    'es-MX;q=0.9',
    'es,en',
    'e',
    'espanol',
    'spanish',
    'es-abcdefghi',
    'F99',
    '12',
    'es MX',
    // an unknown FindTreatment-looking code
    'F1',
  ])('%j → error', (tag) => {
    expect(resolve(tag)).toEqual({ error: expect.any(String) });
  });

  it('names the tag as given and every accepted form', () => {
    expect(resolve(' xx-YY ')).toEqual({
      error:
        "'xx-YY' is not a language this directory knows: use an ISO 639 code (es, spa), a BCP 47 tag (es-MX) " +
        'or a FindTreatment.gov code (SP); see GET /v1/languages',
    });
  });

  it('maps only to codes the directory knows: a crosswalk to a missing code, or a 639-3 code without one, fails', () => {
    expect(toDirectoryLanguage('SP', new Set(['en']), FINDTREATMENT)).toEqual({ error: expect.any(String) });
    // Spanish known only through its 639-1 code: spa still finds it; without es, nothing does
    expect(toDirectoryLanguage('spa', new Set(['en']), FINDTREATMENT)).toEqual({ error: expect.any(String) });
    // a language without a 639-1 code is kept as its 639-3 code when the directory holds it
    expect(toDirectoryLanguage('lkt', new Set(['lkt']), new Map())).toEqual({ code: 'lkt' });
    expect(toDirectoryLanguage('lkt-US', new Set(['lkt']), new Map())).toEqual({ code: 'lkt' });
  });
});
