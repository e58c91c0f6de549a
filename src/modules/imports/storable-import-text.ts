import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { assertStorableJson, jsonPath } from '../../common/validation/storable-text';
import { ImportBatch } from './import-batch';

/**
 * Text PostgreSQL cannot store (NUL, lone surrogates) anywhere in an import is
 * a 400 naming the line, before anything is written: one bad cell would
 * otherwise fail the whole transaction deep inside an INSERT (a 500 that
 * names nothing). Two passes, because the bytes and the parsed values see
 * different things:
 * - the source bytes, for a NUL in any cell of a CSV (used or not) with its
 *   physical line, as an editor shows it;
 * - the parsed batch, for what only decoding reveals (a JSON "\u0000" or a
 *   lone "\ud800" escape in GeoJSON, datapackage.json or a mapping), with the
 *   record's line (a GeoJSON feature's 1-based index).
 */

/** The 1-based line of the first NUL byte in `bytes`, or 0 when there is none. */
function lineOfNul(bytes: Buffer): number {
  const at = bytes.indexOf(0);
  if (at < 0) return 0;
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

const NUL_REASON = 'contains the NUL character (U+0000), which cannot be stored';

function rejectAt(param: string, where: string, reason: string): DomainError {
  return new DomainError(ErrorCode.InvalidParameter, `${where}: ${reason}. Nothing was imported.`, [{ name: param, reason: `${where}: ${reason}` }]);
}

/**
 * Checks the bytes of a source: a file, or an HSDS package folder (its .csv
 * and .json files). `param` names the upload field in a 400 (content, files).
 */
export function assertStorableSourceBytes(path: string, isPackage: boolean): void {
  if (!isPackage) {
    const line = lineOfNul(readFileSync(path));
    if (line) throw rejectAt('content', `line ${line}`, NUL_REASON);
    return;
  }
  const dir = statSync(path).isDirectory() ? path : join(path, '..');
  for (const name of readdirSync(dir)
    .filter((f) => /\.(csv|json)$/i.test(f))
    .sort()) {
    const line = lineOfNul(readFileSync(join(dir, name)));
    if (line) throw rejectAt(jsonPath('files', basename(name)), `${name} line ${line}`, NUL_REASON);
  }
}

/** Throws a 400 at `where` when `value` holds text that cannot be stored. */
function checkValue(value: unknown, param: string, where: string): void {
  try {
    assertStorableJson(value, '');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const [problem] = error.invalidParams;
    throw rejectAt(param, where, `${problem?.name || 'a value'} ${problem?.reason ?? 'cannot be stored'}`);
  }
}

/**
 * GeoJSON escapes: each feature, named by its line as the import report
 * names it (the feature's 1-based index). Unparseable text is left to the
 * parser, which reports it.
 */
export function assertStorableGeoJson(text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  const features = (parsed as { features?: unknown })?.features;
  if (!Array.isArray(features)) return checkValue(parsed, 'content', 'the GeoJSON document');
  features.forEach((feature, i) => checkValue(feature, 'content', `line ${i + 1} (feature ${i + 1})`));
  const { features: _features, ...rest } = parsed as Record<string, unknown>;
  checkValue(rest, 'content', 'the GeoJSON document');
}

/** The mapping file's values (source name, licence, terms, ...). */
export function assertStorableMapping(mappingJson: string | undefined): void {
  if (mappingJson === undefined) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(mappingJson);
  } catch {
    return;
  }
  checkValue(parsed, 'mapping', 'the mapping');
}

/**
 * Every value of a parsed batch, whatever its format produced: the last
 * check before the database. Records name their source key (batches do not
 * keep line numbers on records: they are part of the change-detection hash).
 */
export function assertStorableBatch(batch: ImportBatch, param: string): void {
  checkValue({ source: batch.source, licence: batch.licence, attribution: batch.attribution }, param, 'the source description');
  const kinds: [string, { external_id?: string }[]][] = [
    ['organization', batch.organizations],
    ['service', batch.services],
    ['location', batch.locations],
  ];
  for (const [kind, records] of kinds) for (const r of records) checkValue(r, param, `${kind} ${r.external_id}`);
  for (const link of batch.serviceAtLocations) {
    checkValue(link, param, `service ${link.service_external_id} at location ${link.location_external_id}`);
  }
  for (const row of [...batch.rejected, ...batch.warnings]) checkValue(row, param, `line ${row.line}`);
}
