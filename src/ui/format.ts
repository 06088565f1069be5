/**
 * Dates, times and sizes as both front ends show them, through `Intl` in the reader's locale
 * (`locale` undefined = the runtime's default). Formatters are made once per locale.
 */

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

interface Formatters {
  time: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  listDay: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  relativeDay: Intl.RelativeTimeFormat;
}

// NOTE: `toLocaleTimeString(locale, options)` builds a new ICU formatter on every call (about a
// millisecond each); the same formatters, made once per locale, give the same strings.
const formatters = new Map<string, Formatters>();

function formattersFor(locale: string | undefined): Formatters {
  const key = locale ?? '';
  let found = formatters.get(key);
  if (!found) {
    found = {
      // hour and minute only: the locale decides 12- or 24-hour
      time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
      day: new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
      listDay: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }),
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      relativeDay: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
    };
    formatters.set(key, found);
  }
  return found;
}

/** `format.format(date)`, or "Invalid Date" as `toLocale…String` gives (`format` throws on it). */
function formatWith(format: Intl.DateTimeFormat, date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : format.format(date);
}

export function formatTime(iso: string, locale?: string): string {
  return formatWith(formattersFor(locale).time, new Date(iso));
}

/** Date and time in one, e.g. for a thread start or a customer's visit. */
export function formatDateTime(iso: string, locale?: string): string {
  return formatWith(formattersFor(locale).dateTime, new Date(iso));
}

function capitalize(text: string, locale: string | undefined): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** "Today", "Yesterday" (in the locale's words), else the full date. */
export function formatDay(iso: string, now = new Date(), locale?: string): string {
  const key = dayKey(iso);
  const { relativeDay, day } = formattersFor(locale);
  if (key === dayKeyOf(now)) return capitalize(relativeDay.format(0, 'day'), locale);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (key === dayKeyOf(yesterday)) return capitalize(relativeDay.format(-1, 'day'), locale);
  return formatWith(day, new Date(iso));
}

/** Time for the chat list: the time today, else the short date. */
export function formatListTime(iso: string, now = new Date(), locale?: string): string {
  if (!iso) return '';
  return dayKey(iso) === dayKeyOf(now) ? formatTime(iso, locale) : formatWith(formattersFor(locale).listDay, new Date(iso));
}

/** Bytes as the locale writes numbers: "512 B", "12 KB", "1.5 MB" ("1,5 MB" in German). */
export function formatSize(bytes: number, locale?: string): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
