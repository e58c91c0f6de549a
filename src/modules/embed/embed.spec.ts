import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { etagMatches, WIDGET_JS } from './embed-assets';
import { parseEmbedOptions } from './embed-options';
import { escapeHtml, renderListingsPage } from './embed-pages';

/** Every source file of the widget (widget.ts, the entry, and the modules it imports), together. */
const WIDGET_DIR = join(__dirname, 'widget');
const WIDGET_SOURCE = readdirSync(WIDGET_DIR)
  .filter((file) => file.endsWith('.ts'))
  .sort()
  .map((file) => readFileSync(join(WIDGET_DIR, file), 'utf8'))
  .join('\n');

describe('embed widget', () => {
  it('the served widget.js is the esbuild bundle: one script that parses, licence first, small', () => {
    const bundle = WIDGET_JS.body.toString('utf8');
    expect(() => new Script(bundle, { filename: 'widget.js' })).not.toThrow();
    expect(bundle.startsWith('/*! <harm-reduction-listings>')).toBe(true);
    expect(bundle).not.toMatch(/^\s*(import|export)\b/m);
    expect(WIDGET_JS.body.length).toBeLessThan(WIDGET_SOURCE.length); // minified
  });

  it.each([
    ['source', WIDGET_SOURCE],
    ['bundle', WIDGET_JS.body.toString('utf8')],
  ])('the widget %s uses no storage, cookies, beacons or HTML injection', (_, code) => {
    expect(code).not.toMatch(/localStorage|sessionStorage|document\.cookie|sendBeacon|XMLHttpRequest|innerHTML|eval\(|new Function/);
    // one request helper (no cookies, no referrer), used for /v1/search and /v1/taxonomy only
    expect(code.match(/fetch\(/g)).toHaveLength(1);
  });

  it('the widget requests only /v1/taxonomy and /v1/search', () => {
    expect(WIDGET_SOURCE.match(/getJson\(/g)).toHaveLength(3); // definition + 2 calls
    expect(WIDGET_SOURCE.match(/'v1\/[a-z]+/g)?.sort()).toEqual(["'v1/search", "'v1/taxonomy"]);
  });

  it('widget.js has a strong ETag that If-None-Match compares weakly', () => {
    expect(WIDGET_JS.etag).toBe(`"${WIDGET_JS.version}"`);
    expect(etagMatches(WIDGET_JS.etag, WIDGET_JS.etag)).toBe(true);
    expect(etagMatches(`"x", W/${WIDGET_JS.etag}`, WIDGET_JS.etag)).toBe(true);
    expect(etagMatches('*', WIDGET_JS.etag)).toBe(true);
    expect(etagMatches('"other"', WIDGET_JS.etag)).toBe(false);
    expect(etagMatches(undefined, WIDGET_JS.etag)).toBe(false);
  });

  it('turns query parameters into element attributes: normalised, ordered, booleans bare', () => {
    expect(
      parseEmbedOptions({
        lang: 'es',
        services: 'service.naloxone, service.moud',
        'postal-code': ' 75215 ',
        'open-now': 'true',
        'allow-geolocation': 'false',
        limit: '',
      }),
    ).toEqual({ attributes: { 'postal-code': '75215', services: 'service.naloxone,service.moud', 'open-now': '', lang: 'es' }, lang: 'es' });
    expect(parseEmbedOptions({ near: '32.7495, -96.7657', units: 'km' }).attributes).toEqual({ near: '32.7495,-96.7657', units: 'km' });
    expect(parseEmbedOptions({}).lang).toBe('en');
  });

  it.each([
    [{ zip: '75215' }, 'zip'],
    [{ 'postal-code': 'abcde' }, 'postal-code'],
    [{ near: '91,0' }, 'near'],
    [{ near: '1' }, 'near'],
    [{ services: 'naloxone' }, 'services'],
    [{ languages: 'spanish' }, 'languages'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ 'radius-km': '301' }, 'radius-km'],
    [{ lang: 'fr' }, 'lang'],
    [{ units: 'ft' }, 'units'],
    [{ 'heading-level': '6' }, 'heading-level'],
    [{ 'open-now': 'maybe' }, 'open-now'],
    [{ limit: ['1', '2'] }, 'limit'],
    [{ near: '1,2', 'postal-code': '75215' }, 'near'],
  ])('rejects %j', (query, param) => {
    expect(() => parseEmbedOptions(query)).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMETER', invalidParams: [expect.objectContaining({ name: param })] }),
    );
  });

  it('escapes every attribute value on the iframe page', () => {
    const html = renderListingsPage(parseEmbedOptions({ heading: `"><img src=x onerror=alert(1)>'` }));
    expect(html).toContain(`heading="${escapeHtml(`"><img src=x onerror=alert(1)>'`)}"`);
    expect(html).not.toContain('<img');
    expect(html).toContain('heading-level="1"');
  });
});
