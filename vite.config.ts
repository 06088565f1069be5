import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/**
 * Build modes (`vite build --mode <mode>`):
 * - `page`  → dist/page: the standalone full-page widget (index.html), served at `/`.
 * - `frame` → dist/frame: the same app for the embed iframe, served at `/frame/`.
 * - `lib`   → dist/lib: the npm library (ChatWidget + provider/hooks), React external.
 * `vite` (dev) serves the page; point it at a running server with `?api_url=http://127.0.0.1:8080`.
 */
const root = import.meta.dirname;

/**
 * NOTE: the widget pages name no modulepreload link in their HTML (one entry chunk), and Vite's
 * dynamic-import helper falls back to `rel=preload` where modulepreload is unsupported, so the
 * modulepreload polyfill would be dead weight in the first screen (size budget, issue 15).
 */
const noPreloadPolyfill = { polyfill: false } as const;

const modes: Record<string, () => UserConfig> = {
  page: () => ({
    base: '/',
    build: { outDir: resolve(root, 'dist/page'), emptyOutDir: true, modulePreload: noPreloadPolyfill, rolldownOptions: { input: resolve(root, 'index.html') } },
  }),
  frame: () => ({
    root: resolve(root, 'src/widget/entries/frame'),
    base: '/frame/',
    publicDir: false,
    build: { outDir: resolve(root, 'dist/frame'), emptyOutDir: true, modulePreload: noPreloadPolyfill, rolldownOptions: { input: resolve(root, 'src/widget/entries/frame/index.html') } },
  }),
  // `console` → dist/console: the agent console (src/console/index.html), served at `/console/`.
  console: () => ({
    root: resolve(root, 'src/console'),
    base: '/console/',
    publicDir: false,
    build: { outDir: resolve(root, 'dist/console'), emptyOutDir: true, rolldownOptions: { input: resolve(root, 'src/console/index.html') } },
  }),
  lib: () => ({
    publicDir: false,
    build: {
      outDir: resolve(root, 'dist/lib'),
      emptyOutDir: true,
      sourcemap: true,
      lib: { entry: resolve(root, 'src/widget/entries/lib.ts'), formats: ['es'], fileName: 'switchboard', cssFileName: 'switchboard' },
      rolldownOptions: { external: ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'] },
    },
  }),
  // `bench` → dist/bench: the widget and console bench scenarios and their plain-DOM baseline (npm run bench).
  bench: () => ({
    root: resolve(root, 'bench/widget'),
    base: './',
    publicDir: false,
    build: {
      outDir: resolve(root, 'dist/bench'),
      emptyOutDir: true,
      rolldownOptions: { input: { scenario: resolve(root, 'bench/widget/scenario.html'), plain: resolve(root, 'bench/widget/plain.html'), console: resolve(root, 'bench/widget/consoleScenario.html') } },
    },
  }),
  // `embed` then `embed-panel` → dist/embed: the script-tag loader (one IIFE, ≤ 1.5 KB gzip) and the panel module it imports on demand.
  embed: () => ({
    publicDir: false,
    build: { outDir: resolve(root, 'dist/embed'), emptyOutDir: true, target: 'es2020', lib: { entry: resolve(root, 'src/embed/widget.ts'), formats: ['iife'], name: 'SwitchboardLoader', fileName: () => 'widget.js' } },
  }),
  'embed-panel': () => ({
    publicDir: false,
    build: { outDir: resolve(root, 'dist/embed'), emptyOutDir: false, target: 'es2020', lib: { entry: resolve(root, 'src/embed/panel.ts'), formats: ['es'], fileName: () => 'panel.js' } },
  }),
};

export default defineConfig(({ mode }) => {
  const pick = modes[mode] ?? (mode === 'development' || mode === 'production' ? modes.page : undefined);
  if (!pick) throw new Error(`vite.config.ts: unknown mode "${mode}" (use page, frame, lib, bench, embed or embed-panel)`);
  return { plugins: [react()], ...pick() };
});
