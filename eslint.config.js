import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Dependency rules of STYLE.md, one zone per folder: what each folder may not import. */
const zones = [
  { files: ['src/protocol/**'], patterns: ['../rtm/*', '../widget/*', '../server/*', '../embed/*', '../console/*', 'node:*', 'react', 'react-dom'] },
  { files: ['src/rtm/**'], patterns: ['../widget/*', '../server/*', '../embed/*', '../console/*', 'node:*', 'react'] },
  { files: ['src/server/domain/**'], patterns: ['../storage/*', '../fanout/*', '../cluster/*', '../api/*', '../webhooks/*', '../app.js', '../../storage/*', '../../fanout/*', '../../cluster/*', '../../api/*', '../../webhooks/*', '../../app.js', 'fastify', 'ws', 'better-sqlite3', 'node:http', 'ioredis', 'pg'] },
  { files: ['src/server/storage/**', 'src/server/fanout/**', 'src/server/cluster/**'], patterns: ['../../api/*', '../../webhooks/*', '../api/*', '../webhooks/*'] },
  { files: ['src/server/api/customer/**'], patterns: ['../agent/*', '../configuration/*', '../../storage/*', '../../fanout/*', '../../cluster/*'] },
  { files: ['src/server/api/agent/**'], patterns: ['../customer/*', '../configuration/*', '../../storage/*', '../../fanout/*', '../../cluster/*'] },
  { files: ['src/server/api/configuration/**'], patterns: ['../customer/*', '../agent/*', '../../storage/*', '../../fanout/*', '../../cluster/*'] },
  { files: ['src/embed/**'], patterns: ['../widget/*', '../../widget/*', '../rtm/*', 'react', 'react-dom'] },
  { files: ['src/widget/state/**', 'src/widget/history/**'], patterns: ['../views/*', 'react-dom'] },
  { files: ['src/widget/views/**'], patterns: ['../../rtm/*'] },
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
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...zones.map(({ files, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message: 'Crosses a dependency rule of STYLE.md.' })) }] },
  })),
);
