/*! <harm-reduction-listings> embeddable listings widget. MIT licence.
 * No dependencies, no cookies, no storage, no tracking, no third-party requests.
 * Docs: <api-base>/embed/demo */
import { EMBED_OPTIONS } from '../embed-option-names';
import { getJson, isSearchPage, loadSpanishLabels, problemDetail, type SearchPage, type TermNames } from './api';
import { byLocation, card, type CardContext } from './cards';
import { el, fill, headingTag, svgIcon } from './dom';
import { formatCoord } from './format';
import { adoptStyles } from './style';
import { fmt, TEXT, UNITS, type Lang, type Text, type Units } from './text';

const TAG = 'harm-reduction-listings';

/** Default api-base: where this script was loaded from (<base>/embed/widget.js -> <base>/). Set below, with the element. */
let defaultBase = '';

function scriptBase(): string {
  // document.currentScript is this script only while it runs: call this then.
  const script = document.currentScript;
  try {
    return new URL('..', script instanceof HTMLScriptElement && script.src ? script.src : location.href).href;
  } catch {
    return `${location.origin}/`;
  }
}

/**
 * HTMLElement, or a stand-in where there is none (a worker, a server): the bundle evaluates without error
 * anywhere, and the guard at the end then defines nothing.
 */
const ElementBase: typeof HTMLElement = typeof HTMLElement === 'function' ? HTMLElement : (class {} as typeof HTMLElement);

const ICON_LOCATE =
  'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm8.94 3A9 9 0 0 0 13 3.06V1h-2v2.06A9 9 0 0 0 3.06 11H1v2h2.06A9 9 0 0 0 11 20.94V23h2v-2.06A9 9 0 0 0 20.94 13H23v-2h-2.06zM12 19a7 7 0 1 1 0-14 7 7 0 0 1 0 14z';

/** "a, b c" -> ['a', 'b', 'c'] */
const splitList = (value: string | null): string[] =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Where to search from, as the API's parameter, and how to say it. */
interface Where {
  param: 'near' | 'postal_code';
  value: string;
  label: string;
}

type State = 'idle' | 'locating' | 'loading' | 'ready' | 'error';

/** The parts of the shadow DOM that change; _build() makes them anew whenever an attribute changes. */
interface View {
  box: HTMLElement;
  where: HTMLParagraphElement;
  /** Only with allow-geolocation, in a browser that has geolocation. */
  locate: HTMLButtonElement | null;
  status: HTMLParagraphElement;
  retry: HTMLButtonElement;
  list: HTMLOListElement;
  also: HTMLElement;
  alsoList: HTMLOListElement;
}

interface ResultsDetail {
  count: number;
  places: number;
  reaching: number;
}

interface ErrorDetail {
  message: string;
}

let counter = 0;

/**
 * <harm-reduction-listings postal-code="75215" services="service.naloxone" limit="5">: the nearest
 * harm-reduction services, from GET /v1/search, in a shadow root. Private members start with an
 * underscore so that none can shadow an HTMLElement property (lang, title, hidden…) at run time.
 * Attributes: observedAttributes, documented on /embed/demo. Method: refresh(). Events (bubbling,
 * composed): hrl-results { count, places, reaching }, hrl-error { message }.
 */
class HarmReductionListings extends ElementBase {
  static get observedAttributes(): string[] {
    // the page options (shared with the server's /embed pages), and where the API is
    return [...EMBED_OPTIONS, 'api-base'];
  }

  private readonly _uid = `hrl${++counter}`;
  private readonly _root: ShadowRoot;
  private _view: View | null = null;
  /** "lat,lon" once the person has pressed "Use my location": the browser is asked for it then, never before. */
  private _geo: string | null = null;
  /** The search in flight: a response for any other is stale. */
  private _abort: AbortController | null = null;
  private _locating = false;
  private _pending = false;

  constructor() {
    super();
    this._root = this.attachShadow({ mode: 'open' });
    adoptStyles(this._root);
  }

  connectedCallback(): void {
    this._schedule();
  }

  disconnectedCallback(): void {
    this._abort?.abort();
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    if (before !== after && this.isConnected) this._schedule();
  }

  /** Re-run the search (e.g. after changing attributes from script). */
  refresh(): void {
    this._schedule();
  }

  /** One rebuild and search for any number of attribute changes in the same task. */
  private _schedule(): void {
    if (this._pending) return;
    this._pending = true;
    void Promise.resolve().then(() => {
      this._pending = false;
      if (!this.isConnected) return;
      this._view = this._build();
      this._search();
    });
  }

