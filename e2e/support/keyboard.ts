import type { Page } from '@playwright/test';

/** Presses Tab until the element with `data-testid` = `testId` has focus (the keyboard-only path). */
export async function tabTo(page: Page, testId: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`focus never reached ${testId}`);
}
