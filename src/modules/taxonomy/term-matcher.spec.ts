import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryRunner } from 'typeorm';
import { HarmReductionTaxonomy1764140000001 } from '../../../migrations/1764140000001-HarmReductionTaxonomy';
import { TaxonomyAliasesAndSpanish1764140000006 } from '../../../migrations/1764140000006-TaxonomyAliasesAndSpanish';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../test/support/skips';
import { damerauLevenshtein, MatchableTerm, normalizeWords, TermMatcher } from './term-matcher';

/**
 * The real vocabulary, as the two migrations write it, without a database:
 * their up() runs against a runner that records each statement's parameters.
 */
async function vocabulary(): Promise<MatchableTerm[]> {
  const statements: { sql: string; params: unknown[] }[] = [];
  const recorder = {
    query: (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      return Promise.resolve([]);
    },
  } as unknown as QueryRunner;
  await new HarmReductionTaxonomy1764140000001().up(recorder);
  await new TaxonomyAliasesAndSpanish1764140000006().up(recorder);

  const terms = new Map<string, MatchableTerm & { aliases: { name: string; language: string }[] }>();
  for (const { sql, params } of statements) {
    const insert = /^INSERT INTO taxonomy_term \(([^)]*)\)/.exec(sql);
    if (insert) {
      const columns = insert[1].split(',').map((c) => c.trim());
      for (let i = 0; i < params.length; i += columns.length) {
        const row = Object.fromEntries(columns.map((c, k) => [c, params[i + k]])) as Record<string, string>;
        terms.set(row.code, { code: row.code, name: row.name, name_es: '', aliases: [] });
      }
    } else if (/^UPDATE taxonomy_term\b/.test(sql.trim())) {
      const [codes, names] = params as string[][];
      codes.forEach((code, i) => (terms.get(code)!.name_es = names[i]));
    } else if (/INSERT INTO taxonomy_term_alias/.test(sql)) {
      const [codes, aliases, languages] = params as string[][];
      codes.forEach((code, i) => terms.get(code)!.aliases.push({ name: aliases[i], language: languages[i] }));
    }
  }
  return [...terms.values()];
}

describe('normalizeWords', () => {
  it('folds case, accents, punctuation, apostrophes and a plural s', () => {
    expect(normalizeWords('Narcan®')).toEqual(['narcan']);
    expect(normalizeWords('Narcan™ nasal')).toEqual(['narcan', 'nasal']);
    expect(normalizeWords('ＮＡＲＣＡＮ')).toEqual(['narcan']); // full-width, as some keyboards type
    expect(normalizeWords('  Clínica de METADONA ')).toEqual(['clinica', 'de', 'metadona']);
    expect(normalizeWords("Women's services")).toEqual(['women', 'service']);
    expect(normalizeWords('Open 24/7')).toEqual(['open', '24', '7']);
    expect(normalizeWords('walk-ins, needles; jeringas')).toEqual(['walk', 'ins', 'needle', 'jeringa']);
    // words that end in s without being plurals keep it
    expect(normalizeWords('access bus gratis anonymous')).toEqual(['access', 'bus', 'gratis', 'anonymous']);
    expect(normalizeWords('  ...  ')).toEqual([]);
  });
});

describe('damerauLevenshtein (optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(damerauLevenshtein('narcan', 'narcan', 2)).toBe(0);
    expect(damerauLevenshtein('narcn', 'narcan', 2)).toBe(1); // deletion
    expect(damerauLevenshtein('naloxnoe', 'naloxone', 2)).toBe(1); // swap
    expect(damerauLevenshtein('metadone', 'methadone', 2)).toBe(1); // insertion
    expect(damerauLevenshtein('bupenorfine', 'buprenorphine', 5)).toBe(3); // r dropped, ph → f
    expect(damerauLevenshtein('kitten', 'sitting', 5)).toBe(3);
    // OSA, not unrestricted Damerau: a swapped pair is not edited again ('ca' → 'abc' is 3, not 2)
    expect(damerauLevenshtein('ca', 'abc', 5)).toBe(3);
  });

  it('stops early: anything beyond max is reported as max + 1', () => {
    expect(damerauLevenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(damerauLevenshtein('naloxone', 'xylazine', 2)).toBe(3);
    expect(damerauLevenshtein('ab', 'abcdef', 2)).toBe(3);
  });
});

