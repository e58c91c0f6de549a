import { createHash } from 'node:crypto';
import { PAGE_CSS } from './assets/page-css.source';
import { WIDGET_SOURCE } from './assets/widget.source';

export interface EmbedAsset {
  body: Buffer;
  contentType: string;
  /** Strong ETag: a hash of the bytes. */
  etag: string;
  /** The same hash, unquoted: `?v=<version>` URLs are immutable. */
  version: string;
}

function asset(text: string, contentType: string): EmbedAsset {
  const body = Buffer.from(text, 'utf8');
  const version = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { body, contentType, etag: `"${version}"`, version };
}

export const WIDGET_JS = asset(WIDGET_SOURCE, 'application/javascript; charset=utf-8');
export const EMBED_CSS = asset(PAGE_CSS, 'text/css; charset=utf-8');

/** Unversioned URLs: a day fresh, then a week served stale while revalidating (ETag, 304). */
export const ASSET_CACHE = 'public, max-age=86400, stale-while-revalidate=604800';
/** `?v=<version>` URLs never change. */
export const VERSIONED_ASSET_CACHE = 'public, max-age=31536000, immutable';

/** True when an If-None-Match header names this ETag (or is `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
