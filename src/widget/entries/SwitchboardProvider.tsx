import { useEffect, useState, type ReactNode } from 'react';
import { createSwitchboard, type SwitchboardConfig } from '../createSwitchboard.js';
import { loadLocale } from '../i18n/locale.js';
import { WidgetProvider } from '../views/WidgetContext.js';

/**
 * Creates one widget instance for its subtree, connects on mount and disposes on unmount.
 * The config is read once; remount (change `key`) to switch organizations.
 * @example
 * <SwitchboardProvider config={{ apiUrl, organizationId, clientId }}><ChatWidget /></SwitchboardProvider>
 */
export function SwitchboardProvider({ config, children }: { config: SwitchboardConfig; children: ReactNode }) {
  const [switchboard] = useState(() => createSwitchboard(config));
  const [locale, setLocale] = useState(switchboard.options.locale);
  useEffect(() => {
    switchboard.start();
    return () => switchboard.dispose();
  }, [switchboard]);
  useEffect(() => {
    // NOTE: a German or Arabic catalog is a chunk of its own; English shows until it is here
    let current = true;
    void loadLocale(switchboard.language).then((loaded) => current && setLocale(loaded), () => undefined);
    return () => { current = false; };
  }, [switchboard]);
  return (
    <WidgetProvider store={switchboard.store} commands={switchboard.commands} queryClient={switchboard.queryClient} options={{ ...switchboard.options, locale }}>
      {children}
    </WidgetProvider>
  );
}
