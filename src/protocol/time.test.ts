import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from './time.js';

describe('time', () => {
  describe('formatTimestamp()', () => {
    it('formats microseconds as RFC 3339 with six fractional digits, also when calls alternate between seconds (#16)', () => {
      // The formatted second is reused between calls: going back and forth must not mix them up.
      expect(formatTimestamp(1_715_671_350_779_123)).toBe('2024-05-14T07:22:30.779123Z');
      expect(formatTimestamp(1_715_671_350_000_001)).toBe('2024-05-14T07:22:30.000001Z');
      expect(formatTimestamp(1_715_671_351_000_000)).toBe('2024-05-14T07:22:31.000000Z');
      expect(formatTimestamp(1_715_671_350_999_999)).toBe('2024-05-14T07:22:30.999999Z');
      expect(formatTimestamp(0)).toBe('1970-01-01T00:00:00.000000Z');
    });

    it('gives the same text for a timestamp formatted twice in a row, and the next one its own (#16)', () => {
      // The last text is reused (an event is rendered for agents and customers in a row).
      expect([1_715_671_350_779_123, 1_715_671_350_779_123, 1_715_671_350_779_124, 1_715_671_350_779_123].map(formatTimestamp))
        .toEqual(['2024-05-14T07:22:30.779123Z', '2024-05-14T07:22:30.779123Z', '2024-05-14T07:22:30.779124Z', '2024-05-14T07:22:30.779123Z']);
    });

    it('round-trips through parseTimestamp', () => {
      for (const us of [1, 999_999, 1_000_000, 1_715_671_350_779_123, 4_102_444_799_999_999]) expect(parseTimestamp(formatTimestamp(us))).toBe(us);
    });
  });
});
