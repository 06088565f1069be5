import { expect, type Browser, type FrameLocator, type Locator, type Page } from '@playwright/test';

/**
 * The widget UI, wherever it runs (the embed iframe, the standalone page, the npm fixture app),
 * driven by its data-testids and accessible names only.
 */
export class WidgetUi {
  constructor(readonly root: Page | FrameLocator) {}

  chatItem(topic: string): Locator {
    return this.root.getByTestId('chat-item').filter({ hasText: topic });
  }

  composer(): Locator {
    return this.root.getByTestId('composer-input');
  }

  messages(): Locator {
    return this.root.getByTestId('message');
  }

  /** Below 640 px (the embed panel) list and chat are stacked: go back to the list. */
  async toList(): Promise<void> {
    const back = this.root.getByRole('button', { name: 'Back to chats' });
    if (await back.isVisible()) await back.click();
  }

  async startChat(topic: string): Promise<void> {
    await this.toList();
    await this.root.getByTestId('new-chat').click();
    await this.root.getByTestId('topic-input').fill(topic);
    await this.root.getByRole('button', { name: 'Start chat' }).click();
    await expect(this.root.getByRole('heading', { name: topic, exact: true })).toBeVisible();
  }

  async send(text: string): Promise<void> {
    await this.composer().fill(text);
    await this.composer().press('Enter');
    await expect(this.messages().filter({ hasText: text })).toBeVisible();
  }

  async open(topic: string): Promise<void> {
    await this.toList();
    await this.chatItem(topic).getByRole('button').click();
    await expect(this.root.getByRole('heading', { name: topic, exact: true })).toBeVisible();
  }

  unreadIn(topic: string): Locator {
    return this.chatItem(topic).getByTestId('unread');
  }
}

/** The embed's launcher button on the host page (inside its open shadow root). */
export function launcher(page: Page): Locator {
  return page.locator('switchboard-launcher button.l');
}

export function embeddedWidget(page: Page): WidgetUi {
  return new WidgetUi(page.frameLocator('switchboard-launcher iframe'));
}

/** A visitor's own browser context on the demo site, with the embedded widget opened. */
export interface DemoSiteVisitor {
  page: Page;
  widget: WidgetUi;
  close(): Promise<void>;
}

export async function openDemoSite(browser: Browser, baseUrl: string): Promise<DemoSiteVisitor> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/demo/`);
  await launcher(page).click();
  return { page, widget: embeddedWidget(page), close: () => context.close() };
}
