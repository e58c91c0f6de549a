import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { innerTrigramsRequired } from '../src/modules/search/fuzzy-guard';
import { startTestApp } from './support/test-app';

/**
 * The strpos guard in front of word_similarity (fuzzy-guard.ts) must never change which listings
 * match q. Over the whole projection, for words of the directory's own text, their typos (a letter
 * dropped, doubled, swapped or replaced) and pairs of them, the rows with word_similarity >= 0.5
 * (pg_trgm itself, the oracle) are exactly the rows the guarded test keeps.
 */
describe('q: the trigram guard never changes the matches', () => {
  let app: NestFastifyApplication;
  let db: DataSource;

  beforeAll(async () => {
    ({ app } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('the guard applies to plain words with enough inner trigrams, and not otherwise', () => {
    expect(innerTrigramsRequired('Juniper')).toEqual(['jun', 'uni', 'nip', 'ipe', 'per']);
    expect(innerTrigramsRequired('ab')).toBeNull(); // only padded trigrams
    expect(innerTrigramsRequired('naïve')).toBeNull(); // not ASCII: pg_trgm's word characters depend on the locale
    expect(innerTrigramsRequired('st. mary')).toBeNull();
  });

  it('matches exactly the rows word_similarity matches, for words of the directory, their typos and pairs', async () => {
    const words: { w: string }[] = await db.query(
      `SELECT DISTINCT w COLLATE "C" AS w FROM search_projection, regexp_split_to_table(search_text, '[^a-z0-9]+') w WHERE length(w) >= 4 ORDER BY 1`,
    );
    expect(words.length).toBeGreaterThan(100);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = () => words[Math.floor(next() * words.length)].w;
    const typo = (w: string) => {
      const i = Math.floor(next() * w.length);
      const c = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)];
      return [
        w.slice(0, i) + w.slice(i + 1),
        w.slice(0, i) + w[i] + w.slice(i),
        w.slice(0, i) + c + w.slice(i + 1),
        w.slice(0, i) + (w[i + 1] ?? '') + w[i] + w.slice(i + 2),
      ][Math.floor(next() * 4)];
    };
    const queries = [
      ...Array.from({ length: 60 }, pick),
      ...Array.from({ length: 120 }, () => typo(pick())),
      ...Array.from({ length: 40 }, () => `${pick()} ${typo(pick())}`),
    ];
    let guarded = 0;
    let matched = 0;
    for (const q of queries) {
      const inner = innerTrigramsRequired(q);
      if (!inner) continue;
      guarded++;
      const [{ fuzzy, kept, rows }] = await db.query(
        `SELECT count(*) FILTER (WHERE word_similarity($1, search_text) >= 0.5)::int AS fuzzy,
                count(*) FILTER (WHERE (SELECT bool_or(strpos(search_text, t) > 0) FROM unnest($2::text[]) t) AND word_similarity($1, search_text) >= 0.5)::int AS kept,
                count(*)::int AS rows
           FROM search_projection`,
        [q.toLowerCase(), inner],
      );
      expect({ q, kept }).toEqual({ q, kept: fuzzy });
      expect(rows).toBeGreaterThan(0);
      matched += fuzzy;
    }
    expect(guarded).toBeGreaterThan(120);
    expect(matched).toBeGreaterThan(100);
  });
});
