import { EMBED_CSS, WIDGET_JS } from './embed-assets';
import { EmbedOption, EmbedOptions } from './embed-options';

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Content-Security-Policy of the HTML pages: everything from this origin only, nothing inline. */
export function contentSecurityPolicy(page: 'listings' | 'demo'): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    page === 'demo' ? "form-action 'self'" : "form-action 'none'",
    // the listings page exists to be framed by partner sites; the demo page does not
    page === 'demo' ? "frame-ancestors 'self'" : 'frame-ancestors *',
  ].join('; ');
}

const widgetSrc = (base = '') => `${base}/embed/widget.js`;
const versioned = (path: string, version: string) => `${path}?v=${version}`;

function elementTag(attributes: EmbedOptions['attributes'], indent = ''): string {
  const attrs = Object.entries(attributes).map(([name, value]) => (value === '' ? name : `${name}="${escapeHtml(value)}"`));
  if (attrs.length <= 3) return `${indent}<harm-reduction-listings${attrs.map((a) => ` ${a}`).join('')}></harm-reduction-listings>`;
  return `${indent}<harm-reduction-listings\n${attrs.map((a) => `${indent}  ${a}`).join('\n')}>\n${indent}</harm-reduction-listings>`;
}

function listingsQuery(attributes: EmbedOptions['attributes']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(attributes)) params.set(name, value === '' ? 'true' : value);
  return params.toString().replace(/%2C/g, ',');
}

const PAGE_TITLE = { en: 'Harm-reduction services near you', es: 'Servicios de reducción de daños cerca de usted' };

