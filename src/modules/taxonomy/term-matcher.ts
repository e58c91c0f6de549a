/**
 * Which taxonomy terms a free-text query names: "free narcan near me" names
 * service.naloxone and access.free; "intercambio de jeringas" the syringe
 * services; "methdone" (a typo) methadone. Search ORs the services carrying
 * those codes into its keyword match, so people find what they typed even when
 * a listing's own text never says "Narcan".
 *
 * Pure and synchronous: built once from the terms (names, Spanish names and
 * aliases; TaxonomyRepository.matcherTerms) with every label pre-normalized,
 * so one query costs a few map lookups plus a bounded typo scan.
 *
 * How a query names a term, in order (words a step uses are not used again):
 * 1. Phrases: the query contains a label or alias as whole words, longest
 *    first ("naloxone vending machine" names the vending machine, not also
 *    naloxone in general). Short acronyms (OTP, MAT, SSP) only match this way.
 * 2. Words: a query word of 4+ letters equals a distinctive word of a label or
 *    alias ("xylazine" names "Xylazine test strips").
 * 3. Typos: a query word of 5+ letters is within Damerau-Levenshtein distance
 *    1 (2 when both words have 8+ letters) of a distinctive label word or
 *    one-word alias with the same first letter ("narcn", "suboxon", "methdone").
 * Matching ignores case, accents and punctuation, and folds a plural "s".
 * Branch roots never match; principles match only by their full name (they
 * describe providers, they are not what anyone searches for); generic words
 * ("services", "program", "test", "the") never match on their own.
 */
export interface MatchableTerm {
  code: string;
  name: string;
  name_es: string;
  aliases: readonly { name: string; language: string }[];
}

/** Generic words: not enough on their own to name a term (written as people type them; normalized below). */
const STOP_WORDS = [
  // English function words and search filler
  'a an and or the of for to in on at by with without from into near nearby me my i you your we our us it its this that',
  'is are be can do does get got need needs needed want where how what who which here there not no yes please find',
  'looking around close closest location place places open now today tonight help area available allowed required',
  'requirement welcome provided accepted accept accepts take takes only all other others any over some',
  // generic words in our labels and aliases
  'service services program programs test tests testing care health people person drug drugs use using user treatment',
  'center centre clinic clinics support medication medications medicine medical opioid opioids prevention harm reduction',
  'disorder doctor safe safer site space injection prescription order standing extended release appointment patient',
  'name reduced always stop line light unit street home phone former formerly recently released returning citizens',
  'work worker workers trade goal staff experience specific community american speaking sign access referral supply',
  'clean alcohol public system involved experiencing adults adult same day start basic case management participant hour',
  'recovery board education awareness rapid based personal mass response pill specialist',
  // Spanish
  'de del la las el los lo y e o u al en con sin para por que se su sus un una unos unas mi yo es son hay donde como',
  'cerca aqui necesito busco ayuda abierto ahora hoy servicio servicios programa programas prueba pruebas examen rapida',
  'atencion salud persona personas droga drogas uso consumo consumir tratamiento centro clinica apoyo medicamento',
  'medicamentos medico medica opioide opioides prevencion sitio sala segura seguro inyeccion receta venta libre',
  'especialista articulos cita previa documentos cargo reducida bajo acepta aceptan horas hora todo dia requisito',
  'requiere publico parada pase incluido unidad calle trabajo consulta telefono disponible recien anteriormente',
  'situacion sexual sexuales baja meta obligatoria experiencia dirigido consejo suministro especifico apropiado',
  'comunidad habla hablan contra mismo inicio necesidades basicas caso casos otros otras contacto sobre forma',
].join(' ');

/**
 * A label that says what a program does not require ("No ID required", "sin
 * cita previa", "no sobriety requirement") names its term as a phrase only:
 * its words alone ("sobriety", "police", "cita") mean nearly the opposite.
 */
const NEGATIONS = new Set(['no', 'not', 'without', 'sin']);

/** A query longer than this many words is not a search for a term; later words are ignored. */
const MAX_QUERY_WORDS = 40;

