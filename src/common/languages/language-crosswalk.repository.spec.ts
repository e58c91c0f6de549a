import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../database/data-source-options';
import { loadLanguageCrosswalk } from './language-crosswalk.repository';
import { toDirectoryLanguage } from './language-tag';

/** Against the run's migrated database (test/support/global-setup.ts sets DATABASE_URL). */
describe('the FindTreatment crosswalk and language tags on the real iso_language', () => {
  let db: DataSource;
  let known: Set<string>;

  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1));
    await db.initialize();
    known = new Set((await db.query(`SELECT code FROM iso_language`)).map((r: { code: string }) => r.code));
  });
  afterAll(() => db?.destroy());

  it('maps each FindTreatment.gov code, upper-case, to our code', async () => {
    // the eight codes the FindTreatment.gov locator uses for the languages it lists
    expect(Object.fromEntries(await loadLanguageCrosswalk(db))).toEqual({
      SP: 'es',
      F17: 'zh',
      F19: 'ht',
      F92: 'vi',
      F4: 'ar',
      F70: 'ru',
      N23: 'nv',
      ASL: 'ase',
    });
  });

  it('resolves what browsers, ISO 639-2/3 lists and FindTreatment send to codes the directory holds', async () => {
    const crosswalk = await loadLanguageCrosswalk(db);
    const cases: [string, string][] = [
      ['es-MX', 'es'],
      ['spa', 'es'],
      ['SP', 'es'],
      ['ASL', 'ase'],
      ['sgn-US', 'ase'],
      ['zh-Hant-TW', 'zh'],
      ['zh-yue', 'yue'],
      ['cmn', 'cmn'],
      ['fre', 'fr'],
      ['vie', 'vi'],
      ['nav', 'nv'],
      ['in', 'id'],
      ['iw', 'he'],
      ['haw', 'haw'],
      ['lkt', 'lkt'],
      ['ilo', 'ilo'],
      ['ceb', 'ceb'],
      ['chr', 'chr'],
      ['F70', 'ru'],
    ];
    for (const [tag, code] of cases) {
      expect([tag, toDirectoryLanguage(tag, known, crosswalk)]).toEqual([tag, { code }]);
      expect(known.has(code)).toBe(true);
    }
    // deprecated codes are not in iso_language themselves, so the mapping is what makes them work
    for (const code of ['in', 'iw', 'ji', 'jw', 'mo']) expect(known.has(code)).toBe(false);
    expect(toDirectoryLanguage('x-klingon', known, crosswalk)).toEqual({ error: expect.stringContaining("'x-klingon'") });
  });

  it('every three-letter code of a language in iso_language that has a 639-1 code reaches that code', async () => {
    // Oracle: ICU (Intl) knows the 639-2/3 codes of major languages independently of the iso-639-3 package
    const names = new Intl.DisplayNames(['en'], { type: 'language' });
    const crosswalk = await loadLanguageCrosswalk(db);
    for (const [three, two] of [
      ['eng', 'en'],
      ['deu', 'de'],
      ['ger', 'de'],
      ['por', 'pt'],
      ['rus', 'ru'],
      ['kor', 'ko'],
      ['jpn', 'ja'],
      ['hin', 'hi'],
      ['som', 'so'],
      ['amh', 'am'],
      ['tgl', 'tl'],
      ['fas', 'fa'],
      ['per', 'fa'],
    ]) {
      expect(names.of(three)).toBe(names.of(two));
      expect([three, toDirectoryLanguage(three, known, crosswalk)]).toEqual([three, { code: two }]);
    }
  });
});