  private get _lang(): Lang {
    let own = (this.getAttribute('lang') ?? '').toLowerCase();
    if (!own) {
      const scope = this.closest('[lang]');
      own = (scope?.getAttribute('lang') || document.documentElement.lang || 'en').toLowerCase();
    }
    return own.startsWith('es') ? 'es' : 'en';
  }

  private get _t(): Text {
    return TEXT[this._lang];
  }

  private get _units(): Units {
    const units = this.getAttribute('units');
    return units === 'mi' || units === 'km' ? units : UNITS[this._lang];
  }

  private get _level(): number {
    const n = parseInt(this.getAttribute('heading-level') || '2', 10);
    return n >= 1 && n <= 5 ? n : 2;
  }

  private get _apiBase(): string {
    const attr = this.getAttribute('api-base');
    try {
      return new URL(attr ? (attr.endsWith('/') ? attr : `${attr}/`) : defaultBase, location.href).href;
    } catch {
      return defaultBase;
    }
  }

  private _where(): Where | null {
    const t = this._t;
    if (this._geo) return { param: 'near', value: this._geo, label: t.nearYou };
    const near = (this.getAttribute('near') ?? '').replace(/\s+/g, '');
    if (near) return { param: 'near', value: near, label: t.nearPoint };
    const zip = (this.getAttribute('postal-code') ?? '').trim();
    if (zip) return { param: 'postal_code', value: zip, label: fmt(t.nearZip, { zip }) };
    return null;
  }

  private _build(): View {
    const t = this._t;
    const id = this._uid;
    const root = this._root;
    // everything but the fallback <style>
    for (const node of Array.from(root.childNodes)) if (node.nodeName !== 'STYLE') node.remove();
    const level = this._level;
    const where = el('p', { class: 'where', id: `${id}-where` });
    const head = el('div', { class: 'head' }, [
      el('div', null, [el(headingTag(level), { class: 'title', id: `${id}-title`, text: this.getAttribute('heading') || t.title }), where]),
    ]);
    let locate: HTMLButtonElement | null = null;
    // navigator.geolocation is missing where the browser or its settings turn location off
    if (this.hasAttribute('allow-geolocation') && navigator.geolocation) {
      locate = el('button', { type: 'button', class: 'locate' }, [svgIcon(ICON_LOCATE), el('span', { text: t.useLocation })]);
      locate.addEventListener('click', () => this._onLocate());
      head.append(locate);
    }
    const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', id: `${id}-status` });
    const retry = el('button', { type: 'button', class: 'secondary retry', hidden: true, text: t.retry });
    retry.addEventListener('click', () => this._search());
    const list = el('ol', { class: 'list', 'aria-labelledby': `${id}-title`, hidden: true });
    const alsoList = el('ol', { class: 'list', 'aria-labelledby': `${id}-also` });
    const also = el('section', { class: 'also', 'aria-labelledby': `${id}-also`, hidden: true }, [
      el(headingTag(level + 1), { class: 'also-title', id: `${id}-also`, text: t.alsoServing }),
      alsoList,
    ]);
    const box = el('section', { class: 'hrl', 'aria-labelledby': `${id}-title`, lang: this._lang, 'data-state': 'idle' }, [
      head,
      status,
      retry,
      list,
      also,
      el('p', { class: 'foot', text: t.footer }),
    ]);
    root.append(box);
    return { box, where, locate, status, retry, list, also, alsoList };
  }

  private _setState(view: View, state: State, message = '', isError = false): void {
    view.box.setAttribute('data-state', state);
    view.status.classList.toggle('error', isError);
    view.status.textContent = message;
    view.retry.hidden = state !== 'error';
    view.list.setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
  }

  private _search(): void {
    const view = this._view;
    if (!view) return;
    const t = this._t;
    const where = this._where();
    this._abort?.abort();
    this._abort = null;
    view.where.textContent = where ? where.label : '';
    if (!where) {
      view.list.hidden = true;
      view.also.hidden = true;
      this._setState(view, 'idle', view.locate ? t.chooseLocation : t.needWhere, !view.locate);
      return;
    }
    const params = new URLSearchParams();
    params.set(where.param, where.value);
    const services = splitList(this.getAttribute('services'));
    if (services.length) params.set('service', services.join(','));
    const languages = splitList(this.getAttribute('languages'));
    if (languages.length) params.set('language', languages.join(','));
    const radius = parseFloat(this.getAttribute('radius-km') ?? '');
    if (radius > 0) params.set('radius', String(radius));
    if (this.hasAttribute('open-now') && this.getAttribute('open-now') !== 'false') params.set('open_now', 'true');
    const limit = parseInt(this.getAttribute('limit') || '5', 10);
    params.set('limit', String(Math.min(Math.max(isNaN(limit) ? 5 : limit, 1), 50)));

    const url = new URL('v1/search?' + params.toString(), this._apiBase).href;
    const ctrl = new AbortController();
    this._abort = ctrl;
    this._setState(view, 'loading', t.loading);
    void this._load(view, url, ctrl, where);
  }