/**
 * Lowercase, strip accents (NFKD then drop combining marks), drop apostrophes
 * ("women's" is one word), fold every other non-letter/digit to a space, and
 * fold a plural "s" so "needles" meets "needle" and "jeringas" "jeringa".
 * Symbols go first: NFKD would turn "Narcan™" into "narcantm".
 */
export function normalizeWords(text: string): string[] {
  const folded = text
    .replace(/\p{S}/gu, ' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ').map(singular);
}

/** "strips" → "strip"; leaves "access", "bus", "gratis", "anonymous" alone. */
function singular(word: string): string {
  return word.length >= 4 && word.endsWith('s') && !/(ss|us|is)$/.test(word) ? word.slice(0, -1) : word;
}

/** Longer words are not typos of a label word; their typo scan is skipped. */
const MAX_TYPO_WORD = 40;
// Scratch rows for damerauLevenshtein: one allocation for the process, not one per comparison.
const ROWS = [0, 1, 2].map(() => new Int32Array(MAX_TYPO_WORD + 1));

/**
 * Optimal-string-alignment Damerau-Levenshtein distance (an adjacent swap
 * costs 1: "nalxone"), giving up as soon as it must exceed `max`. Words up to
 * MAX_TYPO_WORD letters.
 */
export function damerauLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > MAX_TYPO_WORD || b.length > MAX_TYPO_WORD) throw new RangeError('word too long for a typo check');
  // rows i-2, i-1 and i, rotated by hand
  let before = ROWS[0];
  let previous = ROWS[1];
  let current = ROWS[2];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = previous[j - 1] + cost; // substitute (or keep)
      if (previous[j] + 1 < d) d = previous[j] + 1; // delete
      if (current[j - 1] + 1 < d) d = current[j - 1] + 1; // insert
      const swapped = i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1);
      if (swapped && before[j - 2] + 1 < d) d = before[j - 2] + 1;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return previous[b.length];
}

/** Typos allowed in a word of this length: none below 5 letters, 1, or 2 from 8 letters. */
export function allowedTypos(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * Typo targets are filed by first letter and length: a typo rarely hits the
 * first letter, and requiring it keeps "south" from meaning "youth" and
 * "bound" "wound" (and makes the scan a few dozen comparisons).
 */
const typoKey = (firstLetter: string, length: number) => `${firstLetter}${length}`;

interface Phrase {
  words: string[];
  codes: string[];
}

interface PhraseHit {
  start: number;
  phrase: Phrase;
}

const STOP = new Set(normalizeWords(STOP_WORDS));
const isDistinctive = (word: string) => word.length >= 4 && !STOP.has(word);

/** The phrases a label stands for: itself and, for "Hepatitis C (HCV) testing", "Hepatitis C testing" and "HCV". */
function labelVariants(label: string): string[] {
  const inner = [...label.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]);
  if (inner.length === 0) return [label];
  return [label, label.replace(/\([^)]*\)/g, ' '), ...inner];
}

function addTo<K>(map: Map<K, Set<string>>, key: K, code: string): void {
  const set = map.get(key);
  if (set) set.add(code);
  else map.set(key, new Set([code]));
}

export class TermMatcher {
  private constructor(
    /** Phrases by first word, longest first. */
    private readonly phrasesByFirstWord: Map<string, Phrase[]>,
    /** Distinctive label and alias words → the codes whose labels contain them. */
    private readonly codesByWord: Map<string, string[]>,
    /** Typo targets (distinctive label words, one-word aliases) by typoKey. */
    private readonly typoTargets: Map<string, { word: string; codes: string[] }[]>,
  ) {}

