import { readFileSync } from 'fs';
import path from 'path';
import { ImportedSchedule } from '../import-batch';
import { parseHours } from './hours.parser';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../../test/support/skips';

const TZ = 'America/Chicago';
const WEEKDAYS = 'MO TU WE TH FR';
const ALL = 'MO TU WE TH FR SA SU';

/** Compact form of a schedule list: "MO TU 08:00-17:00", one string per schedule. */
const compact = (schedules: ImportedSchedule[]) => schedules.map((s) => `${s.byday.join(' ')} ${s.opens_at}-${s.closes_at}`);

/**
 * Every distinct hours_raw in dallas-naloxone-2026/naloxone_locations.geojson
 * (21 values, 15 features have none), with the schedules a person reads in it.
 */
const DALLAS_HOURS: Record<string, string[] | null> = {
  'M-F: 8a-5p': [`${WEEKDAYS} 08:00-17:00`],
  'M-F: 12p-7p': [`${WEEKDAYS} 12:00-19:00`],
  'M-F: 8a-10p': [`${WEEKDAYS} 08:00-22:00`],
  'M-F: 7:30a-5p': [`${WEEKDAYS} 07:30-17:00`],
  'M-F: 7:30a-5p; Sat: 7a-9a': [`${WEEKDAYS} 07:30-17:00`, 'SA 07:00-09:00'],
  // overnight: closes at 02:00 the next morning
  'M-Sun: 2p-2a': [`${ALL} 14:00-02:00`],
  'M-Sun: 11a-8p': [`${ALL} 11:00-20:00`],
  'M-F: 8a-4:30 pm': [`${WEEKDAYS} 08:00-16:30`],
  'M-Sun: 1p-7p': [`${ALL} 13:00-19:00`],
  'M-Sun: 9a-10p': [`${ALL} 09:00-22:00`],
  // 12a closing after a 7a opening is the end of that day: 24:00, never 00:00
  'M-F: 7a-12a; Sat: 7a-1a; Sun: 8a-11p': [`${WEEKDAYS} 07:00-24:00`, 'SA 07:00-01:00', 'SU 08:00-23:00'],
  // Sunday-Thursday wraps past Sunday; byday is listed Monday first
  'Sun-Th: 5a-1a; Fri-Sat: 5:30a-2a': ['MO TU WE TH SU 05:00-01:00', 'FR SA 05:30-02:00'],
  'M-Sun: 10a-1a': [`${ALL} 10:00-01:00`],
  '24/7': [`${ALL} 00:00-24:00`],
  'M-F: 10a-10p; Sat: 10a-11p; Sun: 12p-10p': [`${WEEKDAYS} 10:00-22:00`, 'SA 10:00-23:00', 'SU 12:00-22:00'],
  'M-Sat: 10a-9p': ['MO TU WE TH FR SA 10:00-21:00'],
  'W-Sat: 9p-4a': ['WE TH FR SA 21:00-04:00'],
  // "12 p" (space before p) is noon; "Sun: 12a-2a" is read as written: midnight to 2 a.m.
  // (for a bar that is probably a typo for 12p, but guessing would be worse)
  'M: 12 p-1a; Tue-F: 11a-1a; Sat: 11a-2a; Sun: 12a-2a': ['MO 12:00-01:00', 'TU WE TH FR 11:00-01:00', 'SA 11:00-02:00', 'SU 00:00-02:00'],
  'M-Sun: 7a-10p': [`${ALL} 07:00-22:00`],
  // not hours at all: kept as text
  'hours based on trainings': null,
};

const DATA_FILE = path.join(SHARED_DATA_DIR, 'dallas-naloxone-2026/naloxone_locations.geojson');

