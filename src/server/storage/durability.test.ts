import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `npm start`'s server process, on a temp data folder. */
async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', SWITCHBOARD_BOT: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => { out += d; if (out.includes('API base')) resolve(); });
    child.stderr!.on('data', (d) => { out += d; });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return child;
}

async function web(base: string, org: string, token: string, action: string, payload: unknown) {
  const res = await fetch(`${base}/v3.5/customer/action/${action}?organization_id=${org}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(payload) });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${action}: ${JSON.stringify(body)}`);
  return body as Record<string, any>;
}

describe('SQLite durability', () => {
  it('keeps every acknowledged chat, thread, event and property, with the same ids, after kill -9', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-kill-'));
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let child = await startProcess(dataDir, port);
    const { organization_id: org } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8'));
    const t = await (await fetch(`${base}/v2/customer/token`, { method: 'POST', body: JSON.stringify({ grant_type: 'cookie', organization_id: org, client_id: 'x' }) })).json() as { access_token: string; refresh_token: string; entity_id: string };

    // continuous: the chat starts and waits even though nobody accepts chats.
    const started = await web(base, org, t.access_token, 'start_chat', { continuous: true, chat: { properties: { switchboard: { topic: 'durable' } } } });
    const acked: string[] = [];
    for (let i = 0; i < 25; i++) acked.push((await web(base, org, t.access_token, 'send_event', { chat_id: started.chat_id, event: { type: 'message', text: `m${i}`, custom_id: `k${i}` } })).event_id);
    await web(base, org, t.access_token, 'update_thread_properties', { chat_id: started.chat_id, thread_id: started.thread_id, properties: { rating: { score: 1 } } });
    await web(base, org, t.access_token, 'deactivate_chat', { id: started.chat_id });
    const resumed = await web(base, org, t.access_token, 'resume_chat', { continuous: true, chat: { id: started.chat_id } });
    const last = await web(base, org, t.access_token, 'send_event', { chat_id: started.chat_id, event: { type: 'message', text: 'after resume' } });

    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    child = await startProcess(dataDir, port);

    const again = await (await fetch(`${base}/v2/customer/token`, { method: 'POST', body: JSON.stringify({ grant_type: 'cookie', organization_id: org, refresh_token: t.refresh_token }) })).json() as { access_token: string; entity_id: string };
    expect(again.entity_id).toBe(t.entity_id);
    const threads = await web(base, org, again.access_token, 'list_threads', { chat_id: started.chat_id, sort_order: 'asc' });
    expect(threads.threads.map((th: { id: string }) => th.id)).toEqual([started.thread_id, resumed.thread_id]);
    const firstEvents = threads.threads[0].events.filter((e: { type: string }) => e.type === 'message').map((e: { id: string }) => e.id);
    expect(firstEvents).toEqual(acked);
    expect(threads.threads[0].properties.rating).toEqual({ score: 1 });
    expect(threads.threads[1].events.map((e: { id: string }) => e.id)).toContain(last.event_id);
    const chat = await web(base, org, again.access_token, 'get_chat', { chat_id: started.chat_id });
    expect(chat.properties.switchboard.topic).toBe('durable');
    // A retry of an acknowledged send after the crash is still idempotent.
    const retry = await web(base, org, again.access_token, 'send_event', { chat_id: started.chat_id, attach_to_last_thread: true, event: { type: 'message', text: 'm3', custom_id: 'k3' } });
    expect(retry.event_id).toBe(acked[3]);

    // A clean SIGTERM exits 0.
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
