import { ImportedSchedule } from '../import-batch';
import { DAY_CODES } from '../../../common/vocabularies';

/**
 * Free-text opening hours -> weekly schedules (HSDS schedule, freq WEEKLY).
 *
 * Understood forms (case-insensitive; -, en dash, em dash, "to", "until" all
 * mean a range):
 *   "M-F: 8a-5p"   "Mon–Sat 9am–5pm"   "Mon-Fri 9:00-17:00"   "Daily 10am-6pm"
 *   "M-F: 7:30a-5p; Sat: 7a-9a"   "Mon, Wed, Fri 9am-12pm, 1pm-5pm"
 *   "9am-5pm Mon-Fri"   "Sun: closed"   "24/7"   "24 hours"   "Mon-Fri 24 hours"
 * Day ranges may wrap (Fri-Mon, Sun-Th). Single letters M, W and F are days;
 * T and S are not (Tue/Thu, Sat/Sun would be a guess).
 *
 * Rules that keep the output inside the schedule table's constraints:
 * - a closing time earlier than the opening time runs past midnight (2p-2a);
 * - midnight as a closing time after an opening the same day is 24:00
 *   ("7a-12a" -> 07:00-24:00), so opens_at never equals closes_at;
 * - "24/7" is 00:00-24:00 on all seven days.
 *
 * Anything not understood with confidence (a word left over, overlapping
 * intervals, a day both closed and open, an ambiguous "9-5" that is not
 * daytime) gives no schedules and returns the text as `unparsed`, so a person
 * can read it: a wrong schedule is worse than none.
 */
export interface ParsedHours {
  schedules: ImportedSchedule[];
  unparsed: string | null;
}

const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const DAY_MINUTES = 1440;

/** Minutes since midnight: [opens, closes]; closes may be 1440 (24:00) or < opens (overnight). */
type Interval = [number, number];

interface Segment {
  days: number[];
  intervals: Interval[]; // empty: closed on these days
}

interface ClockTime {
  hour: number;
  minute: number;
  meridiem: 'a' | 'p' | null;
  /** "09:00" or "00:30": a leading zero only appears on a 24-hour clock */
  leadingZero: boolean;
  word: 'noon' | 'midnight' | null;
}

const ALWAYS_OPEN = /^(?:open )?(?:24 ?\/ ?7(?: ?\/ ?365)?|24 hours(?: a day)?(?:,? 7 days(?: a week)?)?|24 ?hrs|always open)\.?$/;
const DAY_WORD =
  /(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|thur|weds|mon|tue|wed|thu|fri|sat|sun|mo|tu|we|th|fr|sa|su|m|w|f)\.?(?![a-z])/y;
const DAY_GROUP = /(daily|every ?day|7 days(?: a week)?|all week|weekdays|weekends?)(?![a-z])/y;
const DAY_INDEX: Record<string, number> = {};
[
  ['monday', 'mon', 'mo', 'm'],
  ['tuesday', 'tues', 'tue', 'tu'],
  ['wednesday', 'weds', 'wed', 'we', 'w'],
  ['thursday', 'thurs', 'thur', 'thu', 'th'],
  ['friday', 'fri', 'fr', 'f'],
  ['saturday', 'sat', 'sa'],
  ['sunday', 'sun', 'su'],
].forEach((words, day) => words.forEach((w) => (DAY_INDEX[w] = day)));

const TIME = /(noon|midnight)|(\d{1,2})(?!\d)(?:[:.](\d{2})(?!\d))?(?: ?([ap])\.?(?:m\.?)?(?![a-z]))?/y;
const RANGE_DASH = / ?- ?/y;
const LIST_SEP = / ?(?:,|&|\/|\+|and) ?/y;
const SEGMENT_SEP = /[ ;,|.\n]*(?:and )?/y;
const DAYS_TIMES_SEP = / ?:? ?/y;
const ALL_DAY = /(?:open )?24 ?(?:hours|hrs|h)(?![a-z])/y;
const CLOSED = /closed(?![a-z])/y;

/** A position in the text; `take` matches a sticky regex there and moves past it. */
class Cursor {
  constructor(
    readonly text: string,
    public pos = 0,
  ) {}
  take(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m && m[0].length > 0) this.pos = re.lastIndex;
    return m && m[0].length > 0 ? m : null;
  }
  get done(): boolean {
    return this.pos >= this.text.length;
  }
}