  private async _load(view: View, url: string, ctrl: AbortController, where: Where): Promise<void> {
    const t = this._t;
    // Spanish taxonomy labels (once per page and API), asked for before the results and awaited with them
    const labels: Promise<TermNames | null> = this._lang === 'es' ? loadSpanishLabels(this._apiBase) : Promise.resolve(null);
    try {
      const { ok, body } = await getJson(url, ctrl.signal);
      const names = await labels;
      if (this._abort !== ctrl) return; // a newer search, or none wanted any more
      if (!ok || !isSearchPage(body)) throw new Error(problemDetail(body) ?? t.errorNetwork);
      this._render(view, body, names, where);
    } catch (err) {
      if (this._abort !== ctrl || (err instanceof DOMException && err.name === 'AbortError')) return;
      // the API's problem detail, or what went wrong in here; not the browser's words for a failed request
      const message = err instanceof Error ? err.message : '';
      const detail = message && !/fetch|network/i.test(message) ? message : t.errorNetwork;
      view.list.hidden = true;
      view.also.hidden = true;
      this._setState(view, 'error', fmt(t.error, { detail }), true);
      this._emit<ErrorDetail>('hrl-error', { message: detail });
    }
  }

  /** Only when the person asks: the browser's location, to about 100 m, for this page view only. */
  private _onLocate(): void {
    const view = this._view;
    if (!view || this._locating) return;
    const t = this._t;
    this._locating = true;
    view.locate?.setAttribute('aria-disabled', 'true');
    this._setState(view, 'locating', t.locating);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this._locating = false;
        (this._view ?? view).locate?.removeAttribute('aria-disabled');
        // ~100 m: enough to find the nearest services, no more precise than that.
        this._geo = `${formatCoord(pos.coords.latitude)},${formatCoord(pos.coords.longitude)}`;
        this._search();
      },
      (err) => {
        this._locating = false;
        const current = this._view ?? view;
        current.locate?.removeAttribute('aria-disabled');
        const reason = err.code === err.PERMISSION_DENIED ? t.locationDenied : err.code === err.TIMEOUT ? t.locationTimeout : t.locationUnknown;
        this._setState(current, current.list.hidden ? 'idle' : 'ready', fmt(t.locationFailed, { reason }), true);
      },
      { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 },
    );
  }

  private _render(view: View, body: SearchPage, names: TermNames | null, where: Where): void {
    const t = this._t;
    const results = body.data;
    const reaching = body.reaching;
    const origin = body.page.origin;
    // what the API searched from, so a caller sees what "near" means ("Near Dallas, TX 75215")
    if (origin.label && where.param !== 'near' && origin.label !== where.value) {
      view.where.textContent = fmt(t.nearLabel, { label: origin.label });
    }
    const id = this._uid;
    const places = byLocation(results);
    const programs = byLocation(reaching);
    const context: CardContext = { t, lang: this._lang, units: this._units, level: Math.min(this._level + 1, 6), names };
    // programs are listed under their own heading ("Also serving your area"): one level deeper
    const inner: CardContext = { ...context, level: Math.min(context.level + 1, 6) };
    fill(
      view.list,
      places.map((group, i) => card(group, context, `${id}-r${i}`, false)),
    );
    fill(
      view.alsoList,
      programs.map((group, i) => card(group, inner, `${id}-a${i}`, true)),
    );
    view.list.hidden = results.length === 0;
    view.also.hidden = reaching.length === 0;

    let message =
      results.length === 0
        ? t.none
        : fmt(t.found, {
            services: results.length === 1 ? t.service1 : fmt(t.serviceN, { n: results.length }),
            places: places.length === 1 ? t.place1 : fmt(t.placeN, { n: places.length }),
          });
    if (programs.length) message += ` ${programs.length === 1 ? t.reaching1 : fmt(t.reachingN, { n: programs.length })}`;
    this._setState(view, 'ready', message);
    this._emit<ResultsDetail>('hrl-results', { count: results.length, places: places.length, reaching: reaching.length });
  }

  private _emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }
}

// Nothing to do outside a browser with custom elements, or when the page has loaded this script before.
if (typeof window !== 'undefined' && window.customElements && !window.customElements.get(TAG)) {
  defaultBase = scriptBase();
  window.customElements.define(TAG, HarmReductionListings);
}
