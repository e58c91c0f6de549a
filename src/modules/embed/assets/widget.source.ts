/**
 * The browser code served verbatim as GET /embed/widget.js: the custom element
 * <harm-reduction-listings>. Plain ES2019 JavaScript, no dependencies, no
 * build step. It lives in a TypeScript string so that `nest build` ships it in
 * dist/ (only compiled files reach the production image); embed.spec.ts
 * checks that it parses. Inside: no backticks and no dollar-brace sequences.
 *
 * Privacy: the only network requests are GET <api-base>/v1/search and, for
 * Spanish labels, GET <api-base>/v1/taxonomy once per page; both with
 * credentials 'omit' and no referrer. No cookies, storage, beacons or
 * third-party requests. The browser is asked for a location only when the
 * person presses "Use my location"; the rounded point goes into that one
 * search request and is kept nowhere else.
 */
export const WIDGET_SOURCE = String.raw`/*! <harm-reduction-listings> embeddable listings widget. MIT licence.
 * No dependencies, no cookies, no storage, no tracking, no third-party requests.
 * Docs: <api-base>/embed/demo */
(function () {
  'use strict';
  var TAG = 'harm-reduction-listings';
  if (typeof window === 'undefined' || !window.customElements || window.customElements.get(TAG)) return;

  // Default api-base: where this script was loaded from (<base>/embed/widget.js -> <base>/).
  var DEFAULT_BASE = (function () {
    var script = document.currentScript;
    try {
      return new URL('..', script && script.src ? script.src : location.href).href;
    } catch (e) {
      return location.origin + '/';
    }
  })();

  var MILE_M = 1609.344;
  var DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  var LOCALES = { en: 'en-US', es: 'es-US' };
  var UNITS = { en: 'mi', es: 'km' };
  var LANGUAGE_NAMES = {
    en: { ase: 'American Sign Language' },
    es: { ase: 'Lengua de señas americana' }
  };

  var TEXT = {
    en: {
      title: 'Harm-reduction services near you',
      nearZip: 'Near ZIP code {zip}',
      nearPoint: 'Near the chosen point',
      nearYou: 'Near your location',
      useLocation: 'Use my location',
      locating: 'Finding your location…',
      locationFailed: 'Your location is not available ({reason}). Showing the previous results.',
      locationDenied: 'permission was denied',
      locationTimeout: 'it took too long',
      locationUnknown: 'the browser could not find it',
      loading: 'Loading services…',
      nearLabel: 'Near {label}',
      service1: '1 service',
      serviceN: '{n} services',
      place1: '1 place',
      placeN: '{n} places',
      found: '{services} at {places}.',
      reaching1: '1 more program serves your area.',
      reachingN: '{n} more programs serve your area.',
      alsoServing: 'Also serving your area',
      servicesHere: 'Services at {name}',
      none: 'No matching services found in this area.',
      error: 'Listings could not be loaded. {detail}',
      errorNetwork: 'Check your connection and try again.',
      retry: 'Try again',
      needWhere: 'Set a location for this listing: near="latitude,longitude" or postal-code="ZIP".',
      chooseLocation: 'Press “Use my location” to see services near you.',
      results: 'Services',
      openNow: 'Open now',
      closed: 'Closed',
      closedOpens: 'Closed · {opens}',
      opensToday: 'Opens today at {time}',
      opensTomorrow: 'Opens tomorrow at {time}',
      opensOn: 'Opens {day} at {time}',
      hoursUnknown: 'Hours not listed: call ahead',
      open247: 'Open 24 hours, 7 days a week',
      allDay: 'All day',
      hours: 'Hours',
      where: 'Address',
      approx: 'Approximate area: {area}',
      approxNote: 'The exact address is not published.',
      directions: 'Directions',
      directionsTo: 'to {name}',
      newTab: '(opens in a new tab)',
      phone: 'Phone',
      callAbout: '{name}',
      phoneTypes: { text: 'text', video: 'video', fax: 'fax', textphone: 'TTY', cell: 'cell', pager: 'pager' },
      ext: 'ext. {ext}',
      languages: 'Languages',
      serves: 'Serves',
      mobile: 'Mobile outreach',
      mobileNote: 'Comes to your area.',
      byMail: 'By mail',
      byMailNote: 'Ships to your area.',
      away: '{d} away',
      aboutAway: 'about {d} away',
      footer: 'Call ahead to confirm hours and services.'
    },
    es: {
      title: 'Servicios de reducción de daños cerca de usted',
      nearZip: 'Cerca del código postal {zip}',
      nearPoint: 'Cerca del punto elegido',
      nearYou: 'Cerca de su ubicación',
      useLocation: 'Usar mi ubicación',
      locating: 'Buscando su ubicación…',
      locationFailed: 'Su ubicación no está disponible ({reason}). Se muestran los resultados anteriores.',
      locationDenied: 'se negó el permiso',
      locationTimeout: 'tardó demasiado',
      locationUnknown: 'el navegador no pudo encontrarla',
      loading: 'Cargando servicios…',
      nearLabel: 'Cerca de {label}',
      service1: '1 servicio',
      serviceN: '{n} servicios',
      place1: '1 lugar',
      placeN: '{n} lugares',
      found: '{services} en {places}.',
      reaching1: 'Otro programa atiende su zona.',
      reachingN: 'Otros {n} programas atienden su zona.',
      alsoServing: 'También atienden su zona',
      servicesHere: 'Servicios en {name}',
      none: 'No se encontraron servicios en esta zona.',
      error: 'No se pudieron cargar los servicios. {detail}',
      errorNetwork: 'Revise su conexión e inténtelo de nuevo.',
      retry: 'Intentar de nuevo',
      needWhere: 'Indique una ubicación para esta lista: near="latitud,longitud" o postal-code="código postal".',
      chooseLocation: 'Pulse «Usar mi ubicación» para ver servicios cerca de usted.',
      results: 'Servicios',
      openNow: 'Abierto ahora',
      closed: 'Cerrado',
      closedOpens: 'Cerrado · {opens}',
      opensToday: 'Abre hoy, {time}',
      opensTomorrow: 'Abre mañana, {time}',
      opensOn: 'Abre el {day}, {time}',
      hoursUnknown: 'Horario no indicado: llame antes',
      open247: 'Abierto las 24 horas, los 7 días',
      allDay: 'Todo el día',
      hours: 'Horario',
      where: 'Dirección',
      approx: 'Zona aproximada: {area}',
      approxNote: 'La dirección exacta no se publica.',
      directions: 'Cómo llegar',
      directionsTo: 'a {name}',
      newTab: '(se abre en una pestaña nueva)',
      phone: 'Teléfono',
      callAbout: '{name}',
      phoneTypes: { text: 'mensajes de texto', video: 'video', fax: 'fax', textphone: 'TTY', cell: 'celular', pager: 'buscapersonas' },
      ext: 'ext. {ext}',
      languages: 'Idiomas',
      serves: 'Atiende',
      mobile: 'Unidad móvil',
      mobileNote: 'Va a su zona.',
      byMail: 'Por correo',
      byMailNote: 'Envía a su zona.',
      away: 'a {d}',
      aboutAway: 'a unos {d}',
      footer: 'Llame antes para confirmar el horario y los servicios.'
    }
  };

  var STYLE = [
    ':host{display:block;container-type:inline-size;',
    '--_accent:var(--hrl-accent,#0b5cad);--_on-accent:var(--hrl-accent-contrast,#fff);',
    '--_bg:var(--hrl-bg,#fff);--_fg:var(--hrl-fg,#1b1f24);--_muted:var(--hrl-muted,#4b5563);',
    '--_card:var(--hrl-card-bg,var(--_bg));--_border:var(--hrl-border,#d3d8de);--_link:var(--hrl-link,var(--_accent));',
    '--_open:var(--hrl-open,#11703a);--_error:var(--hrl-error,#a11d1d);--_focus:var(--hrl-focus,var(--_accent));',
    '--_chip:var(--hrl-chip-bg,#eef2f6);--_radius:var(--hrl-radius,10px);',
    'font-family:var(--hrl-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);',
    'font-size:var(--hrl-font-size,1rem);line-height:1.45;color:var(--_fg)}',
    ':host([hidden]){display:none}',
    '*,*::before,*::after{box-sizing:border-box}',
    '[hidden]{display:none!important}',
    '.hrl{background:var(--_bg);border:1px solid var(--_border);border-top:4px solid var(--_accent);border-radius:var(--_radius);padding:1rem 1rem 0.75rem}',
    '.head{display:flex;flex-wrap:wrap;gap:0.75rem 1rem;align-items:center;justify-content:space-between}',
    '.title{margin:0;font-size:1.25em;line-height:1.25;font-weight:700}',
    '.where{margin:0.25rem 0 0;color:var(--_muted);font-size:0.9375em}',
    'button{font:inherit;font-weight:600;min-height:2.75rem;padding:0.5rem 1rem;border-radius:calc(var(--_radius) - 2px);',
    'border:2px solid var(--_accent);background:var(--_accent);color:var(--_on-accent);cursor:pointer;display:inline-flex;align-items:center;gap:0.5rem}',
    'button:hover{filter:brightness(1.1)}',
    'button[aria-disabled="true"]{cursor:progress;opacity:0.85}',
    'button.secondary{background:transparent;color:var(--_accent)}',
    'button svg{width:1.1em;height:1.1em;flex:none}',
    ':focus-visible{outline:3px solid var(--_focus);outline-offset:2px;border-radius:3px}',
    'button:focus-visible{outline-offset:3px;border-radius:calc(var(--_radius) - 2px)}',
    '.status{margin:0.75rem 0 0;color:var(--_muted);font-size:0.9375em}',
    '.status:empty{display:none}',
    '.status.error{color:var(--_error);font-weight:600}',
    '.retry{margin-top:0.5rem}',
    '.list{list-style:none;margin:0.75rem 0 0;padding:0;display:grid;gap:0.75rem}',
    '.item{background:var(--_card);border:1px solid var(--_border);border-radius:var(--_radius);padding:0.875rem 1rem}',
    '.item-head{display:flex;flex-wrap:wrap;gap:0.375rem 0.75rem;justify-content:space-between;align-items:flex-start}',
    '.item-head .name{flex:1 1 14rem}',
    '.name{margin:0;font-size:1.0625em;line-height:1.3}',
    '.svc{display:block;font-weight:700}',
    '.org{display:block;font-weight:400;color:var(--_muted);font-size:0.9375em;margin-top:0.125rem}',
    '.chip{flex:none;font-weight:600;font-size:0.8125em;background:var(--_chip);color:var(--_fg);padding:0.1875rem 0.625rem;border-radius:999px;white-space:nowrap}',
    '.chips{display:flex;flex-wrap:wrap;gap:0.375rem}',
    '.services{list-style:none;margin:0.5rem 0 0;padding:0;display:grid;gap:0.5rem}',
    '.service{border-left:3px solid var(--_border);padding-left:0.625rem}',
    '.service .state{margin-top:0.125rem}',
    '.service ul{margin:0.25rem 0 0;padding:0;list-style:none}',
    '.terms{display:block;color:var(--_muted);font-size:0.875em}',
    '.also-title{margin:1.25rem 0 0;font-size:1.0625em;line-height:1.3}',
    '.state{margin:0.5rem 0 0;font-weight:600;display:flex;align-items:center;gap:0.4rem;color:var(--_muted);font-size:0.9375em}',
    '.state::before{content:"";flex:none;width:0.625rem;height:0.625rem;border-radius:50%;border:2px solid currentColor}',
    '.state.open{color:var(--_open)}',
    '.state.open::before{background:currentColor}',
    '.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:0.375rem 0.875rem;margin:0.625rem 0 0;font-size:0.9375em;line-height:1.5}',
    '.facts dt{color:var(--_muted);font-weight:600}',
    '.facts dd{margin:0;overflow-wrap:anywhere}',
    '.facts ul{margin:0;padding:0;list-style:none}',
    '.note{display:block;color:var(--_muted);font-size:0.9375em}',
    'a{color:var(--_link);text-underline-offset:0.15em}',
    'a:hover{text-decoration-thickness:2px}',
    '.dir,.tel{display:inline-block;line-height:1.5rem;min-height:1.5rem;font-weight:600}',
    '.tel{white-space:nowrap}',
    '.ext{text-decoration:none;display:inline-block;margin-left:0.125rem}',
    '.kind{color:var(--_muted)}',
    '.hours{margin:0;padding:0;list-style:none}',
    '.hours .days{display:inline-block;min-width:6.5em;color:var(--_muted)}',
    '.sr{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}',
    '.foot{margin:0.75rem 0 0;font-size:0.8125em;color:var(--_muted)}',
    '.list[aria-busy="true"]{opacity:0.6}',
    '@container (max-width: 30rem){',
    '.head{flex-direction:column;align-items:stretch}',
    '.head button{justify-content:center}',
    '.facts{grid-template-columns:minmax(0,1fr);gap:0.125rem}',
    '.facts dd+dt{margin-top:0.375rem}',
    '}',
    '@media (forced-colors: active){.state::before{forced-color-adjust:none;border-color:CanvasText}.chip{border:1px solid CanvasText}}'
  ].join('\n');

  var sheet = null;
  function adoptStyles(root) {
    // Constructable stylesheets need no 'unsafe-inline' in a host page's CSP.
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
      }
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      var style = document.createElement('style');
      style.textContent = STYLE;
      root.appendChild(style);
    }
  }

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return values && values[key] !== undefined ? String(values[key]) : all;
    });
  }

  /** el('p', {class: 'x', text: 'y'}, [children]): DOM from createElement and textContent only. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === 'text') node.textContent = String(value);
        else if (key === 'class') node.className = value;
        else node.setAttribute(key, value === true ? '' : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function svg(path) {
    var ns = 'http://www.w3.org/2000/svg';
    var icon = document.createElementNS(ns, 'svg');
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('aria-hidden', 'true');
    icon.setAttribute('focusable', 'false');
    var p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path);
    p.setAttribute('fill', 'currentColor');
    icon.appendChild(p);
    return icon;
  }
  var ICON_LOCATE = 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm8.94 3A9 9 0 0 0 13 3.06V1h-2v2.06A9 9 0 0 0 3.06 11H1v2h2.06A9 9 0 0 0 11 20.94V23h2v-2.06A9 9 0 0 0 20.94 13H23v-2h-2.06zM12 19a7 7 0 1 1 0-14 7 7 0 0 1 0 14z';

  function splitList(value) {
    return String(value || '').split(/[\s,]+/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function capitalize(s) {
    return s ? s.charAt(0).toLocaleUpperCase() + s.slice(1) : s;
  }

  function languageName(code, lang) {
    var override = LANGUAGE_NAMES[lang] && LANGUAGE_NAMES[lang][code];
    if (override) return override;
    try {
      var name = new Intl.DisplayNames([LOCALES[lang]], { type: 'language' }).of(code);
      if (name && name !== code) return capitalize(name);
    } catch (e) { /* old browser or unknown code */ }
    return code;
  }

  function distanceLabel(meters, units, lang) {
    var value = units === 'mi' ? meters / MILE_M : meters / 1000;
    var unit = units === 'mi' ? 'mile' : 'kilometer';
    var small = value < 0.1;
    var opts = { style: 'unit', unit: unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 };
    var text;
    try {
      text = new Intl.NumberFormat(LOCALES[lang], opts).format(small ? 0.1 : value);
    } catch (e) {
      text = (small ? 0.1 : value).toFixed(value < 10 ? 1 : 0) + ' ' + units;
    }
    return small ? '< ' + text : text;
  }

  function safeZone(tz) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return tz;
    } catch (e) {
      return undefined;
    }
  }

  function clockLabel(hhmm, lang) {
    var parts = String(hhmm).split(':');
    var h = Number(parts[0]) % 24;
    var m = Number(parts[1]) || 0;
    return new Intl.DateTimeFormat(LOCALES[lang], { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' })
      .format(new Date(Date.UTC(2024, 0, 1, h, m)));
  }

  function dayLabel(index, lang) {
    // 2024-01-01 was a Monday.
    return capitalize(new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', timeZone: 'UTC' })
      .format(new Date(Date.UTC(2024, 0, 1 + index))));
  }

  function daysLabel(codes, lang) {
    var idx = codes.map(function (c) { return DAY_CODES.indexOf(c); })
      .filter(function (i) { return i >= 0; })
      .sort(function (a, b) { return a - b; });
    var runs = [];
    idx.forEach(function (i) {
      var last = runs[runs.length - 1];
      if (last && last[1] === i - 1) last[1] = i;
      else runs.push([i, i]);
    });
    return runs.map(function (r) {
      if (r[1] - r[0] >= 2) return dayLabel(r[0], lang) + '–' + dayLabel(r[1], lang);
      if (r[1] !== r[0]) return dayLabel(r[0], lang) + ', ' + dayLabel(r[1], lang);
      return dayLabel(r[0], lang);
    }).join(', ');
  }

  function isAllDay(s) {
    return s.opens_at === '00:00' && (s.closes_at === '24:00' || s.closes_at === '00:00');
  }

  /** Weekly hours as short lines: [{days, time}]. */
  function hoursLines(schedules, t, lang) {
    var weekly = (schedules || []).filter(function (s) { return s && s.byday && s.opens_at && s.closes_at; });
    if (!weekly.length) return [];
    var allWeek = DAY_CODES.every(function (d) {
      return weekly.some(function (s) { return isAllDay(s) && s.byday.indexOf(d) >= 0; });
    });
    if (allWeek) return [{ days: '', time: t.open247 }];
    return weekly
      .slice()
      .sort(function (a, b) { return DAY_CODES.indexOf(a.byday[0]) - DAY_CODES.indexOf(b.byday[0]); })
      .map(function (s) {
        return {
          days: daysLabel(s.byday, lang),
          time: isAllDay(s) ? t.allDay : clockLabel(s.opens_at, lang) + ' – ' + clockLabel(s.closes_at, lang)
        };
      });
  }

  function dayKey(date, tz) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  }

  function opensLabel(iso, tz, t, lang) {
    var at = new Date(iso);
    if (isNaN(at.getTime())) return '';
    var zone = safeZone(tz);
    var time = new Intl.DateTimeFormat(LOCALES[lang], { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(at);
    var now = new Date();
    var key = dayKey(at, zone);
    if (key === dayKey(now, zone)) return fmt(t.opensToday, { time: time });
    if (key === dayKey(new Date(now.getTime() + 86400000), zone)) return fmt(t.opensTomorrow, { time: time });
    var day = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', timeZone: zone }).format(at);
    return fmt(t.opensOn, { day: day, time: time });
  }

  function telHref(phone) {
    var digits = String(phone.number).replace(/[^\d+]/g, '');
    var ext = phone.extension ? String(phone.extension).replace(/\D/g, '') : '';
    return (phone.type === 'text' ? 'sms:' : 'tel:') + digits + (ext && phone.type !== 'text' ? ',' + ext : '');
  }

  function uniquePhones(phones) {
    var seen = {};
    return (phones || []).filter(function (p) {
      var key = p && p.number + '|' + (p.extension || '') + '|' + p.type;
      if (!p || !p.number || seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  /** US numbers as people write them: +12145550142 -> (214) 555-0142; others as stored (E.164). */
  function phoneText(number) {
    var m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(String(number));
    return m ? '(' + m[1] + ') ' + m[2] + '-' + m[3] : String(number);
  }

  function formatCoord(n) {
    return String(Math.round(n * 1000) / 1000);
  }


  /** GET a JSON document from the API: no cookies, no referrer. */
  function getJson(url, signal) {
    return fetch(url, {
      method: 'GET',
      mode: 'cors',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { accept: 'application/json' },
      signal: signal || undefined
    }).then(function (res) {
      return res.json().then(
        function (body) { return { ok: res.ok, body: body }; },
        function () { return { ok: false, body: null }; }
      );
    });
  }

  // Spanish taxonomy labels (name_es of /v1/taxonomy), fetched once per page and API.
  var taxonomyNames = {};
  function loadSpanishLabels(base) {
    if (!taxonomyNames[base]) {
      taxonomyNames[base] = getJson(new URL('v1/taxonomy', base).href).then(function (r) {
        var names = {};
        (function walk(terms) {
          (Array.isArray(terms) ? terms : []).forEach(function (term) {
            if (!term || !term.code) return;
            if (term.name_es) names[term.code] = term.name_es;
            walk(term.children);
          });
        })(r.ok && r.body && r.body.data);
        return names;
      }).catch(function () {
        delete taxonomyNames[base]; // English labels this time; try again on the next search
        return {};
      });
    }
    return taxonomyNames[base];
  }

  /** Results in order, one group per location (the first hit fixes the group's place in the list). */
  function byLocation(results) {
    var groups = [];
    var index = {};
    results.forEach(function (r) {
      var key = (r.location && r.location.id) || r.id;
      if (index[key] === undefined) {
        index[key] = groups.length;
        groups.push([]);
      }
      groups[index[key]].push(r);
    });
    return groups;
  }

  function allSame(items, key) {
    var first = key(items[0]);
    return items.every(function (item) { return key(item) === first; });
  }

  /** "Org: Site" location names show as "Site" under the organization's name. */
  function placeTitle(loc, org) {
    var name = (loc && loc.name) || '';
    if (org && name.indexOf(org + ': ') === 0) name = name.slice(org.length + 2);
    return name || org;
  }

  /** Taxonomy labels of one listing: its service.* terms (not repeating its name) and its access terms. */
  function termLabels(r, names) {
    var label = function (term) { return (names && names[term.code]) || term.name; };
    var svc = ((r.service && r.service.name) || '').toLowerCase();
    var kinds = ((r.service && r.service.attributes) || []).filter(function (a) {
      return a && a.code && a.code.indexOf('service.') === 0 && (names && names[a.code] || a.name.toLowerCase() !== svc);
    });
    kinds.sort(function (a, b) { return (b.name.toLowerCase() === svc) - (a.name.toLowerCase() === svc); });
    var access = (r.access || []).filter(function (a) { return a && a.code && a.code.indexOf('access.') === 0; });
    return kinds.concat(access).map(label).filter(function (l, i, all) { return l && all.indexOf(l) === i; }).slice(0, 6);
  }

  var counter = 0;

  class HarmReductionListings extends HTMLElement {
    static get observedAttributes() {
      return ['near', 'postal-code', 'services', 'languages', 'limit', 'radius-km', 'open-now', 'lang', 'units',
        'api-base', 'allow-geolocation', 'heading', 'heading-level'];
    }

    constructor() {
      super();
      this._uid = 'hrl' + (++counter);
      this._geo = null;
      this._abort = null;
      this._locating = false;
      this._pending = false;
      this._root = this.attachShadow({ mode: 'open' });
      adoptStyles(this._root);
    }

    connectedCallback() { this._schedule(); }

    disconnectedCallback() {
      if (this._abort) this._abort.abort();
    }

    attributeChangedCallback(name, before, after) {
      if (before !== after && this.isConnected) this._schedule();
    }

    /** Re-run the search (e.g. after changing attributes from script). */
    refresh() { this._schedule(); }

    _schedule() {
      if (this._pending) return;
      this._pending = true;
      var self = this;
      Promise.resolve().then(function () {
        self._pending = false;
        if (!self.isConnected) return;
        self._build();
        self._search();
      });
    }

    get _lang() {
      var own = (this.getAttribute('lang') || '').toLowerCase();
      if (!own) {
        var scope = this.closest('[lang]');
        own = (scope && scope.getAttribute('lang') || document.documentElement.lang || 'en').toLowerCase();
      }
      return own.indexOf('es') === 0 ? 'es' : 'en';
    }

    get _t() { return TEXT[this._lang]; }

    get _units() {
      var u = this.getAttribute('units');
      return u === 'mi' || u === 'km' ? u : UNITS[this._lang];
    }

    get _level() {
      var n = parseInt(this.getAttribute('heading-level') || '2', 10);
      return n >= 1 && n <= 5 ? n : 2;
    }

    get _apiBase() {
      var attr = this.getAttribute('api-base');
      try {
        return new URL(attr ? (/\/$/.test(attr) ? attr : attr + '/') : DEFAULT_BASE, location.href).href;
      } catch (e) {
        return DEFAULT_BASE;
      }
    }

    _where() {
      if (this._geo) return { param: 'near', value: this._geo, label: this._t.nearYou };
      var near = (this.getAttribute('near') || '').replace(/\s+/g, '');
      if (near) return { param: 'near', value: near, label: this._t.nearPoint };
      var zip = (this.getAttribute('postal-code') || '').trim();
      if (zip) return { param: 'postal_code', value: zip, label: fmt(this._t.nearZip, { zip: zip }) };
      return null;
    }

    _build() {
      var t = this._t;
      var id = this._uid;
      var root = this._root;
      Array.prototype.slice.call(root.childNodes).forEach(function (n) {
        if (n.nodeName !== 'STYLE') root.removeChild(n);
      });
      var level = this._level;
      this._title = el('h' + level, { class: 'title', id: id + '-title', text: this.getAttribute('heading') || t.title });
      this._whereText = el('p', { class: 'where', id: id + '-where' });
      var head = el('div', { class: 'head' }, [el('div', null, [this._title, this._whereText])]);
      this._locateButton = null;
      if (this.hasAttribute('allow-geolocation') && navigator.geolocation) {
        this._locateButton = el('button', { type: 'button', class: 'locate' }, [svg(ICON_LOCATE), el('span', { text: t.useLocation })]);
        this._locateButton.addEventListener('click', this._onLocate.bind(this));
        head.appendChild(this._locateButton);
      }
      this._status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', id: id + '-status' });
      this._retry = el('button', { type: 'button', class: 'secondary retry', hidden: true, text: t.retry });
      this._retry.addEventListener('click', this._search.bind(this));
      this._list = el('ol', { class: 'list', 'aria-labelledby': id + '-title', hidden: true });
      this._alsoList = el('ol', { class: 'list', 'aria-labelledby': id + '-also' });
      this._also = el('section', { class: 'also', 'aria-labelledby': id + '-also', hidden: true }, [
        el('h' + Math.min(level + 1, 6), { class: 'also-title', id: id + '-also', text: t.alsoServing }),
        this._alsoList
      ]);
      this._box = el('section', { class: 'hrl', 'aria-labelledby': id + '-title', lang: this._lang, 'data-state': 'idle' }, [
        head,
        this._status,
        this._retry,
        this._list,
        this._also,
        el('p', { class: 'foot', text: t.footer })
      ]);
      root.appendChild(this._box);
    }

    _setState(state, message, isError) {
      this._box.setAttribute('data-state', state);
      this._status.classList.toggle('error', !!isError);
      this._status.textContent = message || '';
      this._retry.hidden = state !== 'error';
      this._list.setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
    }

    _search() {
      var t = this._t;
      var where = this._where();
      if (this._abort) this._abort.abort();
      this._abort = null;
      this._whereText.textContent = where ? where.label : '';
      if (!where) {
        this._list.hidden = true;
        this._also.hidden = true;
        this._setState('idle', this._locateButton ? t.chooseLocation : t.needWhere, !this._locateButton);
        return;
      }
      var params = new URLSearchParams();
      params.set(where.param, where.value);
      var services = splitList(this.getAttribute('services'));
      if (services.length) params.set('service', services.join(','));
      var languages = splitList(this.getAttribute('languages'));
      if (languages.length) params.set('language', languages.join(','));
      var radius = parseFloat(this.getAttribute('radius-km') || '');
      if (radius > 0) params.set('radius', String(radius));
      if (this.hasAttribute('open-now') && this.getAttribute('open-now') !== 'false') params.set('open_now', 'true');
      var limit = parseInt(this.getAttribute('limit') || '5', 10);
      params.set('limit', String(Math.min(Math.max(isNaN(limit) ? 5 : limit, 1), 50)));

      var url = new URL('v1/search?' + params.toString(), this._apiBase).href;
      var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
      this._abort = ctrl;
      this._setState('loading', t.loading);
      var self = this;
      var labels = this._lang === 'es' ? loadSpanishLabels(this._apiBase) : Promise.resolve(null);
      getJson(url, ctrl ? ctrl.signal : null)
        .then(function (r) {
          return labels.then(function (names) {
            r.names = names;
            return r;
          });
        })
        .then(function (r) {
          if (self._abort !== ctrl) return;
          if (!r.ok || !r.body || !Array.isArray(r.body.data)) {
            var detail = r.body && r.body.detail ? String(r.body.detail) : t.errorNetwork;
            throw new Error(detail);
          }
          self._render(r.body, r.names, where);
        })
        .catch(function (err) {
          if (self._abort !== ctrl || (err && err.name === 'AbortError')) return;
          var detail = err && err.message && !/fetch|network/i.test(err.message) ? err.message : t.errorNetwork;
          self._list.hidden = true;
          self._also.hidden = true;
          self._setState('error', fmt(t.error, { detail: detail }), true);
          self.dispatchEvent(new CustomEvent('hrl-error', { detail: { message: detail }, bubbles: true, composed: true }));
        });
    }

    _onLocate() {
      var t = this._t;
      var self = this;
      if (this._locating) return;
      this._locating = true;
      this._locateButton.setAttribute('aria-disabled', 'true');
      this._setState('locating', t.locating);
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          self._locating = false;
          self._locateButton.removeAttribute('aria-disabled');
          // ~100 m: enough to find the nearest services, no more precise than that.
          self._geo = formatCoord(pos.coords.latitude) + ',' + formatCoord(pos.coords.longitude);
          self._search();
        },
        function (err) {
          self._locating = false;
          self._locateButton.removeAttribute('aria-disabled');
          var reason = err && err.code === 1 ? t.locationDenied : err && err.code === 3 ? t.locationTimeout : t.locationUnknown;
          self._setState(self._list.hidden ? 'idle' : 'ready', fmt(t.locationFailed, { reason: reason }), true);
        },
        { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 }
      );
    }

    _render(body, names, where) {
      var t = this._t;
      var results = body.data;
      var reaching = Array.isArray(body.reaching) ? body.reaching : [];
      var origin = body.page && body.page.origin;
      // what the API searched from, so a caller sees what "near" means ("Near Dallas, TX 75215")
      if (origin && origin.label && where.param !== 'near' && origin.label !== where.value) {
        this._whereText.textContent = fmt(t.nearLabel, { label: origin.label });
      }
      var c = { t: t, lang: this._lang, units: this._units, level: Math.min(this._level + 1, 6), names: names };
      var id = this._uid;
      var places = byLocation(results);
      fill(this._list, places.map(function (group, i) { return card(group, c, id + '-r' + i, false); }));
      var programs = byLocation(reaching);
      var inner = { t: t, lang: c.lang, units: c.units, level: Math.min(c.level + 1, 6), names: names };
      fill(this._alsoList, programs.map(function (group, i) { return card(group, inner, id + '-a' + i, true); }));
      this._list.hidden = results.length === 0;
      this._also.hidden = reaching.length === 0;

      var message = results.length === 0
        ? t.none
        : fmt(t.found, {
          services: results.length === 1 ? t.service1 : fmt(t.serviceN, { n: results.length }),
          places: places.length === 1 ? t.place1 : fmt(t.placeN, { n: places.length })
        });
      if (programs.length) message += ' ' + (programs.length === 1 ? t.reaching1 : fmt(t.reachingN, { n: programs.length }));
      this._setState('ready', message);
      this.dispatchEvent(new CustomEvent('hrl-results', {
        detail: { count: results.length, places: places.length, reaching: reaching.length },
        bubbles: true,
        composed: true
      }));
    }
  }

  function fill(list, items) {
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (item) { list.appendChild(item); });
  }

  function phoneList(phones, t, label) {
    return el('ul', null, phones.map(function (p) {
      var kind = t.phoneTypes[p.type];
      var text = phoneText(p.number) + (p.extension ? ' ' + fmt(t.ext, { ext: p.extension }) : '');
      var item = p.type === 'fax'
        ? el('span', { text: text })
        : el('a', { class: 'tel', href: telHref(p) }, [text, el('span', { class: 'sr', text: ', ' + label })]);
      return el('li', null, [item, kind ? el('span', { class: 'kind', text: ' (' + kind + ')' }) : null]);
    }));
  }

  function hoursList(lines) {
    return el('ul', { class: 'hours' }, lines.map(function (l) {
      return el('li', null, [l.days ? el('span', { class: 'days', text: l.days }) : null, (l.days ? ' ' : '') + l.time]);
    }));
  }

  function openState(r, loc, t, lang) {
    var tz = r.schedules && r.schedules[0] && r.schedules[0].timezone;
    if (r.open_now === true) return el('p', { class: 'state open', text: t.openNow });
    if (r.open_now === false) {
      var opens = r.next_opens_at ? opensLabel(r.next_opens_at, tz, t, lang) : '';
      return el('p', { class: 'state closed', text: opens ? fmt(t.closedOpens, { opens: opens }) : t.closed });
    }
    return el('p', { class: 'state unknown', text: loc.hours_description || t.hoursUnknown });
  }

  /**
   * One card per location: its name, distance, address, and each service
   * offered there with its own open state. Hours and phones shared by every
   * service show once; otherwise under each service.
   */
  function card(group, c, hid, isReaching) {
    var t = c.t;
    var lang = c.lang;
    var first = group[0];
    var loc = first.location || {};
    var org = (first.organization && first.organization.name) || '';
    var title = placeTitle(loc, org);
    var withOrg = !!org && title.indexOf(org) < 0;
    var label = withOrg ? title + ', ' + org : title;

    var chips = [];
    if (isReaching) chips.push(first.reach === 'by_mail' ? t.byMail : t.mobile);
    else {
      if (typeof first.distance_m === 'number') {
        var d = distanceLabel(first.distance_m, c.units, lang);
        chips.push(loc.address_visibility === 'approximate' ? fmt(t.aboutAway, { d: d }) : fmt(t.away, { d: d }));
      }
      if (first.reach === 'mobile') chips.push(t.mobile);
    }
    var head = el('div', { class: 'item-head' }, [
      el('h' + c.level, { class: 'name', id: hid }, [
        el('span', { class: 'loc', text: title }),
        withOrg ? el('span', { class: 'org', text: org }) : null
      ]),
      chips.length ? el('span', { class: 'chips' }, chips.map(function (text) { return el('span', { class: 'chip', text: text }); })) : null
    ]);

    var hoursOf = function (r) { return hoursLines(r.schedules, t, lang); };
    var phonesOf = function (r) { return uniquePhones(r.phones); };
    var sharedHours = allSame(group, function (r) { return JSON.stringify(hoursOf(r)); });
    var sharedPhones = allSame(group, function (r) { return JSON.stringify(phonesOf(r).map(telHref)); });

    var services = el('ul', { class: 'services', 'aria-label': fmt(t.servicesHere, { name: title }) }, group.map(function (r) {
      var svc = (r.service && r.service.name) || org;
      var terms = termLabels(r, c.names);
      var lines = hoursOf(r);
      var phones = phonesOf(r);
      return el('li', { class: 'service' }, [
        el('span', { class: 'svc', text: svc }),
        terms.length ? el('span', { class: 'terms', text: terms.join(' · ') }) : null,
        openState(r, loc, t, lang),
        !sharedHours && lines.length ? hoursList(lines) : null,
        !sharedPhones && phones.length ? phoneList(phones, t, svc + ', ' + label) : null
      ]);
    }));

    var facts = el('dl', { class: 'facts' });
    function fact(term, content) {
      facts.appendChild(el('dt', { text: term }));
      facts.appendChild(el('dd', null, content));
    }

    var addr = loc.address || {};
    var area = [addr.city, addr.state_province].filter(Boolean).join(', ');
    if (isReaching) {
      var note = first.reach === 'mobile' ? t.mobileNote : t.byMailNote;
      fact(t.serves, [el('span', { text: loc.service_area_description || note }), loc.service_area_description ? el('span', { class: 'note', text: note }) : null]);
    } else if (loc.address_visibility === 'approximate') {
      fact(t.where, [el('span', { text: fmt(t.approx, { area: area || '—' }) }), el('span', { class: 'note', text: t.approxNote })]);
    } else {
      var street = [addr.address_1, addr.address_2].filter(Boolean).join(', ');
      var line = [street, [area, addr.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
      var content = [el('span', { text: line || area || loc.name || '' })];
      var g = loc.geometry;
      if (g && g.type === 'Point' && g.coordinates && street) {
        var to = g.coordinates[1] + ',' + g.coordinates[0];
        content.push(el('br'));
        content.push(el('a', {
          class: 'dir',
          href: 'https://www.openstreetmap.org/directions?to=' + encodeURIComponent(to),
          target: '_blank',
          rel: 'noopener noreferrer'
        }, [t.directions, el('span', { class: 'sr', text: ' ' + fmt(t.directionsTo, { name: label }) + ' ' + t.newTab }),
          el('span', { class: 'ext', 'aria-hidden': 'true', text: ' ↗' })]));
      }
      fact(t.where, content);
    }

    var shared = phonesOf(first);
    if (sharedPhones && shared.length) fact(t.phone, [phoneList(shared, t, label)]);

    var codes = [];
    group.forEach(function (r) { (r.languages || []).forEach(function (code) { if (codes.indexOf(code) < 0) codes.push(code); }); });
    if (codes.length) {
      var names = codes.map(function (code) { return languageName(code, lang); });
      names.sort(function (x, y) { return x.localeCompare(y, LOCALES[lang]); });
      fact(t.languages, [names.join(', ')]);
    }

    var lines = hoursOf(first);
    if (sharedHours && lines.length) fact(t.hours, [hoursList(lines)]);

    return el('li', { class: 'item' }, [head, services, facts]);
  }

  window.customElements.define(TAG, HarmReductionListings);
})();
`;
