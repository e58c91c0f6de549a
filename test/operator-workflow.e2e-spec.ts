import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from './support/checked-request';
import { Client } from 'pg';
import { socketUrl } from '../src/database/embedded-postgres';
import { runDirOf, socketPathIn } from '../src/database/data-folder-owner';
import { describeWithSharedData, SHARED_DATA_DIR } from './support/skips';
import { buildIfStale, freePort, runCli, startEmbeddedApp, stop } from './support/child-app';

/**
 * The operator's path on the default (embedded) database, as real processes:
 * the compiled server (`npm start` runs `node dist/src/main.js` once the build
 * is fresh) and the compiled CLI (`npm run import|keys:create|demo:remove`
 * run `bin/harm-reduction-directory.js`). One data folder, one owner; every
 * command works whether or not the server runs, and nothing acknowledged is
 * lost across restarts.
 */
const ROOT = join(__dirname, '..');
const OTP = join(SHARED_DATA_DIR, 'samhsa-otp-2022/otp-directory.csv');
const DALLAS = join(SHARED_DATA_DIR, 'dallas-naloxone-2026/naloxone_locations.geojson');

interface Server {
  child: ChildProcess;
  url: string;
}

const startServer = (dataDir: string): Promise<Server> =>
  startEmbeddedApp(dataDir, { RATE_LIMIT_TIERS: 'anonymous=100000,read=100000,write=100000,admin=100000' });
const cliOk = (dataDir: string, args: string[]) => runCli(dataDir, args);

/** A server that is expected to refuse: its exit code and what it printed. */
async function refusedServer(dataDir: string): Promise<{ code: number | null | 'still running'; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()) };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c))),
    new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), 60_000))),
  ]);
  clearTimeout(timer);
  if (code === 'still running') child.kill('SIGKILL');
  return { code, output };
}

const createdLocations = (report: string) => Number(/created\s+\d+\s+\d+\s+(\d+)/.exec(report)?.[1]);
const keyOf = (out: string) => /Key \(shown once, store it now\): (\S+)/.exec(out)![1];

async function totals(url: string) {
  const count = async (path: string) => (await request(url).get(path).query({ limit: 1 }).expect(200)).body.page.total as number;
  return { organizations: await count('/v1/organizations'), locations: await count('/v1/locations'), services: await count('/v1/services') };
}

async function writeWith(url: string, key: string, name: string) {
  const res = await request(url)
    .post('/v1/organizations')
    .set('authorization', `Bearer ${key}`)
    .send({ name, description: 'Entered by the operator workflow test (fictional).' });
  return { status: res.status, body: res.body };
}

