import { ImportBatch } from '../import-batch';
import { CsvMapping, parseMappedCsv } from './csv.parser';

/**
 * SAMHSA Opioid Treatment Program directory, April 2022, geocoded by the
 * Opioid Environment Policy Scan (samhsa-otp-2022/otp-directory.csv):
 * ID (the program's name), ADDRESS, CITY, STATE, POSTAL, Latitude, Longitude.
 *
 * Every row is an opioid treatment program, so each becomes one organization,
 * one physical location and one methadone service (service.moud.methadone),
 * through the generic spreadsheet mapper with the mapping below. The mapper
 * already does what this file needs:
 * - POSTAL lost its leading zeros (1441 -> 01441, 736 -> 00736); ZIP+4 values
 *   ("75711-6367") are kept;
 * - identical rows share an external id (hash of name, address, city, state,
 *   ZIP) and are merged, counted in `merged`;
 * - an address that is only a PO box ("PO BOX 6367") cannot be the clinic, so
 *   its point is marked approximate, with a warning;
 * - the file is Latin-1 ("Clínica"), not UTF-8: pass the raw Buffer and it is
 *   decoded as such.
 * Organizations are per row, not per name: one name ("Aegis Treatment
 * Centers, LLC") can be several legal entities, and the file cannot tell.
 */
export const SAMHSA_OTP_MAPPING: CsvMapping = {
  source: 'samhsa-otp-2022',
  licence: 'Public domain (US federal data)',
  attribution: 'SAMHSA Opioid Treatment Program Directory via the Opioid Environment Policy Scan (OEPS)',
  country: 'US',
  strict: false,
  columns: {
    externalId: ['ID', 'ADDRESS', 'CITY', 'STATE', 'POSTAL'],
    organizationName: 'ID',
    address1: 'ADDRESS',
    city: 'CITY',
    state: 'STATE',
    zip: 'POSTAL',
    latitude: 'Latitude',
    longitude: 'Longitude',
  },
  constantTerms: ['service.moud.methadone'],
};

export function parseSamhsaOtp(csv: string | Buffer): ImportBatch {
  return parseMappedCsv(csv, SAMHSA_OTP_MAPPING);
}
