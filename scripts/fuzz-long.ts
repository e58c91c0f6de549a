/**
 * The long fuzz run (issue 10): the property of test/fuzz.e2e-spec.ts over
 * ≥ 10,000 generated requests against the real app, started here in-process
 * on an ephemeral port: embedded in-memory PostGIS with the demo data by
 * default, or the PostgreSQL server at DATABASE_URL (migrated if needed).
 *
 *   npm run fuzz:long -- [--requests 10000] [--seed N] [--timeout-ms 10000] [--show 5]
 *
 * It does not stop at the first failure: every distinct failure class is
 * shrunk to a minimal request and counted. Prints requests, the count by
 * status class, 5xx = N, timeouts = N and the first failures, minimised.
 * Exits 1 when any request failed the property.
 */
import { harvestCorpus } from '../test/support/fuzz/corpus';
import { closeConnections } from '../test/support/fuzz/http';
import { CampaignResult, runCampaign } from '../test/support/fuzz/campaign';
import { describeOutcome, ServerLogCapture } from '../test/support/fuzz/runner';
import { fuzzSurface } from '../test/support/fuzz/surface';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  if (value !== undefined && !Number.isFinite(value)) throw new Error(`--${name} must be a number`);
  return value ?? fallback;
}

function configureEnvironment(): string {
  if (!process.env.DATABASE_URL) process.env.DATA_DIR = 'memory://';
  else process.env.MIGRATIONS_RUN ??= 'true';
  // one client sends every request: the anonymous tier would answer 429 after 120
  process.env.RATE_LIMIT_TIERS = 'anonymous=100000000,read=100000000,write=100000000,admin=100000000';
  process.env.LOG_LEVEL ??= 'warn';
  return process.env.DATABASE_URL ? 'PostgreSQL server from DATABASE_URL' : 'embedded in-memory PostGIS with demo data';
}

function summary(result: CampaignResult, show: number, seconds: number): string {
  const classes = Object.entries(result.byStatusClass)
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const lines = [
    '',
    `requests: ${result.generated} generated, ${result.requests} sent in total (with minimisation), ${seconds.toFixed(0)} s`,
    `by status class: ${classes}`,
    `5xx = ${result.serverErrors}`,
    `timeouts = ${result.timeouts}`,
    `seeds: ${result.seeds.join(', ')}`,
    `failure classes: ${result.failures.length}`,
  ];
  result.failures
    .sort((a, b) => b.count - a.count)
    .forEach((failure, i) => {
      lines.push(`  ${i + 1}. ×${failure.count}  ${failure.signature}`);
      if (i < show) lines.push(`     minimal (${failure.shrinks} shrinks): ${describeOutcome(failure.minimal).split('\n').join('\n     ')}`);
    });
  return lines.join('\n');
}

async function main(): Promise<void> {
  const requests = option('requests', 10_000);
  const seed = option('seed', Math.floor(Math.random() * 2 ** 31));
  const timeoutMs = option('timeout-ms', 10_000);
  const show = option('show', 5);
  const database = configureEnvironment();
  // after the environment: the app reads its configuration when it starts
  const { startTestApp } = await import('../test/support/test-app');

  const log = new ServerLogCapture();
  const started = Date.now();
  console.log(`[fuzz] starting the app on ${database}...`);
  const { app, url } = await startTestApp(log);
  try {
    const surface = fuzzSurface(app);
    const corpus = await harvestCorpus(url, surface);
    console.log(
      `[fuzz] ${url}: ${surface.operations.length} GET operations + GraphQL search (${surface.searchArgs.length} arguments); ` +
        `${corpus.cursors.length} real cursors, ${[...corpus.ids.values()].flat().length} real ids; ${requests} requests, seed ${seed}`,
    );
    const fuzzStarted = Date.now();
    const result = await runCampaign({
      baseUrl: url,
      model: { surface, corpus },
      log,
      requests,
      seed,
      timeoutMs,
      onProgress: (r) => console.log(`[fuzz] ${r.generated}/${requests}: 5xx ${r.serverErrors}, timeouts ${r.timeouts}, failure classes ${r.failures.length}`),
    });
    console.log(summary(result, show, (Date.now() - fuzzStarted) / 1000));
    console.log(`[fuzz] done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.exitCode = result.failures.length ? 1 : 0;
  } finally {
    closeConnections();
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