/** GET /embed/listings: one element, full page, for an <iframe>. */
export function renderListingsPage(options: EmbedOptions): string {
  const attributes: EmbedOptions['attributes'] = { ...options.attributes };
  // the frame is a document of its own: its title is its top heading
  if (attributes['heading-level'] === undefined) attributes['heading-level'] = '1';
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.attributes.heading ?? PAGE_TITLE[options.lang])}</title>
<link rel="stylesheet" href="${versioned('/embed/embed.css', EMBED_CSS.version)}">
<script src="${versioned(widgetSrc(), WIDGET_JS.version)}" defer></script>
</head>
<body class="frame">
<main>
${elementTag(attributes)}
</main>
</body>
</html>
`;
}

const SERVICE_CHOICES: [string, string][] = [
  ['', 'Any harm-reduction service'],
  ['service.naloxone', 'Naloxone'],
  ['service.syringe-services', 'Syringe services'],
  ['service.moud', 'Medications for opioid use disorder (MOUD)'],
  ['service.moud.methadone', 'Methadone'],
  ['service.moud.buprenorphine', 'Buprenorphine'],
  ['service.drug-checking', 'Drug checking (test strips)'],
  ['service.testing-and-prevention', 'HIV / hepatitis C testing and prevention'],
  ['service.wound-care', 'Wound care'],
];

const OPTION_DOCS: [EmbedOption | 'api-base', string, string][] = [
  ['postal-code', '<code>75215</code>', 'Search around a US ZIP code. Give this or <code>near</code>.'],
  ['near', '<code>32.7495,-96.7657</code>', 'Search around a point: latitude,longitude.'],
  [
    'services',
    '<code>service.naloxone,service.moud</code>',
    'Service codes, comma-separated (any of them). A code includes its narrower codes. See <a href="/v1/taxonomy?branch=service"><code>/v1/taxonomy?branch=service</code></a>.',
  ],
  [
    'languages',
    '<code>es</code>',
    'Only services offered in one of these languages (ISO 639 codes, see <a href="/v1/languages"><code>/v1/languages</code></a>).',
  ],
  ['limit', '<code>5</code> (default)', 'How many listings, 1 to 50.'],
  ['radius-km', '<code>15</code> (default)', 'How far to look, in kilometres (at most 300).'],
  ['open-now', '(boolean)', 'Only what is open right now.'],
  [
    'lang',
    '<code>en</code> or <code>es</code>',
    'Language of the widget’s own text. Default: the nearest <code>lang</code> attribute of your page, else English. Listing names and descriptions come from the directory as written; service and access labels use the taxonomy’s Spanish names.',
  ],
  ['units', '<code>mi</code> or <code>km</code>', 'Distance units. Default: miles in English, kilometres in Spanish.'],
  [
    'allow-geolocation',
    '(boolean)',
    'Show a “Use my location” button. The browser asks for the location only when it is pressed; the point, rounded to about 100 m, is sent only in that search request and kept nowhere.',
  ],
  ['heading', 'text', 'Replace the widget’s heading.'],
  ['heading-level', '<code>2</code> (default)', 'Heading level (1 to 5) of the widget’s title, to fit your page’s outline; listings use the next level.'],
  [
    'api-base',
    '<code>https://directory.example.org</code>',
    'Element attribute only: where the API is. Default: where <code>widget.js</code> was loaded from.',
  ],
];

const THEME_DOCS: [string, string, string][] = [
  ['--hrl-accent', '#0b5cad', 'Buttons, links and focus outline.'],
  ['--hrl-accent-contrast', '#fff', 'Text on the accent colour.'],
  ['--hrl-font', 'system-ui, …', 'Font family.'],
  ['--hrl-font-size', '1rem', 'Base font size.'],
  ['--hrl-bg', '#fff', 'Background of the widget.'],
  ['--hrl-card-bg', 'same as --hrl-bg', 'Background of each listing.'],
  ['--hrl-fg', '#1b1f24', 'Text colour.'],
  ['--hrl-muted', '#4b5563', 'Secondary text.'],
  ['--hrl-border', '#d3d8de', 'Borders.'],
  ['--hrl-link', 'same as --hrl-accent', 'Link colour.'],
  ['--hrl-open', '#11703a', '“Open now”.'],
  ['--hrl-error', '#a11d1d', 'Error messages.'],
  ['--hrl-focus', 'same as --hrl-accent', 'Keyboard focus outline.'],
  ['--hrl-chip-bg', '#eef2f6', 'Background of the distance label.'],
  ['--hrl-radius', '10px', 'Corner radius.'],
];

/** GET /embed/demo: documentation with a live example and the lines to paste. */
export function renderDemoPage(options: EmbedOptions, base: string): string {
  const a = options.attributes;
  const shown: EmbedOptions['attributes'] = a.near === undefined && a['postal-code'] === undefined ? { 'postal-code': '75215', ...a } : { ...a };
  if (shown.limit === undefined) shown.limit = '5';
  const live: EmbedOptions['attributes'] = { ...shown };
  if (live['heading-level'] === undefined) live['heading-level'] = '3';

  const snippet = `<script src="${widgetSrc(base)}" defer></script>\n${elementTag(shown)}`;
  const iframeSrc = `${base}/embed/listings?${listingsQuery(shown)}`;
  const iframe =
    `<iframe src="${iframeSrc}"\n  title="${PAGE_TITLE[options.lang]}"\n  width="100%" height="640" style="border:0"` +
    `${shown['allow-geolocation'] !== undefined ? ' allow="geolocation"' : ''} loading="lazy"></iframe>`;

  const selected = (v: string | undefined, want: string) => ((v ?? '') === want ? ' selected' : '');
  const serviceOptions = SERVICE_CHOICES.some(([code]) => code === (a.services ?? ''))
    ? SERVICE_CHOICES
    : [...SERVICE_CHOICES, [a.services!, a.services!] as [string, string]];

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Embed harm-reduction listings on your website</title>
<link rel="stylesheet" href="${versioned('/embed/embed.css', EMBED_CSS.version)}">
<script src="${versioned(widgetSrc(), WIDGET_JS.version)}" defer></script>
</head>
<body>
<div class="doc">
<header>
<a class="skip" href="#main">Skip to content</a>
<h1>Embed harm-reduction listings on your website</h1>
<p class="lede">Show the nearest syringe services, naloxone and MOUD listings on your own page, in English or Spanish, with two lines of HTML.</p>
</header>
<main id="main">
<section aria-labelledby="try-it">
<h2 id="try-it">Try it</h2>
<div class="try">
<form class="options" method="get" action="/embed/demo">
<div><label for="f-zip">ZIP code</label><input id="f-zip" name="postal-code" type="text" inputmode="numeric" autocomplete="postal-code" value="${escapeHtml(shown['postal-code'] ?? '')}"></div>
<div><label for="f-services">Service</label><select id="f-services" name="services">
${serviceOptions.map(([code, label]) => `<option value="${escapeHtml(code)}"${selected(a.services, code)}>${escapeHtml(label)}</option>`).join('\n')}
</select></div>
<div><label for="f-lang">Widget language</label><select id="f-lang" name="lang">
<option value="en"${selected(a.lang ?? 'en', 'en')}>English</option>
<option value="es"${selected(a.lang, 'es')}>Español (Spanish)</option>
</select></div>
<div><label for="f-limit">Number of listings <span class="hint">1 to 50</span></label><input id="f-limit" name="limit" type="number" min="1" max="50" value="${escapeHtml(shown.limit)}"></div>
<div class="check"><input id="f-geo" name="allow-geolocation" type="checkbox" value="true"${a['allow-geolocation'] !== undefined ? ' checked' : ''}><label for="f-geo">“Use my location” button</label></div>
<div><button type="submit">Update example</button></div>
</form>
${elementTag(live)}
</div>
</section>

<section aria-labelledby="paste">
<h2 id="paste">Paste these two lines</h2>
<p>Put the script anywhere in your page (once, even for several lists) and the element where the listings should appear:</p>
<pre tabindex="0" role="region" aria-label="HTML to paste"><code>${escapeHtml(snippet)}</code></pre>
<p>The listings render inside the element’s Shadow DOM, so your page’s styles do not leak in and the widget’s styles do not leak out. Anything you put inside the element, such as a link to your own resources page, shows until the script has run (and stays if it cannot run). Change the attributes from script and the list updates; the element fires <code>hrl-results</code> (<code>event.detail.count</code> services, at <code>event.detail.places</code> places, and <code>event.detail.reaching</code> programs that serve the area without a visit) and <code>hrl-error</code> (<code>event.detail.message</code>).</p>
</section>

<section aria-labelledby="iframe">
<h2 id="iframe">Or use an iframe</h2>
<p>Where you cannot add scripts, frame the same listings (<a href="/embed/listings?${escapeHtml(listingsQuery(shown))}">open this example on its own</a>). The page takes the same options as query parameters; add <code>allow="geolocation"</code> to let its “Use my location” button work.</p>
<pre tabindex="0" role="region" aria-label="iframe HTML to paste"><code>${escapeHtml(iframe)}</code></pre>
</section>

<section aria-labelledby="options">
<h2 id="options">Options</h2>
<div class="table-wrap">
<table>
<thead><tr><th scope="col">Attribute</th><th scope="col">Example</th><th scope="col">Meaning</th></tr></thead>
<tbody>
${OPTION_DOCS.map(([name, example, meaning]) => `<tr><th scope="row"><code>${name}</code></th><td>${example}</td><td>${meaning}</td></tr>`).join('\n')}
</tbody>
</table>
</div>
</section>

<section aria-labelledby="theme">
<h2 id="theme">Match your site’s look</h2>
<p>Set CSS custom properties on the element (or any ancestor) in your own stylesheet:</p>
<pre tabindex="0" role="region" aria-label="CSS example"><code>harm-reduction-listings {
  --hrl-accent: #6b2c91;
  --hrl-font: Georgia, serif;
  --hrl-bg: #fffdf7;
  --hrl-radius: 4px;
}</code></pre>
<div class="table-wrap">
<table>
<thead><tr><th scope="col">Property</th><th scope="col">Default</th><th scope="col">Used for</th></tr></thead>
<tbody>
${THEME_DOCS.map(([name, def, use]) => `<tr><th scope="row"><code>${name}</code></th><td><code>${escapeHtml(def)}</code></td><td>${escapeHtml(use)}</td></tr>`).join('\n')}
</tbody>
</table>
</div>
<p>Keep text contrast at 4.5:1 or more when you change colours. The layout adapts to the width it is given, from a phone to a wide column.</p>
</section>

<section aria-labelledby="privacy">
<h2 id="privacy">Privacy and security</h2>
<ul>
<li>The widget makes two kinds of request: <code>GET ${escapeHtml(base)}/v1/search</code> and, in Spanish only, <code>GET ${escapeHtml(base)}/v1/taxonomy</code> once per page (for the Spanish labels), without cookies or credentials and without a referrer. Nothing else is loaded: no fonts, images, analytics or third parties.</li>
<li>It stores nothing in the browser (no cookies, no local storage).</li>
<li>The browser is asked for a location only when a person presses “Use my location”. The point, rounded to about 100 m, goes into that search request only; the API logs it rounded to about 1 km.</li>
<li>Directions are plain links to OpenStreetMap, opened only when clicked. Sites that keep their address private show only their approximate area, with no directions.</li>
<li>With a Content-Security-Policy on your page, allow <code>script-src ${escapeHtml(base)}</code> and <code>connect-src ${escapeHtml(base)}</code>, or for the iframe <code>frame-src ${escapeHtml(base)}</code>.</li>
</ul>
</section>
</main>
<footer class="doc-foot">
<p>All demo listings are fictional. API documentation: <a href="/docs">/docs</a>.</p>
</footer>
</div>
</body>
</html>
`;
}
