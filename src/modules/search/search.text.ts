import { SearchPage, SearchResult } from './search-result.model';

const METERS_PER_MILE = 1609.344;
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Thu 9am" in the listing's own time zone. */
function localTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: '2-digit', hour12: true }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const minutes = get('minute') === '00' ? '' : `:${get('minute')}`;
  return `${DAY.includes(get('weekday')) ? get('weekday') : ''} ${get('hour')}${minutes}${get('dayPeriod').toLowerCase()}`.trim();
}

function status(result: SearchResult): string | null {
  if (result.open_now === true) return 'Open now';
  if (result.open_now === false && result.next_opens_at) {
    return `Opens ${localTime(result.next_opens_at, result.schedules[0]?.timezone ?? 'UTC')}`;
  }
  return result.open_now === false ? 'Closed' : null;
}

function distance(result: SearchResult): string {
  if (result.reach === 'by_mail') return 'by mail';
  if (result.reach === 'mobile' && result.distance_m === 0) return 'comes to you';
  const miles = result.distance_m / METERS_PER_MILE;
  return `${miles < 10 ? miles.toFixed(1) : Math.round(miles)} mi`;
}

function place(result: SearchResult): string | null {
  const a = result.location.address;
  if (!a) return null;
  const area = [a.city, a.state_province].filter(Boolean).join(' ');
  if (result.location.address_visibility === 'approximate') return area ? `near ${area} (call for address)` : 'call for address';
  return [a.address_1, a.city].filter(Boolean).join(', ') || null;
}

/**
 * One listing in the words an operator reads aloud or pastes into an SMS:
 * name, distance in miles, open now or next opening, phone, address,
 * languages. Aims for 160 characters: the longest parts are trimmed first.
 */
export function textListing(result: SearchResult, index: number): string {
  const name = result.service.name === result.organization.name ? result.organization.name : `${result.organization.name}: ${result.service.name}`;
  const phone = result.phones[0]?.number ?? null;
  const languages = result.languages.length > 1 ? result.languages.join('/') : null;
  const parts = [distance(result), status(result), phone, place(result), languages].filter((p): p is string => !!p);
  const line = (title: string) => `${index}. ${title} - ${parts.join(' - ')}`;
  let title = name;
  while (line(title).length > 160 && title.length > 24) title = `${title.slice(0, Math.max(24, title.length - (line(title).length - 160) - 1)).trimEnd()}…`;
  return line(title);
}

export function toText(page: SearchPage): string {
  if (page.data.length === 0) return 'No listings match. Try a larger radius or fewer filters.\n';
  return page.data.map((r, i) => textListing(r, i + 1)).join('\n') + '\n';
}
