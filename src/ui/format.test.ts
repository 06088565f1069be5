import { describe, expect, it } from 'vitest';
import { dayKey, dayKeyer, formatDay, formatListTime, formatSize, formatTime } from './format.js';

describe('dayKeyer()', () => {
  it('gives the same local day as dayKey, in order, out of order and across DST changes', () => {
    const key = dayKeyer();
    const start = Date.UTC(2024, 2, 20);
    const times: number[] = [];
    for (let t = start; t < start + 240 * 86_400_000; t += 47 * 60_000) times.push(t);
    times.push(start + 5 * 86_400_000, start, start + 100 * 86_400_000 + 1);
    for (const t of times) {
      const iso = new Date(t).toISOString();
      expect(key(iso)).toBe(dayKey(iso));
    }
    expect(key('not a date')).toBe(dayKey('not a date'));
  });
});

describe('formatters', () => {
  it('format like toLocale…String', () => {
    const iso = '2024-05-14T07:03:00.000000Z';
    expect(formatTime(iso, 'en')).toBe(new Date(iso).toLocaleTimeString('en', { hour: 'numeric', minute: '2-digit' }));
    expect(formatDay(iso, new Date('2025-01-01T12:00:00Z'), 'en')).toBe(new Date(iso).toLocaleDateString('en', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }));
    expect(formatListTime(iso, new Date('2025-01-01T12:00:00Z'), 'en')).toBe(new Date(iso).toLocaleDateString('en', { day: 'numeric', month: 'short' }));
    expect(formatTime('nope', 'en')).toBe(new Date('nope').toLocaleTimeString('en', { hour: 'numeric', minute: '2-digit' }));
  });

  it('write times and days in the reader\'s locale, 24-hour where it is usual (#15)', () => {
    const at = new Date(2024, 4, 14, 20, 5).toISOString();
    expect(formatTime(at, 'de-DE')).toBe('20:05');
    expect(formatTime(at, 'en-US')).toBe('8:05 PM');
    expect(formatDay(at, new Date(2024, 4, 14, 23, 0), 'de')).toBe('Heute');
    expect(formatDay(at, new Date(2024, 4, 15, 9, 0), 'de')).toBe('Gestern');
    expect(formatSize(1.5 * 1024 * 1024, 'de')).toBe('1,5 MB');
  });
});
