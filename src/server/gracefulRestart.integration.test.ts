import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import type { CustomerPushes } from '../protocol/customer.js';
import type { ChatEvent } from '../protocol/entities.js';
import { CookieIdentityProvider } from '../rtm/identity.js';
import { fetchMissedThreads } from '../rtm/resync.js';
import { RtmClient, type ConnectionState } from '../rtm/RtmClient.js';
import type { SocketLike } from '../rtm/socket.js';
import { memoryStorage } from '../rtm/storage.js';
import type { Credentials } from './bootstrap.js';

/** `npm start` without the front-end build: the server process itself, as a process manager runs it. */
interface NodeProcess { child: ChildProcess; port: number; exited: Promise<number | null> }

function startNode(dataDir: string, port: number): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SWITCHBOARD_BOT: 'off', LOG_LEVEL: 'warn', DRAIN_TIMEOUT_MS: '10000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /API base: http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (m) resolve({ child, port: Number(m[1]), exited });
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${output}`)));
  });
}

function until(check: () => boolean, label: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${label}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-drain-'));
const running: NodeProcess[] = [];
afterAll(async () => {
  for (const node of running) if (node.child.exitCode === null) { node.child.kill('SIGKILL'); await node.exited; }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('server process', () => {
  describe('SIGTERM under a stream of send_event (#18)', () => {
    it('exits 0 after answering what it acknowledged; after a restart on the same DATA_DIR the client reconnects and resyncs with no gap and no duplicate', async () => {
      let node = await startNode(dataDir, 0);
      running.push(node);
      const port = node.port;
      const url = `http://127.0.0.1:${port}`;
      const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as Credentials;
      const storage = memoryStorage();
      const client = new RtmClient({
        url: `ws://127.0.0.1:${port}/v3.5/customer/rtm/ws?organization_id=${credentials.organization_id}`,
        socketFactory: (address) => new WebSocket(address) as unknown as SocketLike,
        identity: new CookieIdentityProvider({ apiUrl: url, organizationId: credentials.organization_id, clientId: 'switchboard-widget', storage }),
        reconnect: { minDelayMs: 200, maxDelayMs: 1000 },
      });
      const live = new Map<string, ChatEvent>();
      client.onPush('incoming_event', (payload: CustomerPushes['incoming_event']) => { live.set(payload.event.id, payload.event); });
      const states: ConnectionState[] = [];
      client.onStateChange((state) => states.push(state));
      let logins = 0;
      client.onLogin(() => { logins += 1; });
      client.connect();
      await until(() => client.state === 'connected', 'first login');

      // Nobody accepts chats on a fresh server; a continuous chat needs no agent.
      const { chat_id: chatId, thread_id: threadId } = await client.request('start_chat', { continuous: true, chat: { thread: { events: [{ type: 'message', text: 'opening' }] } } });
      const acknowledged = new Map<string, string>();
      let sent = 0;
      let terminated: number | undefined;
      // Four senders, each sending as soon as its last send was answered, until the connection goes.
      const sender = async () => {
        for (;;) {
          const text = `m${sent++}`;
          try {
            const { event_id } = await client.request('send_event', { chat_id: chatId, event: { type: 'message', text, custom_id: text } });
            acknowledged.set(event_id, text);
            if (acknowledged.size === 40 && terminated === undefined) {
              terminated = Date.now();
              node.child.kill('SIGTERM');
            }
          } catch {
            return;
          }
        }
      };
      await Promise.all([sender(), sender(), sender(), sender()]);
      expect(await node.exited).toBe(0);
      expect(Date.now() - terminated!).toBeLessThan(10_000);
      expect(acknowledged.size).toBeGreaterThanOrEqual(40);
      expect(states).toContain('reconnecting');
      expect(states).not.toContain('disconnected');

      const loginsBefore = logins;
      node = await startNode(dataDir, port);
      running.push(node);
      await until(() => logins > loginsBefore && client.state === 'connected', 'login after restart');

      const { threads } = await fetchMissedThreads(client, chatId, new Set([threadId]));
      const known = new Map(live);
      for (const thread of threads) for (const event of thread.events) known.set(event.id, event);
      const { threads: all } = await client.request('list_threads', { chat_id: chatId, sort_order: 'asc', limit: 100 });
      const stored = all.flatMap((thread) => thread.events);
      // No duplicates: one stored event per id, and per custom_id.
      expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
      const messages = stored.filter((e): e is Extract<ChatEvent, { type: 'message' }> => e.type === 'message');
      expect(new Set(messages.map((e) => e.custom_id ?? e.id)).size).toBe(messages.length);
      // Every acknowledged event is there, with its text; nothing refused was half-done.
      for (const [id, text] of acknowledged) expect(messages.find((e) => e.id === id)?.text).toBe(text);
      expect(messages.map((e) => e.text).sort()).toEqual(['opening', ...acknowledged.values()].sort());
      // No gap: live pushes plus the resync hold exactly what the server has.
      expect([...known.keys()].sort()).toEqual(stored.map((e) => e.id).sort());

      client.dispose();
      node.child.kill('SIGTERM');
      expect(await node.exited).toBe(0);
    }, 60_000);
  });
});
