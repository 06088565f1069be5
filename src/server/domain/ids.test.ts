import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventId, eventKey, newShortId } from './ids.js';

describe('ids', () => {
  describe('eventKey', () => {
    it('gives back the thread and sequence number of every event id', () => {
      fc.assert(fc.property(fc.constantFrom(newShortId(), 'T1', 'A_B'), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (threadId, seq) => {
        expect(eventKey(eventId(threadId, seq))).toEqual({ threadId, seq });
      }));
    });

    it('refuses strings that are not event ids', () => {
      for (const id of ['', 'T1', 'T1_', '_1', 'T1_0', 'T1_01', 'T1_-1', 'T1_1.5', 'T1_1e3', 'T1_ 1', 'T1_99999999999999999999']) {
        expect(eventKey(id), id).toBeUndefined();
      }
    });
  });
});
