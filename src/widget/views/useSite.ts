import { useQuery } from '@tanstack/react-query';
import type { SiteSettings } from '../state/siteSettings.js';
import { useCommands, useWidget, useWidgetOptions } from './WidgetContext.js';

const NO_SETTINGS: SiteSettings = {};

/**
 * The site's look and words: what the page set (embed attributes, lib props) wins over the
 * license's widget settings, loaded once per instance after the first login.
 */
export function useSite(): SiteSettings {
  const commands = useCommands();
  const options = useWidgetOptions();
  const ready = useWidget((state) => state.customer !== undefined);
  const { data = NO_SETTINGS } = useQuery({ queryKey: ['switchboard', 'site-settings'], queryFn: () => commands.loadSiteSettings(), enabled: ready, staleTime: Infinity, retry: 1 });
  return {
    ...data,
    ...(options.siteName ? { name: options.siteName } : {}),
    ...(options.logoUrl ? { logoUrl: options.logoUrl } : {}),
    ...(options.brandColor ? { brandColor: options.brandColor } : {}),
  };
}
