import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Dependency rules of STYLE.md, one zone per folder: what each folder may not import. */
const zones = [
  { files: ['src/protocol/**'], patterns: ['../rtm/*', '../widget/*', '../server/*', '../embed/*', '../console/*', 'node:*', 'react', 'react-dom'] },
  { files: ['src/rtm/**'], patterns: ['../widget/*', '../server/*', '../embed/*', '../console/*', 'node:*', 'react'] },
  { files: ['src/server/domain/**'], patterns: ['../storage/*', '../fanout/*', '../api/*', '../webhooks/*', '../app.js', '../../storage/*', '../../fanout/*', '../../api/*', '../../webhooks/*', '../../app.js', 'fastify', 'ws', 'better-sqlite3', 'node:http', 'ioredis', 'pg'] },
  { files: ['src/server/storage/**', 'src/server/fanout/**'], patterns: ['../../api/*', '../../webhooks/*', '../api/*', '../webhooks/*'] },
  { files: ['src/server/api/customer/**'], patterns: ['../agent/*', '../configuration/*', '../../storage/*', '../../fanout/*'] },
  { files: ['src/server/api/agent/**'], patterns: ['../customer/*', '../configuration/*', '../../storage/*', '../../fanout/*'] },
  { files: ['src/server/api/configuration/**'], patterns: ['../customer/*', '../agent/*', '../../storage/*', '../../fanout/*'] },
  { files: ['src/server/api/browser/**'], patterns: ['../customer/*', '../agent/*', '../configuration/*', '../../storage/*', '../../fanout/*'] },
  { files: ['src/embed/**'], patterns: ['../widget/*', '../../widget/*', '../rtm/*', 'react', 'react-dom'] },
  // Widget and console share only src/ui and src/chat; the more specific widget zones below repeat this rule (a later zone replaces an earlier one).
  { files: ['src/widget/**'], patterns: ['../console/*', '../../console/*', '../../../console/*'] },
  { files: ['src/widget/state/**', 'src/widget/history/**'], patterns: ['../views/*', 'react-dom', '../../console/*'] },
  { files: ['src/widget/views/**'], patterns: ['../../rtm/*', '../../console/*'] },
  { files: ['src/ui/**'], patterns: ['../widget/*', '../console/*', '../server/*', '../embed/*', '../rtm/*', 'node:*'] },
  { files: ['src/console/**'], patterns: ['../widget/*', '../../widget/*', '../../../widget/*'] },
];

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
  ...zones.map(({ files, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message: 'Crosses a dependency rule of STYLE.md.' })) }] },
  })),
);
