import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';

const ROOT = join(__dirname, '../..');

/** The environment of a child process on the embedded database in `dataDir`. */
function embeddedEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, TS_NODE_TRANSPILE_ONLY: 'true', LOG_LEVEL: 'log', ...extra };
  for (const key of ['DATABASE_URL', 'SEED_DEMO_DATA', 'DB_POOL_SIZE', 'MIGRATIONS_RUN']) if (!(key in extra)) delete env[key];
  return env;
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `src/main.ts` as the README's start command would, with no DATABASE_URL. */
export async function startEmbeddedApp(
  dataDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string; readyMs: number; output: () => string }> {
  const port = await freePort();
  const env = embeddedEnv(dataDir, { PORT: String(port), ...extraEnv });
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
    const ready = await request(url).get('/health/ready').then((r) => r.status === 200, () => false);
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


/** Runs an npm-script CLI (keys, import) as a child process on the embedded database in `dataDir`. */
export function runCli(dataDir: string, script: string, args: string[]): string {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register', script, ...args], {
    cwd: ROOT,
    env: embeddedEnv(dataDir),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
