/**
 * The widget's only requests: GET /v1/search and GET /v1/taxonomy on the API it was given (api-base),
 * through one helper that sends no cookies and no referrer, so a host page's visitors are not tracked.
 * The types are the parts of openapi.yaml's SearchPage and TaxonomyTree that the widget reads.
 */

/** TermRef: a taxonomy term on a listing. */
export interface TermRef {
  code: string;
  name: string;
}

export type PhoneType = 'voice' | 'text' | 'fax' | 'cell' | 'video' | 'pager' | 'textphone';

export interface Phone {
  /** E.164. */
  number: string;
  extension: string | null;
  type: PhoneType;
}

export type DayCode = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/** Weekly hours in the location's time zone. */
export interface Schedule {
  byday: DayCode[];
  /** HH:MM; closes_at 24:00 (or 00:00) is the end of the day. */
  opens_at: string;
  closes_at: string;
  timezone: string;
}

export interface Address {
  address_1: string | null;
  address_2: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
}

export interface Location {
  id: string;
  name: string;
  /** GeoJSON: [longitude, latitude]. */
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  /** approximate: the site's address is not published; show the area, never directions. */
  address_visibility: 'public' | 'approximate';
  address: Address | null;
  service_area_description: string | null;
  hours_description: string | null;
}

/**
 * A SearchResult (page.data: a place to go, with its distance) or a ReachingResult (page.reaching: a
 * program that reaches the caller by mail or outreach, with no distance).
 */
export interface Listing {
  /** The service_at_location id. */
  id: string;
  /** null: no hours listed. */
  open_now: boolean | null;
  next_opens_at: string | null;
  languages: string[];
  access: TermRef[];
  schedules: Schedule[];
  phones: Phone[];
  service: { name: string; attributes: TermRef[] };
  location: Location;
  organization: { name: string };
  reach: 'on_site' | 'mobile' | 'by_mail';
  distance_m?: number;
}

export interface SearchPage {
  data: Listing[];
  reaching: Listing[];
  page: { origin: { label: string | null } };
}

export interface TaxonomyTree {
  data: TaxonomyTerm[];
}

export interface TaxonomyTerm {
  code: string;
  /** Absent (or empty) where no Spanish name has been written yet. */
  name_es?: string;
  children: TaxonomyTerm[];
}

/** Taxonomy code -> label. */
export type TermNames = ReadonlyMap<string, string>;

export interface JsonResponse {
  ok: boolean;
  /** The parsed JSON; null when the body is not JSON. */
  body: unknown;
}

/** GET a JSON document from the API: no cookies, no referrer. */
export async function getJson(url: string, signal?: AbortSignal): Promise<JsonResponse> {
  const res = await fetch(url, {
    method: 'GET',
    mode: 'cors',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    headers: { accept: 'application/json' },
    signal,
  });
  try {
    const body: unknown = await res.json();
    return { ok: res.ok, body };
  } catch {
    return { ok: false, body: null };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A search page's envelope (a problem+json body has no data); openapi.yaml vouches for the rest. */
export const isSearchPage = (body: unknown): body is SearchPage => isObject(body) && Array.isArray(body.data);

/** GET /v1/taxonomy's envelope, likewise. */
const isTaxonomyTree = (body: unknown): body is TaxonomyTree => isObject(body) && Array.isArray(body.data);

/** The detail of a problem+json body, if there is one. */
export function problemDetail(body: unknown): string | undefined {
  return isObject(body) && typeof body.detail === 'string' && body.detail ? body.detail : undefined;
}

// Spanish taxonomy labels (name_es of /v1/taxonomy), fetched once per page and API.
const taxonomyNames = new Map<string, Promise<TermNames>>();

export function loadSpanishLabels(base: string): Promise<TermNames> {
  let names = taxonomyNames.get(base);
  if (!names) {
    names = getJson(new URL('v1/taxonomy', base).href)
      .then(({ ok, body }) => {
        const found = new Map<string, string>();
        if (ok && isTaxonomyTree(body)) collectSpanish(body.data, found);
        return found;
      })
      .catch(() => {
        taxonomyNames.delete(base); // English labels this time; try again on the next search
        return new Map<string, string>();
      });
    taxonomyNames.set(base, names);
  }
  return names;
}

function collectSpanish(terms: TaxonomyTerm[], into: Map<string, string>): void {
  for (const term of terms) {
    if (term.name_es) into.set(term.code, term.name_es);
    collectSpanish(term.children, into);
  }
}
