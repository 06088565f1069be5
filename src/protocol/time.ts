/** Wire timestamps: RFC 3339, UTC, `Z`, exactly six fractional digits (clients compare them as strings). */
export function formatTimestamp(microseconds: number): string {
  // An event is rendered once per view (agents and customers) in a row: the same text again (#16).
  if (microseconds === lastMicroseconds) return lastText;
  const second = Math.floor(microseconds / 1_000_000);
  // Timestamps come in bursts within the same second: its formatted part is reused.
  if (second !== lastSecond) {
    lastSecond = second;
    lastSecondText = new Date(second * 1000).toISOString().slice(0, 19); // 2024-05-14T07:22:30
  }
  const micros = String(Math.floor(microseconds % 1_000_000)).padStart(6, '0');
  lastMicroseconds = microseconds;
  lastText = `${lastSecondText}.${micros}Z`;
  return lastText;
}
let lastSecond = Number.NaN;
let lastSecondText = '';
let lastMicroseconds = Number.NaN;
let lastText = '';

/** Parses any RFC 3339 timestamp (any offset, any precision) to microseconds since the epoch; NaN if invalid. */
export function parseTimestamp(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(value);
  if (!m) return Number.NaN;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) return Number.NaN;
  const fraction = Number(((m[2] ?? '') + '000000').slice(0, 6));
  return seconds * 1000 + fraction;
}
