import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';

describe('loadConfig', () => {
  describe('DATABASE_URL', () => {
    it('selects the PostgreSQL store for a postgres:// or postgresql:// URL (#12)', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://u@db/switchboard' })).toMatchObject({ storage: 'postgres', databaseUrl: 'postgres://u@db/switchboard' });
      expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/switchboard' }).storage).toBe('postgres');
      expect(loadConfig({}).storage).toBe('sqlite');
    });

    it('refuses any other URL with a message naming the variable', () => {
      expect(() => loadConfig({ DATABASE_URL: 'mysql://u@db/switchboard' })).toThrow(/DATABASE_URL/);
    });
  });
});

describe('buildApp', () => {
  describe('storage', () => {
    it('throws on a storage it does not know', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
      try {
        const config = { ...loadConfig({ DATA_DIR: dir }), storage: 'mongo' } as unknown as Config;
        await expect(buildApp(config)).rejects.toThrow('Unknown storage mongo');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