export function parseHours(text: string | null | undefined, timezone: string): ParsedHours {
  const raw = (text ?? '').trim();
  if (!raw) return { schedules: [], unparsed: null };
  const s = normalize(raw);
  const segments = ALWAYS_OPEN.test(s) ? [{ days: ALL_DAYS, intervals: [[0, DAY_MINUTES] as Interval] }] : parseSegments(s);
  const byDay = segments && collectByDay(segments);
  if (!byDay) return { schedules: [], unparsed: raw };
  return { schedules: groupDays(byDay, timezone), unparsed: null };
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-') // hyphen, en dash, em dash, minus
    .replace(/\s+(?:to|through|thru|until|till)\s+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}

function parseSegments(s: string): Segment[] | null {
  const c = new Cursor(s);
  const segments: Segment[] = [];
  c.take(SEGMENT_SEP);
  while (!c.done) {
    const segment = parseSegment(c);
    if (!segment) return null;
    segments.push(segment);
    c.take(SEGMENT_SEP);
  }
  return segments.length ? segments : null;
}

/** "days[:] times" or "times days". */
function parseSegment(c: Cursor): Segment | null {
  let days = parseDays(c);
  if (days) {
    c.take(DAYS_TIMES_SEP);
    const intervals = parseIntervals(c);
    return intervals ? { days, intervals } : null;
  }
  const intervals = parseIntervals(c);
  if (!intervals) return null;
  c.take(/ ?,? ?/y);
  days = parseDays(c);
  return days ? { days, intervals } : null;
}

/** A list of days and day ranges: "m-f", "mon, wed & fri", "sun-th", "daily", "weekends". */
function parseDays(c: Cursor): number[] | null {
  const days = parseDayItem(c);
  if (!days) return null;
  for (;;) {
    // a separator only continues the list if a day follows ("mon, 9am" is not a list)
    const before = c.pos;
    const next = c.take(LIST_SEP) && parseDayItem(c);
    if (!next) {
      c.pos = before;
      return days;
    }
    days.push(...next);
  }
}

function parseDayItem(c: Cursor): number[] | null {
  const group = c.take(DAY_GROUP);
  if (group) {
    const word = group[1];
    if (word === 'weekdays') return [0, 1, 2, 3, 4];
    if (word.startsWith('weekend')) return [5, 6];
    return ALL_DAYS;
  }
  const first = c.take(DAY_WORD);
  if (!first) return null;
  const from = DAY_INDEX[first[1]];
  const start = c.pos;
  if (c.take(RANGE_DASH)) {
    const last = c.take(DAY_WORD);
    if (last) return dayRange(from, DAY_INDEX[last[1]]);
    c.pos = start; // "mon-" followed by something else: not a range
  }
  return [from];
}

/** Inclusive, wrapping past Sunday: fri-mon = FR SA SU MO. */
function dayRange(from: number, to: number): number[] {
  const days: number[] = [];
  for (let d = from; ; d = (d + 1) % 7) {
    days.push(d);
    if (d === to) return days;
  }
}

/** "8a-5p", "9am-12pm, 1pm-5pm", "24 hours", "closed" (= no intervals). */
function parseIntervals(c: Cursor): Interval[] | null {
  if (c.take(ALL_DAY)) return [[0, DAY_MINUTES]];
  if (c.take(CLOSED)) return [];
  const intervals: Interval[] = [];
  for (;;) {
    const interval = parseInterval(c);
    if (!interval) return intervals.length ? intervals : null;
    intervals.push(interval);
    const before = c.pos;
    if (!c.take(LIST_SEP)) break;
    if (!/^(?:\d|noon|midnight)/.test(c.text.slice(c.pos))) {
      c.pos = before;
      break;
    }
  }
  return intervals;
}

function parseInterval(c: Cursor): Interval | null {
  const start = c.pos;
  const open = takeTime(c);
  const dash = open && c.take(RANGE_DASH);
  const close = dash && takeTime(c);
  const interval = open && close ? resolveInterval(open, close) : null;
  if (!interval) c.pos = start;
  return interval;
}

function takeTime(c: Cursor): ClockTime | null {
  const m = c.take(TIME);
  if (!m) return null;
  if (m[1]) return { hour: 0, minute: 0, meridiem: null, leadingZero: false, word: m[1] as 'noon' | 'midnight' };
  return {
    hour: Number(m[2]),
    minute: m[3] ? Number(m[3]) : 0,
    meridiem: (m[4] as 'a' | 'p' | undefined) ?? null,
    leadingZero: m[2].length === 2 && m[2].startsWith('0'),
    word: null,
  };
}

/** Opening and closing time in minutes, inferring a missing am/pm; null when ambiguous. */
function resolveInterval(open: ClockTime, close: ClockTime): Interval | null {
  const explicit = (t: ClockTime) => t.word !== null || t.meridiem !== null;
  let o: number | null;
  let cl: number | null;
  if (explicit(open) && explicit(close)) {
    [o, cl] = [toMinutes(open, open.meridiem), toMinutes(close, close.meridiem)];
  } else if (explicit(open) || explicit(close)) {
    [o, cl] = inferOneMeridiem(open, close);
  } else {
    [o, cl] = inferNoMeridiem(open, close);
  }
  if (o === null || cl === null || o >= DAY_MINUTES) return null;
  if (cl === 0) cl = DAY_MINUTES; // midnight closes the day that opened (12a-12a: all day)
  return cl === o ? null : [o, cl];
}

function toMinutes(t: ClockTime, meridiem: 'a' | 'p' | null): number | null {
  if (t.word) return t.word === 'noon' ? 720 : 0;
  if (t.minute > 59) return null;
  if (meridiem === null) {
    if (t.hour > 24 || (t.hour === 24 && t.minute > 0)) return null;
    return t.hour * 60 + t.minute;
  }
  if (t.hour < 1 || t.hour > 12) return null;
  const hour = (t.hour % 12) + (meridiem === 'p' ? 12 : 0);
  return hour * 60 + t.minute;
}

/** "9-5pm", "10pm-2": give the bare time the am/pm that makes the shortest opening. */
function inferOneMeridiem(open: ClockTime, close: ClockTime): [number | null, number | null] {
  const bareIsOpen = open.word === null && open.meridiem === null;
  const bare = bareIsOpen ? open : close;
  const fixed = toMinutes(bareIsOpen ? close : open, (bareIsOpen ? close : open).meridiem);
  if (fixed === null) return [null, null];
  let best: [number, number] | null = null;
  for (const meridiem of ['a', 'p'] as const) {
    const t = toMinutes(bare, meridiem);
    if (t === null) continue;
    const pair: [number, number] = bareIsOpen ? [t, fixed] : [fixed, t];
    if (!best || duration(pair) < duration(best)) best = pair;
  }
  return best ?? [null, null];
}

/**
 * No am/pm anywhere: a 24-hour clock when it looks like one (an hour above 12,
 * or a leading zero: "9:00-17:00", "08:00-16:00"); otherwise only the common
 * daytime reading "9-5" / "8:30-4:30" (opens 5-11 in the morning, closes
 * earlier on the clock face or at 12) is taken as am-pm.
 */
function inferNoMeridiem(open: ClockTime, close: ClockTime): [number | null, number | null] {
  const clock24 = open.hour > 12 || close.hour > 12 || open.leadingZero || close.leadingZero || open.hour === 0;
  if (clock24) return [toMinutes(open, null), toMinutes(close, null)];
  const daytime = open.hour >= 5 && open.hour <= 11 && (close.hour < open.hour || close.hour === 12);
  if (!daytime) return [null, null];
  return [toMinutes(open, 'a'), toMinutes(close, 'p')];
}

function duration([o, c]: [number, number]): number {
  const d = (c - o + DAY_MINUTES) % DAY_MINUTES;
  return d === 0 ? DAY_MINUTES : d;
}

/** Intervals per day (0 = Monday); null on a contradiction. */
function collectByDay(segments: Segment[]): Map<number, Interval[]> | null {
  const byDay = new Map<number, Interval[]>();
  const closed = new Set<number>();
  for (const { days, intervals } of segments) {
    for (const day of days) {
      if (!intervals.length) closed.add(day);
      const list = byDay.get(day) ?? [];
      for (const iv of intervals) if (!list.some(([o, c]) => o === iv[0] && c === iv[1])) list.push(iv);
      if (list.length) byDay.set(day, list);
    }
  }
  for (const day of closed) if (byDay.has(day)) return null;
  for (const list of byDay.values()) if (overlaps(list)) return null;
  return byDay.size ? byDay : null;
}

/** Same-day overlap; an overnight interval runs to the end of its day. */
function overlaps(list: Interval[]): boolean {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    const [po, pc] = sorted[i - 1];
    const end = pc <= po ? DAY_MINUTES : pc;
    if (sorted[i][0] < end) return true;
  }
  return false;
}

/** One schedule per distinct interval, listing every day that has it. */
function groupDays(byDay: Map<number, Interval[]>, timezone: string): ImportedSchedule[] {
  const groups = new Map<string, { interval: Interval; days: number[] }>();
  for (const day of ALL_DAYS) {
    for (const interval of byDay.get(day) ?? []) {
      const key = interval.join('-');
      const group = groups.get(key) ?? { interval, days: [] };
      group.days.push(day);
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .sort((a, b) => a.days[0] - b.days[0] || a.interval[0] - b.interval[0])
    .map(({ interval: [o, c], days }) => ({
      byday: days.map((d) => DAY_CODES[d]),
      opens_at: hhmm(o),
      closes_at: hhmm(c),
      timezone,
    }));
}

function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
