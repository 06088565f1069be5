import { CookieIdentityProvider } from '../../rtm/identity.js';
import { browserStorage } from '../../rtm/storage.js';
import { WebApi } from '../../rtm/webApi.js';
import { createSwitchboard } from '../createSwitchboard.js';
import { chatPane } from '../views/lazyVisitorViews.js';
import { connectFrameBridge } from './frameBridge.js';
import { renderWidget } from './mount.js';
import { resolveEntryConfig } from './resolveConfig.js';

/**
 * The widget inside the embed iframe, talking to the loader on `parentOrigin`: like
 * `mountHostedWidget`, plus the bridge. The identity provider is shared with a Customer Web API
 * client so that `Switchboard.setCustomer()` / `setSessionFields()` from the page reach the server.
 */
export async function mountFramedWidget(element: HTMLElement, parentOrigin: string): Promise<void> {
  try {
    const config = await resolveEntryConfig();
    const storage = browserStorage();
    const identity = new CookieIdentityProvider({ apiUrl: config.apiUrl, organizationId: config.organizationId, clientId: config.clientId, storage });
    const switchboard = createSwitchboard({ ...config, storage, identity });
    const storageKey = `switchboard:${config.organizationId}:selected-chat`;
    // A returning visitor's remembered chat reopens once synced: fetch its pane while connecting.
    if (storage.getItem(storageKey)) void chatPane.load().catch(() => undefined);
    const webApi = new WebApi({ apiUrl: config.apiUrl, organizationId: config.organizationId, identity });
    const bridge = connectFrameBridge({
      win: window, parentOrigin, store: switchboard.store, commands: switchboard.commands, storage,
      storageKey,
      customer: {
        update: (customer) => webApi.action('update_customer', customer),
        setSessionFields: (fields) => webApi.action('set_customer_session_fields', { session_fields: fields }),
      },
    });
    await renderWidget(element, switchboard);
    addEventListener('pagehide', () => {
      bridge.dispose();
      switchboard.dispose();
    }, { once: true });
  } catch (error) {
    element.textContent = error instanceof Error ? error.message : 'The chat could not start.';
    element.setAttribute('role', 'alert');
  }
}
