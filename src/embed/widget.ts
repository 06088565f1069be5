/**
 * The script-tag entry (`/widget.js`): the loader only. It never imports the widget; the panel
 * module comes from our host on demand.
 * @example
 * <script src="https://chat.example.com/widget.js" data-organization-id="…" async></script>
 */
import { boot, type ImportPanel, type LoaderGlobal } from './boot.js';

boot(
  window as Window & LoaderGlobal,
  // NOTE: set for a classic script (sync, async or defer) while it runs; null only for type="module"
  document.currentScript as HTMLScriptElement | null,
  ((url) => import(/* @vite-ignore */ url)) as ImportPanel,
);
