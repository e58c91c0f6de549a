import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Where widget.ts, embed.css and (in dist/) the bundled widget.js live. */
const WIDGET_DIR = join(__dirname, 'widget');

/**
 * The bundle `npm run build` wrote beside this file in dist/; running from src/ (Jest, ts-node) there is
 * none, and the widget is bundled in memory with the same options (scripts/widget-bundle.js).
 */
function widgetBundle(): string {
  const built = join(WIDGET_DIR, 'widget.js');
  if (existsSync(built)) return readFileSync(built, 'utf8');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev-only path, resolved only when there is no build
  const { bundleWidget } = require('../../../scripts/widget-bundle.js') as { bundleWidget: () => string };
  return bundleWidget();
}

export const WIDGET_JS = asset(widgetBundle(), 'application/javascript; charset=utf-8');
export const EMBED_CSS = asset(readFileSync(join(WIDGET_DIR, 'embed.css'), 'utf8'), 'text/css; charset=utf-8');

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