describe('parseHours', () => {
  describe('every hours_raw of the Dallas naloxone map', () => {
    it.each(Object.entries(DALLAS_HOURS))('%s', (text, expected) => {
      const { schedules, unparsed } = parseHours(text, TZ);
      if (expected === null) {
        expect(schedules).toEqual([]);
        expect(unparsed).toBe(text);
      } else {
        expect(compact(schedules)).toEqual(expected);
        expect(unparsed).toBeNull();
        for (const s of schedules) expect(s.timezone).toBe(TZ);
      }
    });

    const describeIfData = describeWithSharedData('hours.parser: the table against the Dallas file', 'dallas-naloxone-2026/naloxone_locations.geojson');
    describeIfData('the table above is complete', () => {
      it('lists exactly the distinct non-null hours_raw values in the file', () => {
        const features = JSON.parse(readFileSync(DATA_FILE, 'utf8')).features as { properties: { hours_raw: string | null } }[];
        const inFile = new Set(features.map((f) => f.properties.hours_raw).filter((h): h is string => h !== null));
        expect([...inFile].sort()).toEqual(Object.keys(DALLAS_HOURS).sort());
      });
    });
  });

  it.each([
    ['Mon–Sat 9am–5pm', ['MO TU WE TH FR SA 09:00-17:00']], // en dashes
    ['Mon—Fri 9am—5pm', [`${WEEKDAYS} 09:00-17:00`]], // em dashes
    ['Mon-Fri 9:00-17:00', [`${WEEKDAYS} 09:00-17:00`]], // 24-hour clock
    ['Mon-Fri 08:00-16:00', [`${WEEKDAYS} 08:00-16:00`]], // a leading zero means a 24-hour clock
    ['Daily 10am-6pm', [`${ALL} 10:00-18:00`]],
    ['24 hours', [`${ALL} 00:00-24:00`]],
    ['Open 24/7', [`${ALL} 00:00-24:00`]],
    ['Mon-Fri 24 hours', [`${WEEKDAYS} 00:00-24:00`]],
    ['Fri-Mon 10am-2pm', ['MO FR SA SU 10:00-14:00']], // wraps past Sunday
    ['Mon, Wed & Fri 9am-12pm, 1pm-5pm', ['MO WE FR 09:00-12:00', 'MO WE FR 13:00-17:00']], // split shift
    ['9am-5pm Mon-Fri', [`${WEEKDAYS} 09:00-17:00`]], // times first
    ['Tuesday to Thursday 10 a.m. to 4 p.m.', ['TU WE TH 10:00-16:00']],
    ['Mon-Fri 9-5', [`${WEEKDAYS} 09:00-17:00`]], // the one common reading of bare hours
    ['Mon-Fri 9-5pm', [`${WEEKDAYS} 09:00-17:00`]], // bare 9: am gives the shorter day
    ['Sat 10pm-2', ['SA 22:00-02:00']], // bare 2: 2 a.m. gives the shorter night
    ['noon-midnight daily', [`${ALL} 12:00-24:00`]],
    ['Mon-Fri 9am-5pm; Sat 10am-2pm; Sun closed', [`${WEEKDAYS} 09:00-17:00`, 'SA 10:00-14:00']],
    ['Weekdays 8am-4pm, weekends 10am-2pm', [`${WEEKDAYS} 08:00-16:00`, 'SA SU 10:00-14:00']],
    ['M-F: 7a-12a', [`${WEEKDAYS} 07:00-24:00`]],
    ['Mon-Fri 12am-12am', [`${WEEKDAYS} 00:00-24:00`]],
  ])('%s', (text, expected) => {
    const result = parseHours(text, TZ);
    expect(result.unparsed).toBeNull();
    expect(compact(result.schedules)).toEqual(expected);
  });

  it.each([
    'hours based on trainings',
    'By appointment',
    'M-F 9am-5pm (call first)', // a word left over
    'T-Th 9-5', // T alone is Tuesday or Thursday
    'Mon-Fri 12-5', // bare hours that are not a daytime reading
    '9am-5pm', // no days
    'Mon-Fri 9am-5pm; Mon 10am-2pm', // overlapping on Monday
    'Sun closed; Sun 10am-2pm', // closed and open
    'Mon 9am-9am', // would open and close at the same time
    'Mon 13pm-5pm', // no such time
    'Mon-Fri 25:00-17:00',
  ])('leaves %j unparsed', (text) => {
    expect(parseHours(text, TZ)).toEqual({ schedules: [], unparsed: text });
  });

  it('returns nothing, and nothing unparsed, for empty input', () => {
    for (const empty of [null, undefined, '', '   ']) expect(parseHours(empty, TZ)).toEqual({ schedules: [], unparsed: null });
  });

  it('never produces opens_at == closes_at, opens_at >= 24:00 or a byday outside MO..SU', () => {
    const texts = [...Object.keys(DALLAS_HOURS), 'Mon-Fri 12am-12am', 'Daily noon-noon', 'Sun 12p-12a', 'Mon 24:00-02:00'];
    for (const text of texts) {
      for (const s of parseHours(text, TZ).schedules) {
        expect(s.opens_at).not.toBe(s.closes_at);
        expect(s.opens_at < '24:00').toBe(true);
        expect(s.closes_at).toMatch(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/);
        for (const d of s.byday) expect(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']).toContain(d);
      }
    }
  });
});
