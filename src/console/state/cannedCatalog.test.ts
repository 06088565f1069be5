import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../protocol/configuration.js';
import { createCannedCatalog } from './cannedCatalog.js';

const one = { id: 1, tags: ['hi'], text: 'Hi!', group_id: 0, is_private: false, author_id: 'a', created_by: 'a', created_at: '', updated_at: '' } satisfies CannedResponse;

describe('createCannedCatalog', () => {
  describe('refresh()', () => {
    it('loads once for concurrent callers and notifies subscribers', async () => {
      let loads = 0;
      const catalog = createCannedCatalog(async () => (loads++, [one]), String);
      let notified = 0;
      const unsubscribe = catalog.subscribe(() => notified++);
      expect(catalog.get()).toBeUndefined();
      await Promise.all([catalog.refresh(), catalog.refresh()]);
      expect(loads).toBe(1);
      expect(notified).toBe(1);
      expect(catalog.get()).toEqual([one]);
      unsubscribe();
      await catalog.refresh();
      expect(notified).toBe(1);
      expect(loads).toBe(2);
    });

    it('keeps the last list and reports a failure in plain words', async () => {
      let fail = false;
      const catalog = createCannedCatalog(async () => {
        if (fail) throw new Error('offline');
        return [one];
      }, (err) => `Could not load: ${(err as Error).message}`);
      await catalog.refresh();
      fail = true;
      await catalog.refresh();
      expect(catalog.get()).toEqual([one]);
      expect(catalog.error()).toBe('Could not load: offline');
    });
  });
});
