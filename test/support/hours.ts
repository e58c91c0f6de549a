/** Independent check of weekly hours at an instant, using Intl time zones (not PostgreSQL's). */
export interface WeeklyHours {
  byday: string[];
  opens_at: string;
  closes_at: string;
  timezone: string;
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function localDayAndMinutes(instant: Date, timeZone: string): { day: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const day = DAYS[['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'))];
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isOpenAt(schedules: WeeklyHours[], instant: Date): boolean {
  return schedules.some((s) => {
    const { day, minutes } = localDayAndMinutes(instant, s.timezone);
    const opens = toMinutes(s.opens_at);
    const closes = toMinutes(s.closes_at);
    const previous = DAYS[(DAYS.indexOf(day) + 6) % 7];
    if (closes > opens) return s.byday.includes(day) && minutes >= opens && minutes < closes;
    return (s.byday.includes(day) && minutes >= opens) || (s.byday.includes(previous) && minutes < closes);
  });
}
