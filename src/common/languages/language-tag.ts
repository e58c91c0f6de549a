/*
 * Turns the language tags people and systems actually send into the codes
 * iso_language holds (ISO 639-1 where one exists, else ISO 639-3):
 *
 * - our own codes: `es`, `ase`, `cmn` (case and surrounding space ignored);
 * - FindTreatment.gov locator codes through the iso_language crosswalk: `SP`,
 *   `F17`, `ASL`. Checked before ISO 639: `asl` is also the ISO 639-3 code of
 *   Asilulu, but a US directory is asked for American Sign Language;
 * - ISO 639-2/B, 639-2/T and 639-3 three-letter codes (`fre`, `fra`, `spa`),
 *   mapped to ISO 639-1 when the language has one;
 * - BCP 47 tags (RFC 5646: what browsers send in Accept-Language): only the
 *   language counts, so `es-MX`, `es-419` and `es` are all Spanish. An
 *   extended language subtag is the language (`zh-yue-HK` is Cantonese, as
 *   RFC 5646 section 4.5 canonicalizes it), and deprecated or grandfathered
 *   forms become their preferred value (`iw` → he, `i-navajo` → nv).
 *
 * Anything else (malformed, private use, a language the directory does not
 * hold) is an error naming the accepted forms.
 */
import { parse } from 'bcp-47';
import { iso6393 } from 'iso-639-3';

export type DirectoryLanguage = { code: string } | { error: string };

/** What a caller may send, for error messages and API descriptions. */
export const ACCEPTED_LANGUAGE_FORMS = 'an ISO 639 code (es, spa), a BCP 47 tag (es-MX) or a FindTreatment.gov code (SP); see GET /v1/languages';

/**
 * ISO 639-1 codes the IANA language subtag registry deprecates, with their
 * Preferred-Value. Old Java and Android still send `iw` and `in`.
 */
const DEPRECATED_TWO_LETTER: ReadonlyMap<string, string> = new Map([
  ['in', 'id'],
  ['iw', 'he'],
  ['ji', 'yi'],
  ['jw', 'jv'],
  ['mo', 'ro'],
]);

/**
 * Whole tags the IANA registry marks redundant with a Preferred-Value that
 * bcp-47's legacy-tag table does not cover. `sgn` alone is "sign languages",
 * a collection: only with a region does it name one.
 */
const REDUNDANT_TAGS: ReadonlyMap<string, string> = new Map([['sgn-us', 'ase']]);

type ThreeLetter = { iso6391?: string; iso6393: string };

/** Every ISO 639-2/B, 639-2/T and 639-3 code, to its language. */
const THREE_LETTER: ReadonlyMap<string, ThreeLetter> = (() => {
  const byCode = new Map<string, ThreeLetter>();
  for (const language of iso6393) {
    for (const code of [language.iso6393, language.iso6392T, language.iso6392B]) {
      // 639-3 first: a 639-2/B code never shadows a different 639-3 language
      if (code && !byCode.has(code)) byCode.set(code, language);
    }
  }
  return byCode;
})();

export function toDirectoryLanguage(tag: string, known: ReadonlySet<string>, findTreatment: ReadonlyMap<string, string>): DirectoryLanguage {
  const given = tag.trim();
  const lower = given.toLowerCase();
  const fail = { error: `'${given}' is not a language this directory knows: use ${ACCEPTED_LANGUAGE_FORMS}` };
  if (lower === '') return fail;
  if (known.has(lower)) return { code: lower };

  const crosswalked = findTreatment.get(given.toUpperCase());
  if (crosswalked !== undefined) return known.has(crosswalked) ? { code: crosswalked } : fail;

  const redundant = REDUNDANT_TAGS.get(lower);
  if (redundant !== undefined) return known.has(redundant) ? { code: redundant } : fail;

  const code = languageSubtag(given);
  const resolved = code === null ? null : resolveCode(code, known);
  return resolved === null ? fail : { code: resolved };
}

/** The tag's language, lower-case, or null when it is not well-formed BCP 47 or names no language (`x-…`). */
function languageSubtag(tag: string): string | null {
  const schema = parse(tag); // normalizes grandfathered tags (i-navajo → nv); malformed → no language
  const language = schema.extendedLanguageSubtags[0] ?? schema.language;
  return language ? language.toLowerCase() : null;
}

function resolveCode(code: string, known: ReadonlySet<string>): string | null {
  if (known.has(code)) return code;
  const preferred = DEPRECATED_TWO_LETTER.get(code);
  if (preferred !== undefined) return known.has(preferred) ? preferred : null;
  const language = THREE_LETTER.get(code);
  if (language === undefined) return null;
  if (language.iso6391 !== undefined && known.has(language.iso6391)) return language.iso6391;
  return known.has(language.iso6393) ? language.iso6393 : null;
}
