import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { describeIf } from './support/skips';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import request from './support/checked-request';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

/**
 * The embeddable widget, end to end: the real API on a real port, and Debian's
 * Chromium driven by playwright-core (no browser download). The browser part
 * is skipped, with a message, where /usr/bin/chromium is missing; .ci/run
 * installs it.
 */
/** Debian's chromium package; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = join(__dirname, 'artifacts');
const SCREENSHOT = join(ARTIFACTS, 'embed-widget.png');
const describeBrowser = describeIf(
  existsSync(CHROMIUM),
  'embed: the widget in headless Chromium',
  `needs ${CHROMIUM} (Debian's chromium package: apt-get install -y chromium; .ci/run does; CHROMIUM_PATH points elsewhere)`,
);

/*
 * Browser globals, for the functions that run inside the page (page.evaluate,
 * addInitScript). The project compiles without the DOM lib (a Node service),
 * so this file declares, for itself only, the little those functions touch.
 */
interface DomNode {
  tagName: string;
  textContent: string | null;
  innerText: string;
  shadowRoot: DomNode | null;
  activeElement: DomNode | null;
  dataset: Record<string, string | undefined>;
  style: { setProperty(name: string, value: string): void };
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
}
interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown; failureSummary?: string }[] }[];
}
type GetCurrentPosition = (...args: unknown[]) => void;
declare const window: { __csp: string[]; __geoCalls: number; axe: { run(context: unknown, options: unknown): Promise<AxeResult> } };
declare const document: DomNode & {
  documentElement: DomNode & { lang: string };
  cookie: string;
  addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};
declare const navigator: { geolocation?: { getCurrentPosition: GetCurrentPosition } };
declare const localStorage: { length: number };
declare const sessionStorage: { length: number };
declare function getComputedStyle(element: DomNode): { outlineStyle: string; outlineWidth: string; backgroundColor: string };

/** Denver: far from the Dallas ZIP the pages start with, so "Use my location" visibly changes the results. */
const DENVER = { latitude: 39.73921, longitude: -104.99035 };
const DENVER_ROUNDED = '39.739,-104.99';

interface TermRef {
  code: string;
  name: string;
}
interface SearchHit {
  id: string;
  reach: string;
  phones: { number: string }[];
  access: TermRef[];
  service: { name: string; attributes: TermRef[] };
  organization: { name: string };
  location: {
    id: string;
    name: string;
    address_visibility: string;
    service_area_description?: string | null;
    address: { address_1: string | null; city: string | null; state_province: string | null } | null;
  };
}
interface SearchBody {
  data: SearchHit[];
  reaching: SearchHit[];
  page: { origin: { label: string | null } };
}
interface TaxonomyNode {
  code: string;
  name: string;
  name_es?: string;
  children: TaxonomyNode[];
}

interface Card {
  title: string;
  org: string;
  chip: string;
  chips: string[];
  services: { name: string; terms: string[]; state: string }[];
  text: string;
  tel: string[];
  directions: string[];
}
interface Rendered {
  state: string;
  title: string;
  where: string;
  status: string;
  items: Card[];
  alsoHidden: boolean;
  alsoTitle: string;
  also: Card[];
}

/** The oracle for the widget's grouping: hits in API order, one group per location id. */
function byLocation(hits: SearchHit[]): SearchHit[][] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) groups.set(hit.location.id, [...(groups.get(hit.location.id) ?? []), hit]);
  return [...groups.values()];
}
/** "Org: Site" location names are shown as "Site", with the organization under it. */
const expectedTitle = (hit: SearchHit) =>
  hit.location.name.startsWith(`${hit.organization.name}: `) ? hit.location.name.slice(hit.organization.name.length + 2) : hit.location.name;
const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
/** The status line the widget announces, in English. */
function statusEn(body: SearchBody): string {
  const programs = byLocation(body.reaching).length;
  const found =
    body.data.length === 0
      ? 'No matching services found in this area.'
      : `${plural(body.data.length, 'service', 'services')} at ${plural(byLocation(body.data).length, 'place', 'places')}.`;
  return programs === 0 ? found : `${found} ${programs === 1 ? '1 more program serves your area.' : `${programs} more programs serve your area.`}`;
}
function flattenTaxonomy(nodes: TaxonomyNode[], into = new Map<string, TaxonomyNode>()): Map<string, TaxonomyNode> {
  for (const node of nodes) {
    into.set(node.code, node);
    flattenTaxonomy(node.children ?? [], into);
  }
  return into;
}

