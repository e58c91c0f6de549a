/**
 * A cheap necessary condition for `word_similarity(q, text) >= 0.5` (pg_trgm), tested first so the
 * trigram computation runs only for the rows that can pass it.
 *
 * word_similarity is the share of q's trigrams found in the best extent of the text's. pg_trgm pads
 * each word with two spaces in front and one behind, so a word gives padded trigrams ("  j", " ju",
 * "er ") and inner ones ("jun", "uni", ...). When fewer than half of q's distinct trigrams are
 * padded, a score of 0.5 needs at least one inner trigram of q among the text's, and an inner
 * trigram is three consecutive characters of one word of the (lower-cased) text: a substring.
 * So `strpos(text, inner) > 0` for some inner trigram is implied by the match and rejects most rows
 * without a trigram in common (at 1M locations, q=juniper: 74% of the walk skips word_similarity).
 *
 * Only for q made of ASCII letters, digits and spaces (pg_trgm's word characters then are exactly
 * those); null otherwise, or when the condition is not implied: no guard.
 */
export function innerTrigramsRequired(q: string): string[] | null {
  const lower = q.toLowerCase();
  if (!/^[a-z0-9 ]+$/.test(lower)) return null;
  const all = new Set<string>();
  const inner = new Set<string>();
  for (const word of lower.split(' ').filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const trigram = padded.slice(i, i + 3);
      all.add(trigram);
      if (!trigram.includes(' ')) inner.add(trigram);
    }
  }
  const padded = all.size - inner.size;
  return inner.size > 0 && padded < 0.5 * all.size ? [...inner] : null;
}
