import { useEffect, useState, type ReactNode } from 'react';
import { createSwitchboard, type SwitchboardConfig } from '../createSwitchboard.js';
import { WidgetProvider } from '../views/WidgetContext.js';

/**
 * Creates one widget instance for its subtree, connects on mount and disposes on unmount.
 * The config is read once; remount (change `key`) to switch organizations.
 * @example
 * <SwitchboardProvider config={{ apiUrl, organizationId, clientId }}><ChatWidget /></SwitchboardProvider>
 */
export function SwitchboardProvider({ config, children }: { config: SwitchboardConfig; children: ReactNode }) {
  const [switchboard] = useState(() => createSwitchboard(config));
  useEffect(() => {
    switchboard.start();
    return () => switchboard.dispose();
  }, [switchboard]);
  return (
    <WidgetProvider store={switchboard.store} commands={switchboard.commands} queryClient={switchboard.queryClient} options={switchboard.options}>
      {children}
    </WidgetProvider>
  );
}
