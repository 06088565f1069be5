import { uiStrings } from './strings.js';

/** Dates, times and sizes as both front ends show them (English; formatters made once). */

/** Local calendar day of a timestamp, `YYYY-MM-DD`. */
export function dayKey(iso: string): string {
  return dayKeyOf(new Date(iso));
}

function dayKeyOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * `dayKey` for timestamps that mostly arrive in order (a timeline): remembers the local day last
 * seen as its [midnight, next midnight) range, so that a timestamp on the same day costs one
 * `Date.parse` instead of a `Date` and three local-time fields.
 */
export function dayKeyer(): (iso: string) => string {
  let start = Infinity;
  let end = -Infinity;
  let key = '';
  return (iso) => {
    const time = Date.parse(iso);
    if (time >= start && time < end) return key;
    if (Number.isNaN(time)) return dayKey(iso);
    const date = new Date(time);
    key = dayKeyOf(date);
    start = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
    end = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
    // a day without its midnight (a DST change at 00:00) starts later: never cache a range that misses `time`
    if (!(time >= start && time < end)) { start = Infinity; end = -Infinity; }
    return key;
  };
}

// NOTE: `toLocaleTimeString(locale, options)` builds a new ICU formatter on every call (about a
// millisecond each); the same formatters, made once, give the same strings.
const timeFormat = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const listDayFormat = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });
const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** `format.format(date)`, or "Invalid Date" as `toLocale…String` gives (`format` throws on it). */
function formatWith(format: Intl.DateTimeFormat, date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : format.format(date);
}

export function formatTime(iso: string): string {
  return formatWith(timeFormat, new Date(iso));
}

/** Date and time in one, e.g. for a thread start or a customer's visit. */
export function formatDateTime(iso: string): string {
  return formatWith(dateTimeFormat, new Date(iso));
}

export function formatDay(iso: string, now = new Date()): string {
  const key = dayKey(iso);
  if (key === dayKeyOf(now)) return uiStrings.today;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (key === dayKeyOf(yesterday)) return uiStrings.yesterday;
  return formatWith(dayFormat, new Date(iso));
}

/** Time for the chat list: the time today, else the short date. */
export function formatListTime(iso: string, now = new Date()): string {
  if (!iso) return '';
  return dayKey(iso) === dayKeyOf(now) ? formatTime(iso) : formatWith(listDayFormat, new Date(iso));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
