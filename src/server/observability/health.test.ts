import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { InProcessFanOut } from '../fanout/InProcessFanOut.js';
import { SqliteStore } from '../storage/sqlite/SqliteStore.js';
import { Readiness } from './readiness.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

describe('health endpoints', () => {
  describe('GET /healthz', () => {
    it('answers 200 without credentials while the process runs', async () => {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });
  });

  describe('GET /readyz', () => {
    it('answers 200 with every check ok once the node is assembled', async () => {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready', checks: { store: 'ok', fanout: 'ok' } });
    });

    it('answers 503 with status draining once a drain began, while /healthz stays 200', async () => {
      const other = await startTestServer();
      try {
        await other.built.drain();
        const res = await fetch(`${other.url}/readyz`);
        expect(res.status).toBe(503);
        expect(((await res.json()) as { status: string }).status).toBe('draining');
        expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
      } finally {
        await other.close();
      }
    });
  });
});

describe('Readiness', () => {
  describe('report()', () => {
    it('is not_ready and names the failing check when the store no longer answers', async () => {
      const store = new SqliteStore({ filename: ':memory:' });
      const fanOut = new InProcessFanOut();
      const readiness = new Readiness({ store: () => store.read(async (tx) => (await tx.getLicense(1), true)), fanout: () => fanOut.ready() });
      expect((await readiness.report()).status).toBe('starting');
      readiness.markReady();
      expect(await readiness.report()).toEqual({ status: 'ready', checks: { store: 'ok', fanout: 'ok' } });
      await store.close();
      expect(await readiness.report()).toEqual({ status: 'not_ready', checks: { store: 'failing', fanout: 'ok' } });
      await fanOut.close();
      expect((await readiness.report()).checks.fanout).toBe('failing');
    });

    it('stays draining once marked, whatever the checks say', async () => {
      const readiness = new Readiness({});
      readiness.markReady();
      readiness.markDraining();
      readiness.markReady();
      expect((await readiness.report()).status).toBe('draining');
    });
  });
});
