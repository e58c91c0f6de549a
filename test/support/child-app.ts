import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from './checked-request';

const ROOT = join(__dirname, '../..');

/** The environment of a child process on the embedded database in `dataDir`. */
function embeddedEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, TS_NODE_TRANSPILE_ONLY: 'true', LOG_LEVEL: 'log', ...extra };
  for (const key of ['DATABASE_URL', 'SEED_DEMO_DATA', 'DB_POOL_SIZE', 'MIGRATIONS_RUN']) if (!(key in extra)) delete env[key];
  return env;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Compiles src/ into dist/ when a source is newer than the last build, as `npm start` does. */
export function buildIfStale(): void {
  const built = spawnSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}\n${built.stderr}`);
}

/** Starts the server as the README's start command does (`npm start`: the compiled build), with no DATABASE_URL. */
export async function startEmbeddedApp(
  dataDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string; readyMs: number; output: () => string }> {
  const port = await freePort();
  const env = embeddedEnv(dataDir, { PORT: String(port), ...extraEnv });
  const started = Date.now();
  buildIfStale();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
    const ready = await request(url)
      .get('/health/ready')
      .then(
        (r) => r.status === 200,
        () => false,
      );
    if (ready) return { child, url, readyMs: Date.now() - started, output: () => output };
    if (Date.now() - started > 90_000) throw new Error(`not ready after 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** Runs the operator CLI (`npm run import|keys:create|…`: bin/harm-reduction-directory.js) on the embedded database in `dataDir`. */
export function runCli(dataDir: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): string {
  const result = cliResult(dataDir, args, extraEnv);
  if (result.status !== 0) throw new Error(`harm-reduction-directory ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export function cliResult(dataDir: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  buildIfStale();
  return spawnSync(process.execPath, ['bin/harm-reduction-directory.js', ...args], {
    cwd: ROOT,
    env: embeddedEnv(dataDir, extraEnv),
    encoding: 'utf8',
    timeout: 240_000,
  });
}