describe('embeddable listings widget', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await startTestApp()));
  afterAll(() => app.close());

  const searchPage = async (query: Record<string, string | number>): Promise<SearchBody> =>
    (await request(url).get('/v1/search').query(query).expect(200)).body;
  const search = async (query: Record<string, string | number>): Promise<SearchHit[]> => (await searchPage(query)).data;

  describe('over HTTP', () => {
    it('serves widget.js as JavaScript with long caching, an ETag and 304 revalidation', async () => {
      const res = await request(url).get('/embed/widget.js').expect(200);
      expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=86400, stale-while-revalidate=604800');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const etag = res.headers.etag;
      expect(etag).toMatch(/^"[\w-]{16}"$/);
      const body = res.body instanceof Buffer ? res.body.toString('utf8') : res.text;
      // The bundle is minified: match what survives minification, not source spelling.
      expect(body).toContain('"harm-reduction-listings"');
      expect(body).toContain('customElements.define(');
      expect(body).toContain('credentials:"omit"');
      expect(body).not.toMatch(/localStorage|sessionStorage|document\.cookie|sendBeacon|XMLHttpRequest/);
      expect(Buffer.byteLength(body)).toBeLessThan(40_000);

      const again = await request(url).get('/embed/widget.js').set('if-none-match', etag).expect(304);
      expect(again.headers.etag).toBe(etag);
      expect(again.text ?? '').toBe('');
      // the pages reference ?v=<hash>: immutable
      const version = etag.slice(1, -1);
      const pinned = await request(url).get(`/embed/widget.js?v=${version}`).expect(200);
      expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const stale = await request(url).get('/embed/widget.js?v=old').expect(200);
      expect(stale.headers['cache-control']).toBe('public, max-age=86400, stale-while-revalidate=604800');
    });

    it('serves the iframe page with the options as escaped attributes and a self-only CSP', async () => {
      const res = await request(url)
        .get('/embed/listings')
        .query({ 'postal-code': '75215', services: 'service.naloxone, service.moud', lang: 'es', heading: '"><script>alert(1)</script>' })
        .expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain('frame-ancestors *');
      expect(csp).not.toMatch(/unsafe|https?:/);
      expect(res.text).toContain('<html lang="es">');
      expect(res.text).toContain('services="service.naloxone,service.moud"');
      expect(res.text).toContain('heading="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toMatch(/<script>|<style|\sstyle=|\son\w+=/); // nothing inline
      expect(res.text).toMatch(/<script src="\/embed\/widget\.js\?v=[\w-]{16}" defer><\/script>/);
    });

    it('rejects unknown or malformed options with problem+json', async () => {
      expectProblem(await request(url).get('/embed/listings').query({ 'postal-code': '75215', zip: '1' }), 400, 'INVALID_PARAMETER', 'zip');
      expectProblem(await request(url).get('/embed/listings').query({ 'postal-code': '7521' }), 400, 'INVALID_PARAMETER', 'postal-code');
      expectProblem(await request(url).get('/embed/listings').query({ near: '95,1' }), 400, 'INVALID_PARAMETER', 'near');
      expectProblem(await request(url).get('/embed/listings').query({ limit: '500' }), 400, 'INVALID_PARAMETER', 'limit');
      expectProblem(await request(url).get('/embed/listings').query({ lang: 'fr' }), 400, 'INVALID_PARAMETER', 'lang');
      expectProblem(await request(url).get('/embed/listings').query({ near: '32.7,-96.8', 'postal-code': '75215' }), 400, 'INVALID_PARAMETER', 'near');
      expectProblem(await request(url).get('/embed/demo?limit=1&limit=2'), 400, 'INVALID_PARAMETER', 'limit');
    });

    it('documents the two lines to paste on /embed/demo, which /embed and /embed/ lead to', async () => {
      const res = await request(url).get('/embed/demo').expect(200);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(res.text).toContain(escapeHtml(`<script src="${url}/embed/widget.js" defer></script>`));
      expect(res.text).toContain(escapeHtml('<harm-reduction-listings postal-code="75215" limit="5"></harm-reduction-listings>'));
      expect(res.text).toContain(escapeHtml(`<iframe src="${url}/embed/listings?postal-code=75215&limit=5"`));
      for (const name of ['--hrl-accent', '--hrl-font', '--hrl-bg', 'allow-geolocation', 'api-base']) expect(res.text).toContain(name);
      for (const path of ['/embed', '/embed/']) {
        const redirect = await request(url).get(`${path}?lang=es`).expect(302);
        expect(redirect.headers.location).toBe('/embed/demo?lang=es');
      }
      const css = await request(url).get('/embed/embed.css').expect(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      await request(url).get('/embed/embed.css').set('if-none-match', css.headers.etag).expect(304);
    });

    it('keeps the widget out of the API contract (OpenAPI)', async () => {
      const doc = (await request(url).get('/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/embed'))).toEqual([]);
    });
  });

  describeBrowser('in headless Chromium', () => {
    let browser: Browser;
    let axeSource: string;
    let partner: Server;
    let partnerUrl: string;
    const contexts: BrowserContext[] = [];
    /** Uncaught script errors in any page; checked after each test. */
    const pageErrors: string[] = [];

    afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      mkdirSync(ARTIFACTS, { recursive: true });
      // a partner's page on another origin, embedding the widget with the two documented lines
      partner = createServer((req, res) => {
        if (req.url !== '/') {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner health department</title>
</head><body><main><h1>Find help in Dallas</h1>
<script src="${url}/embed/widget.js" defer></script>
<harm-reduction-listings postal-code="75215" services="service.naloxone" limit="4" heading-level="2"></harm-reduction-listings>
</main></body></html>`);
      });
      await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
      partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
    }, 60_000);

    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await new Promise((resolve) => partner?.close(resolve));
    });

    /** A fresh, isolated browser profile that records every request and CSP violation. */
    async function openPage(options: BrowserContextOptions = {}): Promise<{ page: Page; requests: string[]; context: BrowserContext }> {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, ...options });
      contexts.push(context);
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      await context.addInitScript(() => {
        const w = window;
        w.__csp = [];
        w.__geoCalls = 0;
        document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
        const geo = navigator.geolocation;
        if (geo) {
          const original = geo.getCurrentPosition.bind(geo);
          geo.getCurrentPosition = (...args: unknown[]) => {
            w.__geoCalls++;
            return original(...args);
          };
        }
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
      return { page, requests, context };
    }

    async function settled(page: Page, selector = 'harm-reduction-listings'): Promise<Rendered> {
      await page.waitForFunction(
        (sel) => {
          const box = document.querySelector(sel)?.shadowRoot?.querySelector('.hrl');
          return !!box && (box.dataset.state === 'ready' || box.dataset.state === 'error');
        },
        selector,
        { timeout: 15_000 },
      );
      return page.evaluate((sel) => {
        const root = document.querySelector(sel)!.shadowRoot!;
        const text = (q: string, from: DomNode = root) => from.querySelector(q)?.textContent?.trim() ?? '';
        const card = (li: DomNode) => ({
          title: text('.loc', li),
          org: text('.org', li),
          chip: text('.chip', li),
          chips: [...li.querySelectorAll('.chip')].map((c) => (c.textContent ?? '').trim()),
          services: [...li.querySelectorAll('.services > li')].map((s) => ({
            name: text('.svc', s),
            terms: text('.terms', s).split(' · ').filter(Boolean),
            state: text('.state', s),
          })),
          text: li.innerText,
          tel: [...li.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')!),
          directions: [...li.querySelectorAll('a.dir')].map((a) => a.getAttribute('href')!),
        });
        const also = root.querySelector('.also')!;
        return {
          state: root.querySelector('.hrl')!.dataset.state!,
          title: text('.title'),
          where: text('.where'),
          status: text('.status'),
          items: [...root.querySelectorAll('.hrl > .list > li')].map(card),
          alsoHidden: also.getAttribute('hidden') !== null,
          alsoTitle: text('.also-title'),
          also: [...root.querySelectorAll('.also > .list > li')].map(card),
        };
      }, selector);
    }

    /** The focused element, through shadow roots. */
    const deepFocus = (page: Page) =>
      page.evaluate(() => {
        let a: DomNode | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        if (!a) return null;
        const style = getComputedStyle(a);
        return {
          tag: a.tagName.toLowerCase(),
          href: a.getAttribute('href'),
          text: (a.textContent ?? '').trim(),
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });

    async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = window.axe;
        const result = await axe.run(document, {
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
          resultTypes: ['violations'],
        });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, summary: n.failureSummary })),
        }));
      });
      expect({ page: label, violations }).toEqual({ page: label, violations: [] });
    }

    const sameOrigin = (requests: string[], ...origins: string[]) => requests.filter((r) => !origins.some((o) => r.startsWith(`${o}/`)));

    /** The origin label the API resolved, as the widget words it (ZIP alone: "Near ZIP code ..."). */
    const whereEn = (body: SearchBody, zip: string) => {
      const label = body.page.origin.label;
      return label && label !== zip ? `Near ${label}` : `Near ZIP code ${zip}`;
    };

    it('renders the demo listings for ZIP 75215: one card per place, distance, hours, tel: links, directions or approximate area', async () => {
      const body = await searchPage({ postal_code: '75215', service: 'service.naloxone', limit: 6 });
      const expected = body.data;
      const groups = byLocation(expected);
      expect(expected.some((r) => r.location.address_visibility === 'approximate')).toBe(true);

      const { page, requests, context } = await openPage({ viewport: { width: 760, height: 900 } });
      // a cookie for the API's origin: the widget must not send it
      await context.addCookies([{ name: 'session', value: 'must-not-be-sent', url, httpOnly: true }]);
      const searchHeaders: Record<string, string>[] = [];
      page.on('request', async (r) => {
        if (r.url().includes('/v1/search')) searchHeaders.push(await r.allHeaders());
      });
      await page.goto(`${url}/embed/listings?postal-code=75215&services=service.naloxone&limit=6`);
      const shown = await settled(page);

      expect(shown.state).toBe('ready');
      expect(shown.title).toBe('Harm-reduction services near you');
      expect(shown.where).toBe(whereEn(body, '75215'));
      expect(shown.status).toBe(statusEn(body));
      expect(shown.items.map((i) => i.title)).toEqual(groups.map((g) => expectedTitle(g[0])));
      expect(shown.items.map((i) => i.services.map((s) => s.name))).toEqual(groups.map((g) => g.map((h) => h.service.name)));
      expect(shown.items.map((i) => i.org)).toContain('Demo Dallas Naloxone Access Project');

      groups.forEach((group, i) => {
        const [hit] = group;
        const item = shown.items[i];
        if (group.some((h) => h.phones.length)) expect(item.tel.length).toBeGreaterThan(0);
        for (const href of item.tel) expect(href).toMatch(/^tel:\+1\d{10}(,\d+)?$/);
        if (hit.reach === 'mobile') expect(item.chips).toContain('Mobile outreach');
        expect(item.chip).toMatch(/^(about )?(< )?\d+(\.\d)? mi away$/);
        if (hit.location.address_visibility === 'approximate') {
          const addr = hit.location.address!;
          expect(item.text).toContain(`Approximate area: ${addr.city}, ${addr.state_province}`);
          expect(item.directions).toEqual([]); // no directions to a hidden site
        } else if (hit.location.address?.address_1) {
          expect(item.directions).toHaveLength(1);
          expect(item.directions[0]).toMatch(/^https:\/\/www\.openstreetmap\.org\/directions\?to=-?\d+\.\d+%2C-?\d+\.\d+$/);
        }
        for (const service of item.services) expect(service.state).toMatch(/Open now|Closed|Hours not listed/);
        expect(item.text).toContain('Languages');
      });
      const vending = shown.items.find((i) => i.services.some((s) => s.name === 'Naloxone vending machine'));
      expect(vending?.text).toContain('Open 24 hours, 7 days a week');
      expect(vending?.tel[0]).toMatch(/^tel:\+1\d{10}$/);
      expect(vending?.text).toMatch(/\(\d{3}\) 555-01\d\d/); // US numbers read as people write them

      // one origin, no cookies, no referrer, nothing stored, nothing blocked by the page's CSP
      expect(sameOrigin(requests, url)).toEqual([]);
      expect(searchHeaders).toHaveLength(1);
      expect(searchHeaders[0].cookie).toBeUndefined();
      expect(searchHeaders[0].referer).toBeUndefined();
      expect(requests.filter((r) => r.includes('/v1/taxonomy'))).toEqual([]); // English: labels come with the results
      const client = await page.evaluate(() => ({
        csp: window.__csp,
        cookies: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
        geo: window.__geoCalls,
      }));
      expect(client).toEqual({ csp: [], cookies: '', local: 0, session: 0, geo: 0 });

      await expectNoAxeViolations(page, 'listings (en)');
      await page.locator('harm-reduction-listings').screenshot({ path: SCREENSHOT });
      expect(existsSync(SCREENSHOT)).toBe(true);
      console.log(`[embed.e2e] screenshot: ${SCREENSHOT}`);
      await page.close();
    }, 60_000);

    it('groups services per location: as many cards as distinct locations, the van once', async () => {
      const body = await searchPage({ postal_code: '75215', limit: 12 });
      const groups = byLocation(body.data);
      // the demo data has places with several services near 75215 (the point of grouping)
      expect(groups.length).toBeLessThan(body.data.length);
      const shared = groups.filter((g) => g.length > 1);
      expect(shared.length).toBeGreaterThan(0);

      const { page } = await openPage();
      await page.goto(`${url}/embed/listings?postal-code=75215&limit=12`);
      const shown = await settled(page);
      expect(shown.items).toHaveLength(groups.length);
      expect(shown.items.flatMap((i) => i.services)).toHaveLength(body.data.length);
      expect(new Set(shown.items.map((i) => `${i.title}|${i.org}`)).size).toBe(groups.length);
      for (const group of shared) {
        const item = shown.items[groups.indexOf(group)];
        expect(item.services.map((s) => s.name)).toEqual(group.map((h) => h.service.name));
        expect(item.title).toBe(expectedTitle(group[0]));
      }
      const vans = body.data.filter((h) => h.reach === 'mobile');
      for (const locationId of new Set(vans.map((h) => h.location.id))) {
        const title = expectedTitle(vans.find((h) => h.location.id === locationId)!);
        expect(shown.items.filter((i) => i.title === title)).toHaveLength(1);
      }
      expect(shown.status).toBe(statusEn(body));
      await page.close();
    }, 60_000);

    it('shows programs that reach the caller without a visit under "Also serving your area"', async () => {
      const body = await searchPage({ postal_code: '75215', service: 'service.naloxone', limit: 3 });
      const programs = byLocation(body.reaching);
      expect(body.reaching.some((r) => r.reach === 'by_mail')).toBe(true); // the statewide Texas by-mail program

      const { page } = await openPage();
      await page.goto(`${url}/embed/listings?postal-code=75215&services=service.naloxone&limit=3`);
      const shown = await settled(page);
      expect(shown.alsoHidden).toBe(false);
      expect(shown.alsoTitle).toBe('Also serving your area');
      expect(shown.also).toHaveLength(programs.length);
      programs.forEach((group, i) => {
        const card = shown.also[i];
        expect(card.services.map((s) => s.name)).toEqual(group.map((h) => h.service.name));
        expect(card.chip).toBe(group[0].reach === 'by_mail' ? 'By mail' : 'Mobile outreach');
        expect(card.text).toContain('Serves');
        if (group[0].location.service_area_description) expect(card.text).toContain(group[0].location.service_area_description);
        expect(card.directions).toEqual([]);
      });
      expect(shown.also.map((c) => `${c.title} ${c.org}`).join(' ')).toContain('Demo Texas Naloxone by Mail');
      // places stay places: no by-mail program among the cards above
      expect(shown.items.flatMap((i) => i.chips)).not.toContain('By mail');
      expect(shown.status).toBe(statusEn(body));

      // a search with nothing reaching the caller: no empty section
      await page.goto(`${url}/embed/listings?near=39.739,-104.99&limit=2&services=service.wound-care`);
      const denver = await settled(page);
      const denverBody = await searchPage({ near: '39.739,-104.99', limit: 2, service: 'service.wound-care' });
      expect(denver.alsoHidden).toBe(denverBody.reaching.length === 0);
      await expectNoAxeViolations(page, 'listings with no reaching programs');
      await page.close();
    }, 60_000);

    it('lang="es" shows Spanish UI text, distances in km, Spanish taxonomy labels, and passes axe', async () => {
      const body = await searchPage({ postal_code: '75215', service: 'service.naloxone', limit: 3 });
      const taxonomy = flattenTaxonomy((await request(url).get('/v1/taxonomy').expect(200)).body.data);
      const { page, requests } = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await page.goto(`${url}/embed/listings?postal-code=75215&services=service.naloxone&limit=3&lang=es&allow-geolocation`);
      const shown = await settled(page);
      expect(shown.title).toBe('Servicios de reducción de daños cerca de usted');
      const label = body.page.origin.label;
      expect(shown.where).toBe(label && label !== '75215' ? `Cerca de ${label}` : 'Cerca del código postal 75215');
      const places = byLocation(body.data).length;
      expect(shown.status).toMatch(new RegExp(`^${body.data.length} servicios? en ${places} lugar(es)?\\.`));
      expect(await page.locator('harm-reduction-listings button.locate').innerText()).toBe('Usar mi ubicación');
      expect(shown.alsoTitle).toBe('También atienden su zona');
      for (const item of [...shown.items, ...shown.also]) {
        expect(item.text).toMatch(/Dirección|Atiende/);
        for (const service of item.services) expect(service.state).toMatch(/Cerrado|Abierto ahora|Horario no indicado/);
        expect(item.text).toContain('Idiomas');
        expect(item.text).toContain('Español');
      }
      for (const item of shown.items) expect(item.chip).toMatch(/^a (unos )?(< )?\d+(\.\d)? km$/);

      // every label is a term's Spanish name (name_es from /v1/taxonomy), never its English one
      const hits = [...byLocation(body.data), ...byLocation(body.reaching)].flat();
      const services = [...shown.items, ...shown.also].flatMap((i) => i.services);
      expect(services).toHaveLength(hits.length);
      let spanish = 0;
      services.forEach((service, i) => {
        const terms = [...hits[i].service.attributes, ...hits[i].access].map((t) => taxonomy.get(t.code)!);
        const es = new Set(terms.map((t) => t.name_es ?? t.name));
        const enOnly = terms.filter((t) => t.name_es && t.name_es !== t.name).map((t) => t.name);
        expect(service.terms.length).toBeGreaterThan(0);
        for (const term of service.terms) {
          expect(es).toContain(term);
          expect(enOnly).not.toContain(term);
        }
        spanish += service.terms.length;
      });
      expect(spanish).toBeGreaterThan(0);
      expect(services.flatMap((s) => s.terms)).toContain(taxonomy.get('service.naloxone.distribution')!.name_es);
      // the taxonomy is fetched once per page, whatever the number of searches
      await page.evaluate(() => document.querySelector('harm-reduction-listings')!.setAttribute('limit', '2'));
      await page.waitForFunction(
        () => [...document.querySelector('harm-reduction-listings')!.shadowRoot!.querySelectorAll('.hrl > .list .services > li')].length < 3,
      );
      await settled(page);
      expect(requests.filter((r) => new URL(r).pathname === '/v1/taxonomy')).toHaveLength(1);
      expect(requests.filter((r) => new URL(r).pathname === '/v1/search')).toHaveLength(2);

      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      await expectNoAxeViolations(page, 'listings (es, phone-sized)');
      await page.locator('harm-reduction-listings').screenshot({ path: join(ARTIFACTS, 'embed-widget-es-mobile.png') });
      await page.close();
    }, 60_000);

    it('lang="es" falls back to the English label when a term has no name_es, or the taxonomy cannot be loaded', async () => {
      const hits = await search({ postal_code: '75215', service: 'service.naloxone.vending-machine', limit: 1 });
      const english = [...hits[0].service.attributes, ...hits[0].access].map((t) => t.name);
      const { page, context } = await openPage();
      // a taxonomy without Spanish names
      await context.route('**/v1/taxonomy', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data: [{ code: 'service', name: 'Services', children: [] }] }) }),
      );
      await page.goto(`${url}/embed/listings?postal-code=75215&services=service.naloxone.vending-machine&limit=1&lang=es`);
      const shown = await settled(page);
      expect(shown.state).toBe('ready');
      expect(shown.items[0].services[0].terms.length).toBeGreaterThan(0);
      for (const term of shown.items[0].services[0].terms) expect(english).toContain(term);
      // the taxonomy failing does not fail the listings
      await context.unroute('**/v1/taxonomy');
      await context.route('**/v1/taxonomy', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{}' }));
      await page.reload();
      const failed = await settled(page);
      expect(failed.state).toBe('ready');
      for (const term of failed.items[0].services[0].terms) expect(english).toContain(term);
      await page.close();
    }, 60_000);

    it('a services filter changes the results: service.moud.methadone shows only methadone', async () => {
      const { page } = await openPage();
      await page.goto(`${url}/embed/listings?postal-code=75215&limit=5`);
      const all = await settled(page);
      await page.goto(`${url}/embed/listings?postal-code=75215&limit=5&services=service.moud.methadone`);
      const methadone = await settled(page);

      const expected = await search({ postal_code: '75215', service: 'service.moud.methadone', limit: 5 });
      const names = (r: Rendered) => r.items.flatMap((i) => i.services.map((s) => s.name));
      expect(methadone.items.length).toBeGreaterThan(0);
      expect(names(methadone)).toEqual(
        byLocation(expected)
          .flat()
          .map((r) => r.service.name),
      );
      for (const name of names(methadone)) expect(name).toMatch(/methadone/i);
      expect(names(all).some((n) => !/methadone/i.test(n))).toBe(true);
      expect(methadone.items.map((i) => i.title)).not.toEqual(all.items.map((i) => i.title));

      // attributes are live: changing one from script re-runs the search
      await page.evaluate(() => document.querySelector('harm-reduction-listings')!.setAttribute('services', 'service.naloxone.vending-machine'));
      await page.waitForFunction(
        () => document.querySelector('harm-reduction-listings')!.shadowRoot!.querySelector('.svc')?.textContent === 'Naloxone vending machine',
      );
      const vending = await settled(page);
      for (const name of names(vending)) expect(name).toBe('Naloxone vending machine');

      // a bad code: the API's problem detail, announced in the live region, with a retry button
      await page.evaluate(() => document.querySelector('harm-reduction-listings')!.setAttribute('services', 'service.no-such-code'));
      const failed = await settled(page);
      expect(failed.state).toBe('error');
      expect(failed.status).toMatch(/^Listings could not be loaded\. .*unknown taxonomy code 'service\.no-such-code'/);
      expect(failed.items).toEqual([]);
      expect(failed.alsoHidden).toBe(true);
      const live = page.locator('harm-reduction-listings .status');
      expect(await live.getAttribute('role')).toBe('status');
      expect(await live.getAttribute('aria-live')).toBe('polite');
      expect(await page.locator('harm-reduction-listings button.retry').isVisible()).toBe(true);
      await page.close();
    }, 60_000);

    it('is keyboard-operable: Tab reaches the button and the phone links; Enter on "Use my location" searches near the browser location', async () => {
      const { page, requests } = await openPage({ permissions: ['geolocation'], geolocation: DENVER });
      await page.goto(`${url}/embed/listings?postal-code=75215&limit=4&allow-geolocation`);
      const before = await settled(page);
      expect(before.where).toBe(whereEn(await searchPage({ postal_code: '75215', limit: 4 }), '75215'));
      // nothing asked of the browser, nothing sent, until the person asks
      expect(await page.evaluate(() => window.__geoCalls)).toBe(0);
      expect(requests.filter((r) => r.includes('near='))).toEqual([]);

      await page.keyboard.press('Tab');
      const onButton = await deepFocus(page);
      expect(onButton).toMatchObject({ tag: 'button', text: 'Use my location' });
      expect(onButton!.outline).toMatch(/^solid [3-9]/); // visible focus

      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('harm-reduction-listings')!.shadowRoot!.querySelector('.where')?.textContent === 'Near your location',
      );
      const after = await settled(page);
      expect(await page.evaluate(() => window.__geoCalls)).toBe(1);
      const nearRequests = requests.filter((r) => r.includes('/v1/search') && r.includes('near='));
      expect(nearRequests).toHaveLength(1);
      expect(new URL(nearRequests[0]).searchParams.get('near')).toBe(DENVER_ROUNDED);
      const expected = await searchPage({ near: DENVER_ROUNDED, limit: 4 });
      const groups = byLocation(expected.data);
      expect(after.items.map((i) => i.services.map((s) => s.name))).toEqual(groups.map((g) => g.map((h) => h.service.name)));
      expect(after.items.map((i) => i.title)).toEqual(groups.map((g) => expectedTitle(g[0])));
      expect(after.items.map((i) => i.title)).not.toEqual(before.items.map((i) => i.title));
      expect(after.status).toBe(statusEn(expected));
      // focus stayed on the button
      expect(await deepFocus(page)).toMatchObject({ tag: 'button' });

      // Tab onward reaches every phone link, in order, each with a visible focus outline
      const telHrefs = after.items.flatMap((i) => i.tel);
      expect(telHrefs.length).toBeGreaterThan(0);
      const reached: string[] = [];
      for (let i = 0; i < 60 && reached.length < telHrefs.length; i++) {
        await page.keyboard.press('Tab');
        const focus = await deepFocus(page);
        if (!focus || focus.tag === 'body') break;
        expect(focus.outline).toMatch(/^solid [3-9]/);
        if (focus.href?.startsWith('tel:')) reached.push(focus.href);
      }
      expect(reached).toEqual(telHrefs);
      expect(sameOrigin(requests, url)).toEqual([]);
      await page.close();
    }, 60_000);

    it('works on a partner page on another origin, requesting only the partner and the API origins', async () => {
      const cors = await request(url).get('/v1/search').query({ postal_code: '75215', limit: 1 }).set('origin', partnerUrl);
      if (!cors.headers['access-control-allow-origin']) {
        console.warn('[embed.e2e] SKIPPING the cross-origin page: GET /v1/search sends no Access-Control-Allow-Origin yet (CORS, issue 6 item 4).');
        return;
      }
      const { page, requests } = await openPage();
      await page.goto(`${partnerUrl}/`);
      const shown = await settled(page);
      expect(shown.state).toBe('ready');
      const expected = await search({ postal_code: '75215', service: 'service.naloxone', limit: 4 });
      expect(shown.items.map((i) => i.services.map((s) => s.name))).toEqual(byLocation(expected).map((g) => g.map((h) => h.service.name)));
      expect(sameOrigin(requests, url, partnerUrl)).toEqual([]);
      expect(
        requests
          .filter((r) => r.startsWith(url))
          .map((r) => new URL(r).pathname)
          .sort(),
      ).toEqual(['/embed/widget.js', '/v1/search']);
      await expectNoAxeViolations(page, 'partner page');
      await page.close();
    }, 60_000);

    it('themes through CSS custom properties and the demo page passes axe', async () => {
      const { page, requests } = await openPage();
      await page.goto(`${url}/embed/demo?postal-code=75215&limit=3&allow-geolocation=true`);
      const shown = await settled(page);
      expect(shown.items.flatMap((i) => i.services)).toHaveLength(3);
      await expectNoAxeViolations(page, 'demo page');

      const accent = () =>
        page.evaluate(() => getComputedStyle(document.querySelector('harm-reduction-listings')!.shadowRoot!.querySelector('button.locate')!).backgroundColor);
      expect(await accent()).toBe('rgb(11, 92, 173)');
      await page.evaluate(() => document.querySelector('harm-reduction-listings')!.style.setProperty('--hrl-accent', '#6b2c91'));
      expect(await accent()).toBe('rgb(107, 44, 145)');

      // the form reloads the page with the chosen options, keyboard only
      await page.locator('#f-services').selectOption('service.moud.methadone');
      await page.locator('#f-lang').selectOption('es');
      await page.locator('#f-limit').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/services=service\.moud\.methadone/);
      const updated = await settled(page);
      expect(updated.title).toBe('Servicios de reducción de daños cerca de usted');
      for (const item of updated.items) for (const service of item.services) expect(service.name).toMatch(/methadone/i);
      expect(sameOrigin(requests, url)).toEqual([]);
      expect(await page.evaluate(() => window.__csp)).toEqual([]);
      await page.close();
    }, 60_000);
  });
});

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
