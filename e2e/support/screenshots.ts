import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** docs/screenshots/<name>.png of this checkout. */
export function screenshotPath(name: string): string {
  return join(import.meta.dirname, `../../docs/screenshots/${name}.png`);
}

/**
 * Pictures the page in the light, then the dark scheme, as docs/screenshots/<name>-light.png and
 * -dark.png, and leaves it light. `beforeEach` runs before each picture (to scroll, say).
 */
export async function shootLightAndDark(page: Page, name: string, beforeEach?: () => Promise<void>): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await beforeEach?.();
    await page.waitForTimeout(200);
    await page.screenshot({ path: screenshotPath(`${name}-${scheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
