import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Only observability/ knows how metrics are exported; the others report through observer ports. */
const NO_METRICS_LIBRARY = ['prom-client', '../observability/*', '../../observability/*', '../../../observability/*'];

/**
 * Dependency rules of STYLE.md, one zone per folder: what each folder may not import. ESLint keeps
 * only the last matching setting of a rule, so a sub-folder's zone repeats its folder's patterns
 * (a file should match one zone only).
 * A pattern given as `{ group, types: true }` still allows `import type`.
 */
const up = (folder) => [`../${folder}/*`, `../../${folder}/*`, `../../../${folder}/*`];
const notWidget = up('widget');
const notConsole = up('console');
const frontEnd = [...up('server'), ...up('embed'), 'node:*'];
const zones = [
  { files: ['src/protocol/**'], patterns: ['../rtm/*', '../chat/*', '../ui/*', ...notWidget, ...frontEnd, ...notConsole, 'react', 'react-dom'] },
  { files: ['src/rtm/**'], patterns: ['../chat/*', '../ui/*', ...notWidget, ...frontEnd, ...notConsole, 'react'] },
  { files: ['src/chat/**'], patterns: [...up('ui'), ...notWidget, ...notConsole, ...frontEnd, 'react', 'react-dom', 'zustand', 'zustand/*'] },
  { files: ['src/ui/**'], patterns: [...up('rtm'), ...notWidget, ...notConsole, ...frontEnd, 'zustand', 'zustand/*', { group: up('protocol'), types: true }] },
  { files: ['src/server/domain/**'], patterns: ['../storage/*', '../fanout/*', '../cluster/*', '../api/*', '../webhooks/*', '../linkPreview/*', '../app.js', '../adapters.js', '../../storage/*', '../../fanout/*', '../../cluster/*', '../../api/*', '../../webhooks/*', '../../linkPreview/*', '../../app.js', '../../adapters.js', 'htmlparser2', 'ipaddr.js', 'node:dns', 'node:dns/promises', 'node:https', 'fastify', 'ws', 'better-sqlite3', 'node:http', 'ioredis', 'pg', 'prom-client', 'nodemailer', '../mail/*', '../../mail/*'] },
  // The link-preview adapter implements a domain port: no API surfaces, stores or webhooks.
  { files: ['src/server/linkPreview/**'], patterns: ['../api/*', '../storage/*', '../fanout/*', '../webhooks/*', '../observability/*', '../app.js', 'fastify'] },
  // mail/ adapts the domain's MailSender port to SMTP (the only folder that imports nodemailer); its tests use real servers.
  { files: ['src/server/mail/**'], ignores: ['**/*.test.ts'], patterns: ['../api/*', '../storage/*', '../fanout/*', '../webhooks/*', '../observability/*', '../app.js', 'fastify', 'prom-client'] },
  { files: ['src/server/storage/**', 'src/server/fanout/**', 'src/server/cluster/**'], patterns: ['../../api/*', '../../webhooks/*', '../api/*', '../webhooks/*', '../observability/*', '../../observability/*', 'prom-client'] },
  { files: ['src/server/api/transport/**'], patterns: ['../customer/*', '../agent/*', '../configuration/*', '../../storage/*', '../../fanout/*', '../../cluster/*', '../../adapters.js', ...NO_METRICS_LIBRARY] },
  { files: ['src/server/webhooks/**'], patterns: NO_METRICS_LIBRARY },
  // Observability watches through observer ports: it reads transport seams and the domain's ports, never adapters or surfaces.
  // Its tests may assemble real adapters to watch them.
  { files: ['src/server/observability/**'], ignores: ['**/*.test.ts'], patterns: ['../storage/*', '../fanout/*', '../cluster/*', '../adapters.js', '../webhooks/*', '../api/customer/*', '../api/agent/*', '../api/configuration/*', '../app.js'] },
  { files: ['src/server/api/customer/**'], patterns: ['../agent/*', '../configuration/*', '../../storage/*', '../../fanout/*', '../../cluster/*', '../../adapters.js', ...NO_METRICS_LIBRARY] },
  { files: ['src/server/api/agent/**'], patterns: ['../customer/*', '../configuration/*', '../../storage/*', '../../fanout/*', '../../cluster/*', '../../adapters.js', ...NO_METRICS_LIBRARY] },
  { files: ['src/server/api/configuration/**'], patterns: ['../customer/*', '../agent/*', '../../storage/*', '../../fanout/*', '../../cluster/*', '../../adapters.js', ...NO_METRICS_LIBRARY] },
  { files: ['src/server/api/browser/**'], patterns: ['../customer/*', '../agent/*', '../configuration/*', '../../storage/*', '../../fanout/*', '../../cluster/*', '../../adapters.js', ...NO_METRICS_LIBRARY] },
  // The coverage generator reads action tables, push names and the webhook registry as data: no adapters, no app.
  { files: ['scripts/coverage/**'], patterns: ['../../src/server/storage/*', '../../src/server/fanout/*', '../../src/server/webhooks/*', '../../src/server/app.js', 'fastify', 'better-sqlite3'] },
  { files: ['src/embed/**'], patterns: ['../widget/*', '../../widget/*', '../rtm/*', '../chat/*', '../ui/*', 'react', 'react-dom'] },
  { files: ['src/widget/**'], patterns: [...notConsole] },
  { files: ['src/widget/state/**', 'src/widget/history/**'], patterns: [...notConsole, '../views/*', '../../ui/*', 'react-dom'] },
  { files: ['src/widget/views/**'], patterns: [...notConsole, '../../rtm/*'] },
  // catalogs are data: no state, views, transport or React
  { files: ['src/widget/i18n/**'], patterns: [...notConsole, '../state/*', '../views/*', '../history/*', '../entries/*', '../../rtm/*', '../../ui/*', '../../chat/*', 'react', 'react-dom', 'zustand', 'zustand/*'] },
  { files: ['src/console/**'], patterns: [...notWidget] },
  { files: ['src/console/state/**'], patterns: [...notWidget, '../views/*', '../../ui/*', 'react', 'react-dom'] },
  // Views never talk to the server themselves; their tests may build an RtmError to play a refusal.
  { files: ['src/console/views/**', 'src/console/settings/**'], ignores: ['**/*.test.tsx'], patterns: [...notWidget, '../../rtm/*'] },
];

const restriction = (pattern) => typeof pattern === 'string'
  ? { group: [pattern], message: 'Crosses a dependency rule of STYLE.md.' }
  : { group: pattern.group, allowTypeImports: pattern.types, message: 'Crosses a dependency rule of STYLE.md (types only).' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'e2e/fixture-app/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The lc-sdk-js test harness hands tests the SDK's untyped push payloads.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'src/testing/lcSdk.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // the chat core runs wherever the stores run: no DOM (lib DOM comes with the web tsconfig it shares)
    files: ['src/chat/**'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'HTMLElement'] },
  },
  ...zones.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns: patterns.map(restriction) }] },
  })),
);
