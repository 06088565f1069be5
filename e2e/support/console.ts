import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

const root = resolve(import.meta.dirname, '..', '..');

/** The server serves dist/console when it exists: build it once if this checkout has not yet. */
export function ensureConsoleBuilt(): void {
  if (existsSync(resolve(root, 'dist/console/index.html'))) return;
  execSync('npx vite build --mode console', { cwd: root, stdio: 'ignore' });
}

/** The agent console (`/console/`) in its own browser context, driven by data-testids and accessible names. */
export class ConsoleUi {
  private constructor(readonly page: Page) {}

  static async signIn(browser: Browser, baseUrl: string, agentId: string, token: string): Promise<ConsoleUi> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/console/`);
    await page.getByLabel('Agent id').fill(agentId);
    await page.getByLabel('Personal access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('connection-status')).toHaveText('Connected');
    return new ConsoleUi(page);
  }

  tab(name: 'my' | 'queued' | 'archives'): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  entry(topic: string): Locator {
    return this.page.getByTestId('chat-entry').filter({ hasText: topic });
  }

  messages(): Locator {
    return this.page.getByTestId('chat-history').getByTestId('message');
  }

  async open(topic: string): Promise<void> {
    await this.tab('my').click();
    await this.entry(topic).click();
    await expect(this.page.getByTestId('chat-panel-topic')).toContainText(topic);
  }

  async reply(text: string): Promise<void> {
    const input = this.page.getByLabel('Message');
    await input.fill(text);
    await input.press('Enter');
    await expect(this.messages().filter({ hasText: text })).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
