/** Distances, hours, opening times, phone numbers and language names, in the reader's language. */
import type { DayCode, Phone, Schedule } from './api';
import { fmt, LANGUAGE_NAMES, LOCALES, type Lang, type Text, type Units } from './text';

const MILE_M = 1609.344;
const DAY_CODES: readonly DayCode[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_MS = 86_400_000;

const capitalize = (s: string): string => (s ? s.charAt(0).toLocaleUpperCase() + s.slice(1) : s);

/** "en" -> "English", "es" -> "Español" (in Spanish): Intl.DisplayNames where the browser has it, else the code. */
export function languageName(code: string, lang: Lang): string {
  const override = LANGUAGE_NAMES[lang][code];
  if (override) return override;
  try {
    const name = new Intl.DisplayNames([LOCALES[lang]], { type: 'language' }).of(code);
    if (name && name !== code) return capitalize(name);
  } catch {
    // an older browser, or a code Intl does not know
  }
  return code;
}

/** "1.2 mi", "14 km", "< 0.1 mi". */
export function distanceLabel(meters: number, units: Units, lang: Lang): string {
  const value = units === 'mi' ? meters / MILE_M : meters / 1000;
  const small = value < 0.1;
  const digits = value < 10 ? 1 : 0;
  let text: string;
  try {
    text = new Intl.NumberFormat(LOCALES[lang], {
      style: 'unit',
      unit: units === 'mi' ? 'mile' : 'kilometer',
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    }).format(small ? 0.1 : value);
  } catch {
    text = `${(small ? 0.1 : value).toFixed(digits)} ${units}`;
  }
  return small ? `< ${text}` : text;
}

/** The time zone, if this browser knows it; otherwise undefined (the browser's own zone). */
function knownZone(tz: string | undefined): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

/** "14:30" -> "2:30 PM" (en) or "14:30" (es). */
function clockLabel(hhmm: string, lang: Lang): string {
  const [hours, minutes] = hhmm.split(':');
  const h = Number(hours) % 24;
  const m = Number(minutes) || 0;
  return new Intl.DateTimeFormat(LOCALES[lang], { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1, h, m)));
}

/** Day 0 (Monday) to 6 (Sunday), short: "Mon", "Lun". */
function dayLabel(index: number, lang: Lang): string {
  // 2024-01-01 was a Monday.
  return capitalize(new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index))));
}

/** [MO, TU, WE, FR, SA] -> "Mon–Wed, Fri, Sat": runs of three or more days as ranges. */
function daysLabel(codes: DayCode[], lang: Lang): string {
  const days = codes
    .map((code) => DAY_CODES.indexOf(code))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs
    .map(([from, to]) => {
      if (to - from >= 2) return `${dayLabel(from, lang)}–${dayLabel(to, lang)}`;
      if (to !== from) return `${dayLabel(from, lang)}, ${dayLabel(to, lang)}`;
      return dayLabel(from, lang);
    })
    .join(', ');
}

const isAllDay = (s: Schedule): boolean => s.opens_at === '00:00' && (s.closes_at === '24:00' || s.closes_at === '00:00');

export interface HoursLine {
  /** Empty for "open 24/7". */
  days: string;
  time: string;
}

/** Weekly hours as short lines, Monday first. */
export function hoursLines(schedules: Schedule[], t: Text, lang: Lang): HoursLine[] {
  const weekly = schedules.filter((s) => s.opens_at && s.closes_at);
  if (!weekly.length) return [];
  const allWeek = DAY_CODES.every((day) => weekly.some((s) => isAllDay(s) && s.byday.includes(day)));
  if (allWeek) return [{ days: '', time: t.open247 }];
  return weekly
    .slice()
    .sort((a, b) => DAY_CODES.indexOf(a.byday[0]) - DAY_CODES.indexOf(b.byday[0]))
    .map((s) => ({
      days: daysLabel(s.byday, lang),
      time: isAllDay(s) ? t.allDay : `${clockLabel(s.opens_at, lang)} – ${clockLabel(s.closes_at, lang)}`,
    }));
}

/** The calendar day of a moment in a zone, comparable as a string. */
const dayKey = (date: Date, tz: string | undefined): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** When a closed listing opens next, in its own time zone: "Opens today at 9:00 AM", "Opens Monday at …". */
export function opensLabel(iso: string, tz: string | undefined, t: Text, lang: Lang): string {
  const at = new Date(iso);
  if (isNaN(at.getTime())) return '';
  const zone = knownZone(tz);
  const time = new Intl.DateTimeFormat(LOCALES[lang], { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(at);
  const now = new Date();
  const key = dayKey(at, zone);
  if (key === dayKey(now, zone)) return fmt(t.opensToday, { time });
  if (key === dayKey(new Date(now.getTime() + DAY_MS), zone)) return fmt(t.opensTomorrow, { time });
  const day = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', timeZone: zone }).format(at);
  return fmt(t.opensOn, { day, time });
}

/** tel:+12145550142,12 (the extension dialled after a pause), or sms: for a text line. */
export function telHref(phone: Phone): string {
  const digits = phone.number.replace(/[^\d+]/g, '');
  const ext = phone.extension ? phone.extension.replace(/\D/g, '') : '';
  return (phone.type === 'text' ? 'sms:' : 'tel:') + digits + (ext && phone.type !== 'text' ? `,${ext}` : '');
}

/** Each number once (the same number often comes from the service, the site and the organization). */
export function uniquePhones(phones: Phone[]): Phone[] {
  const seen = new Set<string>();
  return phones.filter((p) => {
    const key = `${p.number}|${p.extension ?? ''}|${p.type}`;
    if (!p.number || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** US numbers as people write them: +12145550142 -> (214) 555-0142; others as stored (E.164). */
export function phoneText(number: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : number;
}

/** A coordinate to 3 decimals (~100 m). */
export const formatCoord = (n: number): string => String(Math.round(n * 1000) / 1000);
