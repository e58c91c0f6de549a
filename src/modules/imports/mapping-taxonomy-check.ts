import { DomainError, ErrorCode, InvalidParam } from '../../common/errors/domain-error';
import { closestCodes } from './closest-codes';
import { ImportFormat } from './import-formats';
import { parseCsvMapping } from './parsers/csv.parser';
import { DALLAS_STYLE_MAPPING } from './parsers/geojson.parser';
import { isComment, isObject, isStringArray } from './parsers/parser-utils';
import { SAMHSA_OTP_MAPPING } from './parsers/samhsa-otp.parser';

/** A taxonomy code a mapping attaches to rows, and where in the mapping it is written. */
interface MappedCode {
  where: string;
  code: string;
}

/** Every code in a mapping's `terms` and `constantTerms`, with its place ("terms.type[\"Freestanding Dispenser\"]"). */
function codesOf(mapping: { terms?: unknown; constantTerms?: unknown }): MappedCode[] {
  const found: MappedCode[] = [];
  if (isObject(mapping.terms)) {
    for (const [column, values] of Object.entries(mapping.terms)) {
      if (isComment(column) || !isObject(values)) continue;
      for (const [value, list] of Object.entries(values)) {
        if (isStringArray(list)) for (const code of list) found.push({ where: `terms.${column}[${JSON.stringify(value)}]`, code });
      }
    }
  }
  if (isStringArray(mapping.constantTerms)) for (const code of mapping.constantTerms) found.push({ where: 'constantTerms', code });
  return found;
}

/** The mapping a format will apply: the caller's (csv), the caller's over the Dallas defaults (geojson), or the built-in one. */
function effectiveMapping(format: ImportFormat, mappingJson: string | undefined): { terms?: unknown; constantTerms?: unknown } | null {
  switch (format) {
    case 'csv':
      return mappingJson === undefined ? null : parseCsvMapping(mappingJson); // throws on a malformed mapping, as the parser would
    case 'geojson': {
      let own: unknown;
      try {
        own = mappingJson === undefined ? {} : JSON.parse(mappingJson);
      } catch {
        return null; // the parser reports the broken JSON
      }
      return { ...DALLAS_STYLE_MAPPING, ...(isObject(own) ? own : {}) };
    }
    case 'samhsa-otp':
      return SAMHSA_OTP_MAPPING;
    case 'samhsa-moud':
      return { constantTerms: ['service.moud.buprenorphine', 'service.moud.methadone', 'service.moud.naltrexone'] };
    case 'hsds':
      return null; // a package's own terms are checked term by term by its parser, against the same live codes
  }
}

/**
 * Before any row is read: every taxonomy code the mapping would attach must
 * be a term of this directory's taxonomy (the live taxonomy_term table, so
 * terms added by a migration count). One typo would otherwise strip that code
 * from every row it maps and soft-delete the services it used to make.
 * Throws a 400 naming each unknown code, where it is written, and the three
 * closest known codes by edit distance; nothing is written.
 */
export function assertMappingCodesKnown(format: ImportFormat, mappingJson: string | undefined, known: ReadonlySet<string>): void {
  const mapping = effectiveMapping(format, mappingJson);
  if (!mapping) return;
  const unknown = codesOf(mapping).filter((c) => !known.has(c.code));
  if (!unknown.length) return;
  const params: InvalidParam[] = unknown.map(({ where, code }) => ({
    name: `mapping.${where}`,
    reason: `'${code}' is not a taxonomy code of this directory; closest: ${closestCodes(code, known).join(', ')}`,
  }));
  const codes = [...new Set(unknown.map((c) => `'${c.code}'`))].join(', ');
  throw new DomainError(
    ErrorCode.InvalidParameter,
    `the mapping names ${unknown.length === 1 ? 'a taxonomy code' : 'taxonomy codes'} this directory does not have (${codes}); nothing was imported. ` +
      params.map((p) => `${p.name}: ${p.reason}`).join('; '),
    params,
  );
}
