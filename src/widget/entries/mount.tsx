import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSwitchboard, type Switchboard } from '../createSwitchboard.js';
import { ChatWidget } from '../views/ChatWidget.js';
import { WidgetProvider } from '../views/WidgetContext.js';
import { loadLocale, type Locale } from '../i18n/locale.js';
import { resolveEntryConfig } from './resolveConfig.js';

/**
 * Renders one instance's full widget into `element` and starts its connection; a non-English
 * catalog is loaded first, so the first screen is already in the visitor's language.
 */
export async function renderWidget(element: HTMLElement, switchboard: Switchboard): Promise<Locale> {
  const locale = await loadLocale(switchboard.language).catch(() => switchboard.options.locale);
  document.documentElement.lang = locale.tag;
  document.documentElement.dir = locale.dir;
  createRoot(element).render(
    <StrictMode>
      <WidgetProvider store={switchboard.store} commands={switchboard.commands} queryClient={switchboard.queryClient} options={{ ...switchboard.options, locale }}>
        <ChatWidget />
      </WidgetProvider>
    </StrictMode>,
  );
  switchboard.start();
  return locale;
}

/** Resolves the hosted config, builds one instance and renders the full widget into `element`. */
export async function mountHostedWidget(element: HTMLElement, onStarted?: (switchboard: Switchboard, locale: Locale) => void): Promise<void> {
  try {
    const config = await resolveEntryConfig();
    const switchboard = createSwitchboard(config);
    const locale = await renderWidget(element, switchboard);
    onStarted?.(switchboard, locale);
    addEventListener('pagehide', () => switchboard.dispose(), { once: true });
  } catch (error) {
    element.textContent = error instanceof Error ? error.message : 'The chat could not start.';
    element.setAttribute('role', 'alert');
  }
}
