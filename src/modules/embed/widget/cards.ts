/** One card per place (or per program reaching the caller): what it offers, when, where, how to call. */
import type { Listing, Location, Phone, PhoneType, TermNames, TermRef } from './api';
import { el, headingTag, type Child } from './dom';
import { distanceLabel, hoursLines, languageName, opensLabel, phoneText, telHref, uniquePhones, type HoursLine } from './format';
import { fmt, LOCALES, type Lang, type Text, type Units } from './text';

export interface CardContext {
  t: Text;
  lang: Lang;
  units: Units;
  /** The cards' heading level. */
  level: number;
  /** Spanish taxonomy labels; null in English. */
  names: TermNames | null;
}

/** Results in order, one group per location (the first hit fixes the group's place in the list). */
export function byLocation(results: Listing[]): Listing[][] {
  const groups = new Map<string, Listing[]>();
  for (const r of results) {
    const key = r.location.id || r.id;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return Array.from(groups.values());
}

function allSame<T>(items: T[], key: (item: T) => string): boolean {
  const first = key(items[0]);
  return items.every((item) => key(item) === first);
}

const present = (parts: (string | null | undefined)[], separator: string): string => parts.filter(Boolean).join(separator);

/** "Org: Site" location names show as "Site" under the organization's name. */
function placeTitle(loc: Location, org: string): string {
  let name = loc.name;
  if (org && name.startsWith(`${org}: `)) name = name.slice(org.length + 2);
  return name || org;
}

/** Taxonomy labels of one listing: its service.* terms (not repeating its name) and its access terms. */
function termLabels(r: Listing, names: TermNames | null): string[] {
  const label = (term: TermRef): string => names?.get(term.code) ?? term.name;
  const svc = r.service.name.toLowerCase();
  const isSvc = (term: TermRef): number => Number(term.name.toLowerCase() === svc);
  const kinds = r.service.attributes.filter((a) => a.code.startsWith('service.') && (names?.has(a.code) || a.name.toLowerCase() !== svc));
  kinds.sort((a, b) => isSvc(b) - isSvc(a));
  const access = r.access.filter((a) => a.code.startsWith('access.'));
  return Array.from(new Set([...kinds, ...access].map(label)))
    .filter(Boolean)
    .slice(0, 6);
}

function phoneList(phones: Phone[], t: Text, label: string): HTMLUListElement {
  const kinds: Partial<Record<PhoneType, string>> = t.phoneTypes;
  return el(
    'ul',
    null,
    phones.map((p) => {
      const kind = kinds[p.type];
      const text = phoneText(p.number) + (p.extension ? ` ${fmt(t.ext, { ext: p.extension })}` : '');
      const item =
        p.type === 'fax' ? el('span', { text }) : el('a', { class: 'tel', href: telHref(p) }, [text, el('span', { class: 'sr', text: `, ${label}` })]);
      return el('li', null, [item, kind ? el('span', { class: 'kind', text: ` (${kind})` }) : null]);
    }),
  );
}

function hoursList(lines: HoursLine[]): HTMLUListElement {
  return el(
    'ul',
    { class: 'hours' },
    lines.map((l) => el('li', null, [l.days ? el('span', { class: 'days', text: l.days }) : null, (l.days ? ' ' : '') + l.time])),
  );
}

function openState(r: Listing, loc: Location, t: Text, lang: Lang): HTMLParagraphElement {
  if (r.open_now === true) return el('p', { class: 'state open', text: t.openNow });
  if (r.open_now === false) {
    const opens = r.next_opens_at ? opensLabel(r.next_opens_at, r.schedules[0]?.timezone, t, lang) : '';
    return el('p', { class: 'state closed', text: opens ? fmt(t.closedOpens, { opens }) : t.closed });
  }
  return el('p', { class: 'state unknown', text: loc.hours_description || t.hoursUnknown });
}

/**
 * One card per location: its name, distance, address, and each service
 * offered there with its own open state. Hours and phones shared by every
 * service show once; otherwise under each service.
 */
export function card(group: Listing[], c: CardContext, hid: string, isReaching: boolean): HTMLLIElement {
  const { t, lang } = c;
  const first = group[0];
  const loc = first.location;
  const org = first.organization.name;
  const title = placeTitle(loc, org);
  const withOrg = !!org && !title.includes(org);
  const label = withOrg ? `${title}, ${org}` : title;

  const chips: string[] = [];
  if (isReaching) chips.push(first.reach === 'by_mail' ? t.byMail : t.mobile);
  else {
    if (typeof first.distance_m === 'number') {
      const d = distanceLabel(first.distance_m, c.units, lang);
      chips.push(fmt(loc.address_visibility === 'approximate' ? t.aboutAway : t.away, { d }));
    }
    if (first.reach === 'mobile') chips.push(t.mobile);
  }
  const head = el('div', { class: 'item-head' }, [
    el(headingTag(c.level), { class: 'name', id: hid }, [el('span', { class: 'loc', text: title }), withOrg ? el('span', { class: 'org', text: org }) : null]),
    chips.length
      ? el(
          'span',
          { class: 'chips' },
          chips.map((text) => el('span', { class: 'chip', text })),
        )
      : null,
  ]);

  const hoursOf = (r: Listing): HoursLine[] => hoursLines(r.schedules, t, lang);
  const phonesOf = (r: Listing): Phone[] => uniquePhones(r.phones);
  const sharedHours = allSame(group, (r) => JSON.stringify(hoursOf(r)));
  const sharedPhones = allSame(group, (r) => JSON.stringify(phonesOf(r).map(telHref)));

  const services = el(
    'ul',
    { class: 'services', 'aria-label': fmt(t.servicesHere, { name: title }) },
    group.map((r) => {
      const svc = r.service.name || org;
      const terms = termLabels(r, c.names);
      const lines = hoursOf(r);
      const phones = phonesOf(r);
      return el('li', { class: 'service' }, [
        el('span', { class: 'svc', text: svc }),
        terms.length ? el('span', { class: 'terms', text: terms.join(' · ') }) : null,
        openState(r, loc, t, lang),
        !sharedHours && lines.length ? hoursList(lines) : null,
        !sharedPhones && phones.length ? phoneList(phones, t, `${svc}, ${label}`) : null,
      ]);
    }),
  );

  const facts = el('dl', { class: 'facts' });
  const fact = (term: string, content: Child[]): void => {
    facts.append(el('dt', { text: term }), el('dd', null, content));
  };

  const addr = loc.address;
  const area = present([addr?.city, addr?.state_province], ', ');
  if (isReaching) {
    const note = first.reach === 'mobile' ? t.mobileNote : t.byMailNote;
    fact(t.serves, [
      el('span', { text: loc.service_area_description || note }),
      loc.service_area_description ? el('span', { class: 'note', text: note }) : null,
    ]);
  } else if (loc.address_visibility === 'approximate') {
    // the site's address is withheld: its area only, and no directions to it
    fact(t.where, [el('span', { text: fmt(t.approx, { area: area || '—' }) }), el('span', { class: 'note', text: t.approxNote })]);
  } else {
    const street = present([addr?.address_1, addr?.address_2], ', ');
    const line = present([street, present([area, addr?.postal_code], ' ')], ', ');
    const content: Child[] = [el('span', { text: line || area || loc.name })];
    const g = loc.geometry;
    if (g?.type === 'Point' && street) {
      const [longitude, latitude] = g.coordinates;
      content.push(
        el('br'),
        el(
          'a',
          {
            class: 'dir',
            href: `https://www.openstreetmap.org/directions?to=${encodeURIComponent(`${latitude},${longitude}`)}`,
            target: '_blank',
            rel: 'noopener noreferrer',
          },
          [
            t.directions,
            el('span', { class: 'sr', text: ` ${fmt(t.directionsTo, { name: label })} ${t.newTab}` }),
            el('span', { class: 'ext', 'aria-hidden': 'true', text: ' ↗' }),
          ],
        ),
      );
    }
    fact(t.where, content);
  }

  const shared = phonesOf(first);
  if (sharedPhones && shared.length) fact(t.phone, [phoneList(shared, t, label)]);

  const codes = new Set(group.flatMap((r) => r.languages));
  if (codes.size) {
    const languages = Array.from(codes, (code) => languageName(code, lang)).sort((x, y) => x.localeCompare(y, LOCALES[lang]));
    fact(t.languages, [languages.join(', ')]);
  }

  const lines = hoursOf(first);
  if (sharedHours && lines.length) fact(t.hours, [hoursList(lines)]);

  return el('li', { class: 'item' }, [head, services, facts]);
}
