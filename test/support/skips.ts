import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The real public datasets (../shared/data beside the checkout, with their
 * provenance in its README). SHARED_DATA_DIR points elsewhere. Tests read
 * them from there; nothing is copied into the repo.
 */
export const SHARED_DATA_DIR = resolve(process.env.SHARED_DATA_DIR ?? join(__dirname, '../../../shared/data'));

const skipLog = () => join(tmpdir(), `hrd-test-skips-${process.env.HRD_TEST_RUN_ID ?? process.pid}.log`);

/**
 * `describe` when what the suite needs is there; otherwise `describe.skip`,
 * a warning now, and a line in the summary the run prints at its end
 * (test/support/global-teardown.ts), so a skip is never silent.
 */
export function describeIf(available: boolean, suite: string, needs: string): jest.Describe {
  if (available) return describe;
  recordSkip(suite, needs);
  return describe.skip;
}

/** For a test that can only find out at run time (e.g. whether Redis answers) and returns early. */
export function recordSkip(test: string, needs: string): void {
  console.warn(`[${test}] SKIPPED: ${needs}`);
  appendFileSync(skipLog(), `${test}: ${needs}\n`);
}

/** Like describeIf, for a suite that needs the real datasets (one folder, one message). */
export function describeWithSharedData(suite: string, ...files: string[]): jest.Describe {
  const missing = [SHARED_DATA_DIR, ...files.map((f) => join(SHARED_DATA_DIR, f))].find((p) => !existsSync(p));
  return describeIf(!missing, suite, `needs the real datasets: ${missing} is missing (set SHARED_DATA_DIR to the shared/data folder)`);
}

/** Called once by the global teardown: prints what was skipped and why. */
export function reportSkips(): void {
  const log = skipLog();
  if (!existsSync(log)) return;
  const lines = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
  rmSync(log, { force: true });
  console.warn(`\n[tests] ${lines.length} suite(s) SKIPPED:\n${lines.map((l) => `  - ${l}`).join('\n')}\n`);
}

/** `it.skip`, recorded like a skipped suite: for one test that needs a file the others do not. */
export function skippedBecause(needs: string): jest.It {
  recordSkip(expect.getState().testPath ?? 'a test', needs);
  return it.skip;
}
