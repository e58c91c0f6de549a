import { FuzzRequest, send } from './http';
import type { FuzzSurface, GetOperation } from './surface';

/** A cursor a real response handed out, and where: tampering starts from these. */
export interface RealCursor {
  path: string;
  param: string;
  value: string;
}

/** Real values taken from real responses, so generated requests also hit existing records and valid pages. */
export interface Corpus {
  /** Record ids by list path (/v1/organizations, /hsds/services...). */
  ids: Map<string, string[]>;
  cursors: RealCursor[];
  taxonomyCodes: string[];
  languageCodes: string[];
  /** [latitude, longitude] of real locations. */
  points: [number, number][];
}

const CURSOR_PARAMS = ['cursor', 'since'];
const PAGE_SIZE_PARAMS = ['limit', 'per_page'];

async function getJson(baseUrl: string, target: string): Promise<unknown> {
  const req: FuzzRequest = { operation: `GET ${target}`, method: 'GET', target };
  const res = await send(baseUrl, req, 30_000, Infinity);
  if (res.status !== 200) throw new Error(`corpus: GET ${target} answered ${res.status}: ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body);
}

type Page = {
  data?: { id?: string; geometry?: { coordinates?: number[] } }[];
  contents?: { id?: string }[];
  page?: { next_cursor?: string };
  next_since?: string;
};

function collectCodes(nodes: unknown, into: Set<string>): void {
  if (!Array.isArray(nodes)) return;
  for (const node of nodes as { code?: string; children?: unknown }[]) {
    if (typeof node.code === 'string') into.add(node.code);
    collectCodes(node.children, into);
  }
}

/**
 * Walks every list operation once (small pages, so next_cursor is set) and
 * keeps what it saw. The search cursor needs a location: the first real one.
 */
export async function harvestCorpus(baseUrl: string, surface: FuzzSurface): Promise<Corpus> {
  const corpus: Corpus = { ids: new Map(), cursors: [], taxonomyCodes: [], languageCodes: [], points: [] };
  const lists = surface.operations.filter((op) => op.pathParams.length === 0 && !op.path.startsWith('/embed') && !op.path.startsWith('/health'));
  for (const op of lists) {
    const search = op.path === '/v1/search';
    if (search || op.query.some((p) => p.required)) continue;
    const sizeParam = op.query.find((p) => PAGE_SIZE_PARAMS.includes(p.name))?.name;
    const page = (await getJson(baseUrl, sizeParam ? `${op.path}?${sizeParam}=2` : op.path)) as Page;
    const ids = [...(page.data ?? []), ...(page.contents ?? [])].map((row) => row.id).filter((id): id is string => typeof id === 'string');
    if (ids.length) corpus.ids.set(op.path, ids);
    for (const row of page.data ?? []) {
      const [lng, lat] = row.geometry?.coordinates ?? [];
      if (typeof lat === 'number' && typeof lng === 'number') corpus.points.push([lat, lng]);
    }
    addCursor(corpus, op, page);
  }
  const [lat, lng] = corpus.points[0] ?? [32.7495, -96.7657];
  const searchOp = surface.operations.find((op) => op.path === '/v1/search');
  if (searchOp) addCursor(corpus, searchOp, (await getJson(baseUrl, `/v1/search?near=${lat},${lng}&radius=300&limit=1`)) as Page);

  const codes = new Set<string>();
  collectCodes(((await getJson(baseUrl, '/v1/taxonomy')) as { data: unknown }).data, codes);
  corpus.taxonomyCodes = [...codes];
  corpus.languageCodes = ((await getJson(baseUrl, '/v1/languages')) as { data: { code: string }[] }).data.map((l) => l.code);
  return corpus;
}

function addCursor(corpus: Corpus, op: GetOperation, page: Page): void {
  const param = op.query.find((p) => CURSOR_PARAMS.includes(p.name))?.name;
  const value = page.page?.next_cursor ?? page.next_since;
  if (param && typeof value === 'string') corpus.cursors.push({ path: op.path, param, value });
}
