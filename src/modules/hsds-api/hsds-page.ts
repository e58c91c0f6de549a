/**
 * The HSDS 3.0 page envelope (openapi.json components.schemas.Page) and the
 * small pure helpers the HSDS API shares: page window math, one-to-one
 * projections of nested objects, NDJSON lines.
 */

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 500;
/** How many records an NDJSON stream assembles per round trip. */
export const NDJSON_BATCH = 200;

export interface HsdsPage<T> {
  /** Matching records across all pages. */
  total_items: number;
  /** ceil(total_items / per_page); 0 when nothing matches. */
  total_pages: number;
  /** The page returned (1-based), as requested. */
  page_number: number;
  /** Records on this page. */
  size: number;
  first_page: boolean;
  /** True on the last page, on an empty result and past the end. */
  last_page: boolean;
  /** True when this page holds no records. */
  empty: boolean;
  contents: T[];
}

export interface PageWindow {
  page: number;
  perPage: number;
  offset: number;
}

export function pageWindow(query: { page?: number; per_page?: number }): PageWindow {
  const page = query.page ?? 1;
  const perPage = query.per_page ?? DEFAULT_PER_PAGE;
  return { page, perPage, offset: (page - 1) * perPage };
}

export function hsdsPage<T>(contents: T[], totalItems: number, window: PageWindow): HsdsPage<T> {
  const totalPages = Math.ceil(totalItems / window.perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: window.page,
    size: contents.length,
    first_page: window.page === 1,
    last_page: window.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one-to-one part of an HSDS object, as HSDS list endpoints return it:
 * scalar fields, and nested single objects (a service's organization, a
 * service_at_location's service and location) reduced the same way; arrays
 * (phones, schedules, attributes, ...) dropped.
 */
export function oneToOne<T extends Json>(obj: T): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(obj)) {
    if (Array.isArray(value)) continue;
    out[key] = isObject(value) ? oneToOne(value) : value;
  }
  return out;
}

/** Keeps `records` in the order of `ids` (loaders return rows in any order); ids without a record are dropped. */
export function inOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): T[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}

export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** All of `ids`, assembled NDJSON_BATCH at a time: one JSON object per line, flat memory. */
export async function* ndjsonLines(ids: readonly string[], load: (ids: string[]) => Promise<object[]>): AsyncGenerator<string> {
  for (let i = 0; i < ids.length; i += NDJSON_BATCH) {
    const records = await load(ids.slice(i, i + NDJSON_BATCH));
    if (records.length) yield records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  }
}
