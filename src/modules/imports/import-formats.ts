import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../common/errors/domain-error';
import { ImportBatch } from './import-batch';
import { parseCsvMapping, parseMappedCsv } from './parsers/csv.parser';
import { GeoJsonMapping, parseGeoJson } from './parsers/geojson.parser';
import { parseHsdsPackage } from './parsers/hsds.parser';
import { parseSamhsaMoud } from './parsers/samhsa-moud.parser';
import { parseSamhsaOtp } from './parsers/samhsa-otp.parser';

export const IMPORT_FORMATS = ['hsds', 'samhsa-moud', 'samhsa-otp', 'geojson', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** HSDS packages are all-or-nothing: a package that breaks its own schema is not half-trusted. */
export const STRICT_BY_DEFAULT: Record<ImportFormat, boolean> = {
  hsds: true,
  'samhsa-moud': false,
  'samhsa-otp': false,
  geojson: false,
  csv: false,
};

/** The directory's own taxonomy, when the caller has it: an HSDS term is ours only if it is in it. */
export interface LiveCodes {
  taxonomyCodes?: ReadonlySet<string>;
}

/**
 * Parses a source at `path` (a file; for hsds, the package folder) into an
 * ImportBatch. `mappingJson` is the mapping file's text: required for csv
 * (see docs/import-mapping.example.json), optional for geojson (overrides).
 */
export function parseSource(format: ImportFormat, path: string, mappingJson?: string, live: LiveCodes = {}): ImportBatch {
  if (format === 'hsds') {
    const dir = statSync(path).isDirectory() ? path : join(path, '..');
    return parseHsdsPackage(dir, { taxonomyCodes: live.taxonomyCodes });
  }
  const text = readFileSync(path);
  switch (format) {
    case 'samhsa-moud':
      return parseSamhsaMoud(text);
    case 'samhsa-otp':
      return parseSamhsaOtp(text);
    case 'geojson':
      return parseGeoJson(text, mappingJson ? (JSON.parse(mappingJson) as GeoJsonMapping) : undefined);
    case 'csv':
      if (!mappingJson) throw DomainError.invalidParameter('mapping', 'the csv format needs a mapping file');
      return parseMappedCsv(text, parseCsvMapping(mappingJson));
  }
}