describeWithSharedData(
  'operator workflow (embedded)',
  'samhsa-otp-2022/otp-directory.csv',
  'dallas-naloxone-2026/naloxone_locations.geojson',
)('operator workflow on one embedded data folder (real processes)', () => {
  let dataDir: string;
  let server: Server | undefined;

  beforeAll(() => {
    buildIfStale();
    dataDir = join(mkdtempSync(join(tmpdir(), 'hrd-operator-')), 'pglite');
  });

  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('import before any start, server, live commands, a refused second server, restart, demo removal', async () => {
    // 1. before any start: the command opens the folder itself (migrated and set up as a start would)
    expect(createdLocations(cliOk(dataDir, ['import', '--format', 'samhsa-otp', OTP]))).toBe(1830);

    // 2. the server
    server = await startServer(dataDir);
    const before = await totals(server.url);
    expect(before.locations).toBeGreaterThanOrEqual(1830);

    // 3. while it runs: commands go through it, and it sees their work at once
    const dallas = cliOk(dataDir, ['import', '--format', 'geojson', DALLAS]);
    expect(createdLocations(dallas)).toBe(40);
    const feature = (
      JSON.parse(readFileSync(DALLAS, 'utf8')).features as { geometry: { coordinates: [number, number] } | null; properties: { name: string } }[]
    ).find((f) => f.geometry)!;
    const [lng, lat] = feature.geometry!.coordinates;
    const found = await request(server.url)
      .get('/v1/search')
      .query({ near: `${lat},${lng}`, radius: 1, limit: 50 })
      .expect(200);
    expect(found.body.data.map((r: { location: { name: string } }) => r.location.name)).toContain(feature.properties.name);
    const key = keyOf(cliOk(dataDir, ['keys', 'create', '--name', 'operator', '--scope', 'write']));
    expect(await writeWith(server.url, key, 'Written while the CLI shared the server')).toMatchObject({ status: 201 });
    const running = await totals(server.url);
    expect(running.locations).toBe(before.locations + 40);

    // 4. a second server on the same folder refuses at once, naming the holder
    const second = await refusedServer(dataDir);
    expect(second.code).not.toBe('still running');
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`pid ${server.child.pid}`);
    expect(
      await request(server.url)
        .get('/health/ready')
        .then((r) => r.status),
    ).toBe(200);

    // 5. restart: everything acknowledged is still there, the key still writes
    await stop(server.child);
    server = await startServer(dataDir);
    expect(await totals(server.url)).toEqual(running);
    expect(await writeWith(server.url, key, 'Written after the restart')).toMatchObject({ status: 201 });
    const afterRestart = await totals(server.url);

    // 6. demo data out, and only it
    const removal = cliOk(dataDir, ['demo', 'remove']);
    const removed = { organizations: Number(/(\d+) organizations/.exec(removal)![1]), locations: Number(/(\d+) locations/.exec(removal)![1]) };
    expect(removed.organizations).toBeGreaterThan(0);
    const after = await totals(server.url);
    expect(after.organizations).toBe(afterRestart.organizations - removed.organizations);
    expect(after.locations).toBe(afterRestart.locations - removed.locations);
    expect(after.locations).toBeGreaterThanOrEqual(1830 + 40); // every imported site is still there
    const search = await request(server.url).get('/v1/search').query({ postal_code: '75215', radius: 50, limit: 100 }).expect(200);
    expect(search.body.data.length).toBeGreaterThan(0); // the Dallas import is still found
    expect(search.body.data.filter((r: { organization: { name: string } }) => /fictional/i.test(r.organization.name))).toEqual([]);
    const listed = await request(server.url).get('/v1/organizations').query({ limit: 100 }).expect(200);
    expect(listed.body.data.some((o: { source: { id: string } | null }) => o.source?.id === 'demo')).toBe(false);

    // 7. after imports, API writes, a restart and the demo removal, the search projection equals a rebuild
    expect(cliOk(dataDir, ['search-projection', 'check'])).toContain('are current');
  }, 600_000);

  it('the embedded endpoint is a socket only its owner can reach', async () => {
    server ??= await startServer(dataDir);
    const url = socketUrl(runDirOf(dataDir));
    // the owner (this user) connects
    const own = new Client({ connectionString: url });
    await own.connect();
    await own.end();
    // anyone else is refused by the folder's permissions (0700)
    if (process.getuid?.() !== 0) {
      console.warn('[operator workflow] not root: cannot run a client as another user; checked the folder mode only');
    } else {
      // Node's own net module on the socket file, from '/': the other user needs nothing from the
      // checkout, which may itself be unreadable to them (a clone in a 0700 mktemp folder).
      const socket = JSON.stringify(socketPathIn(runDirOf(dataDir)));
      const other = spawnSync(
        process.execPath,
        [
          '-e',
          `const s=require('net').connect(${socket});s.on('connect',()=>{console.log('CONNECTED');process.exit(0)});s.on('error',e=>{console.log(e.code||e.message);process.exit(3)})`,
        ],
        { cwd: '/', uid: 65534, gid: 65534, encoding: 'utf8', timeout: 30_000 },
      );
      expect(other.stdout).not.toContain('CONNECTED');
      expect(other.status).toBe(3);
      expect(other.stdout).toMatch(/EACCES/);
    }
    const { statSync } = await import('node:fs');
    expect(statSync(runDirOf(dataDir)).mode & 0o777).toBe(0o700);
    // and there is no TCP endpoint at all: the owner record names no database port
    expect(readFileSync(join(runDirOf(dataDir), 'owner.json'), 'utf8')).not.toMatch(/5432|postgres:\/\//);
  }, 300_000);
});
