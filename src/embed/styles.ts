/*
 * CSS of the embed, adopted by its shadow root as constructed stylesheets, so a CSP without
 * `style-src 'unsafe-inline'` does not block them. `:host` rules are `!important`: inside a
 * shadow tree, important rules beat the host page's important rules on the host element.
 * NOTE: terse on purpose; the loader's budget is 1.5 KB gzip.
 */

/** The launcher (in the loader): a round button with a CSS-drawn speech bubble, and the badge. */
export const launcherCss =
  ':host{all:initial!important;position:fixed!important;inset:auto 16px 16px auto!important;z-index:2147483000!important}' +
  'button{display:block;position:relative;width:56px;height:56px;border:0;border-radius:50%;color:#fff;background:#1f5fd1;box-shadow:0 4px 16px #0004;cursor:pointer}' +
  '.l:before,.l:after{content:"";position:absolute;left:15px;top:17px}.l:before{width:26px;height:19px;border-radius:5px;background:#fff}' +
  '.l:after{left:19px;top:32px;border:5px solid;border-color:#fff #0000 #0000 #fff}' +
  'span{position:absolute;top:-4px;right:-4px;padding:0 7px;border-radius:11px;background:#c8102e;font:700 12px/22px sans-serif}' +
  'span:empty{display:none}';

/** The panel (loaded with the iframe): a card above the launcher, the full screen on phones. */
export const panelCss =
  '.p{position:absolute;right:0;bottom:72px;width:400px;height:min(640px,100vh - 104px);display:flex;flex-direction:column;border-radius:12px;overflow:hidden;' +
  'background:#1f5fd1;box-shadow:0 8px 32px #0004;opacity:0;visibility:hidden;transform:translateY(16px);transition:opacity .2s,transform .2s,visibility 0s .2s}' +
  // visible at once when opening (so focus can move in), hidden only after the fade when closing
  '.o .p{opacity:1;visibility:visible;transform:none;transition:opacity .2s,transform .2s}' +
  '.h{display:flex;justify-content:space-between;align-items:center;padding:4px 4px 4px 16px;color:#fff;font:600 16px system-ui,sans-serif}' +
  '.h button{width:40px;height:40px;box-shadow:none;font-size:28px}' +
  'iframe{flex:1;border:0;background:#fff}' +
  '@media (max-width:640px){.p{position:fixed;inset:0;width:auto;height:auto;border-radius:0}.o .l{display:none}}' +
  '@media (prefers-reduced-motion:reduce){.p{transition:none}}';

/**
 * Adds a constructed stylesheet to a shadow root (every evergreen browser since 2023; a CSP
 * without `'unsafe-inline'` blocks a `<style>` element, but not this).
 */
export function adopt(root: ShadowRoot, css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