  static from(terms: readonly MatchableTerm[]): TermMatcher {
    const phrases = new Map<string, Set<string>>();
    const words = new Map<string, Set<string>>();
    const typoTargets = new Map<string, Set<string>>();
    for (const term of terms) {
      const isRoot = !term.code.includes('.');
      if (isRoot) continue; // "Services", "Practices": a whole branch is never what a query names
      const byWord = !term.code.startsWith('principle.');
      const labels = [term.name, term.name_es].map((label) => ({ label, isAlias: false }));
      for (const alias of term.aliases) labels.push({ label: alias.name, isAlias: true });
      for (const { label, isAlias } of labels) {
        for (const variant of labelVariants(label)) {
          const tokens = normalizeWords(variant);
          // a one-word generic label ("Services") names nothing; "basic needs" or "sin cita" still does
          if (tokens.length === 0 || (tokens.length === 1 && STOP.has(tokens[0]))) continue;
          addTo(phrases, tokens.join(' '), term.code);
          if (!byWord || tokens.some((t) => NEGATIONS.has(t))) continue;
          for (const token of tokens.filter(isDistinctive)) {
            addTo(words, token, term.code);
            const typoTarget = allowedTypos(token.length) > 0 && token.length <= MAX_TYPO_WORD;
            if (typoTarget && (!isAlias || tokens.length === 1)) addTo(typoTargets, token, term.code);
          }
        }
      }
    }

    const phrasesByFirstWord = new Map<string, Phrase[]>();
    for (const [key, codes] of phrases) {
      const phrase = { words: key.split(' '), codes: [...codes] };
      const list = phrasesByFirstWord.get(phrase.words[0]) ?? [];
      list.push(phrase);
      phrasesByFirstWord.set(phrase.words[0], list);
    }
    for (const list of phrasesByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);

    const typoTargetsByKey = new Map<string, { word: string; codes: string[] }[]>();
    for (const [word, codes] of typoTargets) {
      const key = typoKey(word[0], word.length);
      const list = typoTargetsByKey.get(key) ?? [];
      // a typo of a whole one-word label means that label ("nalxone": Naloxone, not every naloxone service)
      list.push({ word, codes: [...(phrases.get(word) ?? codes)] });
      typoTargetsByKey.set(key, list);
    }
    return new TermMatcher(phrasesByFirstWord, new Map([...words].map(([word, codes]) => [word, [...codes]])), typoTargetsByKey);
  }

  /** The codes of the terms the query names, sorted; [] when it names none. */
  codesFor(q: string): string[] {
    const words = normalizeWords(q).slice(0, MAX_QUERY_WORDS);
    const used = new Array<boolean>(words.length).fill(false);
    const codes = new Set<string>();

    for (const { start, phrase } of this.phraseHits(words)) {
      const span = phrase.words.length;
      if (used.slice(start, start + span).some(Boolean)) continue;
      used.fill(true, start, start + span);
      for (const code of phrase.codes) codes.add(code);
    }

    words.forEach((word, i) => {
      if (used[i] || !isDistinctive(word)) return;
      const named = this.codesByWord.get(word) ?? this.typoCodes(word);
      for (const code of named) codes.add(code);
    });
    return [...codes].sort();
  }

  /** Every phrase occurring in the query, longest first, then leftmost. */
  private phraseHits(words: string[]): PhraseHit[] {
    const hits: PhraseHit[] = [];
    words.forEach((word, start) => {
      for (const phrase of this.phrasesByFirstWord.get(word) ?? []) {
        const n = phrase.words.length;
        if (start + n > words.length) continue;
        let k = 1;
        while (k < n && words[start + k] === phrase.words[k]) k++;
        if (k === n) hits.push({ start, phrase });
      }
    });
    return hits.sort((a, b) => b.phrase.words.length - a.phrase.words.length || a.start - b.start);
  }

  /** The codes of typo targets within the typos both words allow ("narcn" → "narcan"). */
  private typoCodes(word: string): string[] {
    const max = allowedTypos(word.length);
    const named = new Set<string>();
    if (max === 0 || word.length > MAX_TYPO_WORD) return [];
    for (let length = word.length - max; length <= word.length + max; length++) {
      const allowed = Math.min(max, allowedTypos(length));
      for (const target of this.typoTargets.get(typoKey(word[0], length)) ?? []) {
        if (damerauLevenshtein(word, target.word, allowed) <= allowed) for (const code of target.codes) named.add(code);
      }
    }
    return [...named];
  }
}