describe('TermMatcher on the real vocabulary', () => {
  let terms: MatchableTerm[];
  let matcher: TermMatcher;
  beforeAll(async () => {
    terms = await vocabulary();
    matcher = TermMatcher.from(terms);
  });

  const NALOXONE = 'service.naloxone';
  const BUPRENORPHINE = 'service.moud.buprenorphine';
  const METHADONE = 'service.moud.methadone';
  const SSP = 'service.syringe-services';
  const EXCHANGE = 'service.syringe-services.syringe-exchange';
  const XYLAZINE_STRIPS = 'service.drug-checking.xylazine-test-strips';

  it.each<[string, string[]]>([
    // brand names, any case or trademark sign
    ['narcan', [NALOXONE]],
    ['Narcan®', [NALOXONE]],
    ['NARCAN', [NALOXONE]],
    ['Kloxxado', [NALOXONE]],
    ['suboxone', [BUPRENORPHINE]],
    ['Sublocade', [BUPRENORPHINE]],
    ['Vivitrol', ['service.moud.naltrexone']],
    // Spanish names and aliases, with or without accents
    ['naloxona', [NALOXONE]],
    ['intercambio de jeringas', [SSP, EXCHANGE]],
    ['clinica de metadona', [METHADONE]],
    ['clínica de metadona', [METHADONE]],
    ['tiras reactivas de fentanilo', ['service.drug-checking.fentanyl-test-strips']],
    ['curación de heridas', ['service.wound-care']],
    // common words: "needle exchange" names the program and the exchange itself
    ['needle exchange', [SSP, EXCHANGE]],
    ['clean needles', [EXCHANGE]],
    ['xylazine', [XYLAZINE_STRIPS]],
    ['tranq', [XYLAZINE_STRIPS]],
    ['fentanyl test strips', ['service.drug-checking.fentanyl-test-strips']],
    ['test strips', ['service.drug-checking']],
    ['methadone clinic', [METHADONE]],
    ['free', ['access.free']],
    ['safe consumption site', ['service.overdose-prevention-center']],
    ['sharps disposal', ['service.syringe-services.syringe-disposal']],
    // acronyms: whole words, any case
    ['OTP', [METHADONE]],
    ['MAT', ['service.moud']],
    ['mat', ['service.moud']],
    ['SSP', [SSP]],
    // the longest phrase wins: the vending machine, not naloxone in general
    ['naloxone vending machine', ['service.naloxone.vending-machine']],
    ['Narcan vending machine', ['service.naloxone.vending-machine']],
    // a word of a longer label
    ['xylazine test strips', [XYLAZINE_STRIPS]],
    ['strips', ['service.drug-checking', 'service.drug-checking.fentanyl-test-strips', XYLAZINE_STRIPS]],
    ['LGBTQ', ['population.lgbtq']],
    // typos
    ['narcn', [NALOXONE]],
    ['nalxone', [NALOXONE]],
    ['suboxon', [BUPRENORPHINE]],
    ['methdone', [METHADONE]],
    ['bupenorphine', [BUPRENORPHINE]],
    // several terms in one query
    ['free narcan near me', ['access.free', NALOXONE]],
    ['donde consigo narcan gratis', ['access.free', NALOXONE]],
    ['prueba de VIH gratis', ['access.free', 'service.testing-and-prevention.hiv-testing']],
    ['methadone clinic open 24/7', ['access.open-24-7', METHADONE]],
    // a negated label names its term as a whole phrase only
    ['no ID', ['access.no-id-required']],
    ['sin cita', ['access.walk-in']],
    ['walk in', ['access.walk-in']],
    ['24 horas', ['access.open-24-7']],
    ['bus', ['transport.near-public-transit']],
    ['jóvenes', ['population.youth']],
  ])('%j names %j', (q, codes) => {
    expect(matcher.codesFor(q)).toEqual([...codes].sort());
  });

  it.each([
    ['the'],
    ['services'],
    ['program'],
    ['test'],
    ['xyz'],
    [''],
    ['   '],
    ['?!'],
    // "meth" is methamphetamine, not methadone
    ['meth'],
    // every word of a "no ..." label alone means nearly the opposite
    ['sobriety'],
    ['police'],
    ['insurance'],
    // an acronym inside a longer word is not the acronym
    ['format'],
    // a typo must keep the first letter: "south" is not "youth"
    ['south'],
    // too short for typo tolerance
    ['narc'],
  ])('%j names nothing', (q) => {
    expect(matcher.codesFor(q)).toEqual([]);
  });

  it('never names a branch root, not even by its own name', () => {
    const roots = terms.filter((t) => !t.code.includes('.'));
    expect(roots.map((r) => r.code).sort()).toEqual(['access', 'population', 'practice', 'principle', 'service', 'transport']);
    for (const root of roots) {
      for (const q of [root.code, root.name, root.name_es]) expect(matcher.codesFor(q)).not.toContain(root.code);
    }
  });

  it('names every other term by its name, Spanish name and each alias, in any case', () => {
    const misses: string[] = [];
    for (const term of terms.filter((t) => t.code.includes('.'))) {
      for (const q of [term.name, term.name_es, ...term.aliases.map((a) => a.name)]) {
        if (!matcher.codesFor(q).includes(term.code)) misses.push(`${term.code} ← ${q}`);
        if (!matcher.codesFor(q.toUpperCase()).includes(term.code)) misses.push(`${term.code} ← ${q.toUpperCase()}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('answers a typical query in well under 0.2 ms', () => {
    const queries = ['narcan near me', 'free needle exchange dallas', 'clínica de metadona cerca', 'suboxon', 'xyz', 'open now'];
    for (const q of queries) matcher.codesFor(q); // warm up
    const runs = 2000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) matcher.codesFor(queries[i % queries.length]);
    const meanMs = Number(process.hrtime.bigint() - started) / 1e6 / runs;
    console.log(`[term-matcher] ${meanMs.toFixed(4)} ms per typical query (mean of ${runs})`);
    expect(meanMs).toBeLessThan(0.2);
  });

  describeWithSharedData('term matcher on real program names', 'samhsa-otp-2022/otp-directory.csv')('on real program names (SAMHSA OTP directory 2022)', () => {
    const names = () => {
      const lines = readFileSync(join(SHARED_DATA_DIR, 'samhsa-otp-2022/otp-directory.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
      // ID is the first column; quoted when it holds a comma
      return lines.map((line) => (line.startsWith('"') ? line.slice(1, line.indexOf('"', 1)) : line.split(',')[0]));
    };

    it('reads a name that says methadone or opioid treatment program as methadone, fast', () => {
      const all = names();
      expect(all.length).toBeGreaterThan(1800);
      const sayMethadone = all.filter((n) => /\bmethadone\b|\bopioid treatment program\b|\bOTP\b/i.test(n));
      expect(sayMethadone.length).toBeGreaterThan(50);
      expect(sayMethadone.filter((n) => !matcher.codesFor(n).includes(METHADONE))).toEqual([]);

      for (const n of all) matcher.codesFor(n); // warm up
      const started = process.hrtime.bigint();
      for (const n of all) matcher.codesFor(n);
      const meanMs = Number(process.hrtime.bigint() - started) / 1e6 / all.length;
      console.log(`[term-matcher] ${meanMs.toFixed(4)} ms per OTP program name (mean of ${all.length}; longer than queries)`);
      expect(meanMs).toBeLessThan(0.2);
    });

    it('finds no service in a generic clinic name', () => {
      // hand-checked names from the directory (Dallas County programs among them): no term in them
      const generic = ['Metro Treatment of Texas L.P.', 'Garland Treatment Center, Inc.', 'Inspired Hope Group LLC', '14th St. Clinic'];
      expect(names()).toEqual(expect.arrayContaining(generic));
      for (const n of generic) expect(matcher.codesFor(n)).toEqual([]);
    });
  });
});
