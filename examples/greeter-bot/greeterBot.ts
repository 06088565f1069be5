/**
 * The greeter bot: a reference for writing Switchboard (LiveChat v3.5) bots with nothing but the
 * public APIs. It
 *  1. finds or creates its bot agent            (Configuration API: list_bots / create_bot),
 *  2. registers `bot` webhooks to its receiver  (Configuration API: register_webhook),
 *  3. sets the bot `accepting_chats`            (Agent Chat API: set_routing_status with agent_id),
 *  4. answers webhooks by posting as the bot    (Agent Chat API: send_event with X-Author-Id).
 * It imports nothing from the server: copy this folder and point it at any Switchboard server.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { replyTo, FALLBACK, GREETING, MISSES_BEFORE_HANDOFF, QUICK_REPLIES, type Reply } from './replies.js';

export interface GreeterOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8080`. */
  apiUrl: string;
  /** Credentials of an agent allowed to configure (the owner in credentials.json). */
  agentId: string;
  personalAccessToken: string;
  /** The client id that owns the bot and its webhooks. */
  ownerClientId?: string;
  botName?: string;
  /** Where the webhook receiver listens; the server must reach it. */
  host?: string;
  port?: number;
  /** Progress messages (start, webhook URL). */
  log?: (message: string) => void;
  /** A webhook the bot failed to act on; defaults to console.error. */
  onError?: (err: unknown) => void;
}

export interface GreeterBot {
  botId: string;
  receiverUrl: string;
  /** Takes the bot offline, removes its webhooks and closes the receiver. Idempotent. */
  stop(): Promise<void>;
}

interface Webhook {
  webhook_id: string;
  secret_key: string;
  action: string;
  payload: {
    chat?: { id: string; users: { id: string }[] };
    chat_id?: string;
    event?: { type: string; text?: string; author_id?: string };
  };
}

export class ApiError extends Error {
  constructor(readonly action: string, readonly status: number, readonly type: string | undefined, message: string) {
    super(`${action}: ${status} ${type ?? ''} ${message}`);
  }
}

/** Starts the greeter and resolves once it accepts chats. */
export async function startGreeterBot(options: GreeterOptions): Promise<GreeterBot> {
  const owner = options.ownerClientId ?? 'switchboard-greeter';
  const name = options.botName ?? 'Greeter';
  const log = options.log ?? (() => undefined);
  const onError = options.onError ?? ((err: unknown) => console.error(`greeter: ${String(err)}`));
  const auth = `Basic ${Buffer.from(`${options.agentId}:${options.personalAccessToken}`).toString('base64')}`;
  const secret = randomBytes(24).toString('hex');

  const call = async <T>(api: 'configuration' | 'agent', action: string, payload: unknown, authorId?: string): Promise<T> => {
    const res = await fetch(`${options.apiUrl}/v3.5/${api}/action/${action}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', ...(authorId ? { 'x-author-id': authorId } : {}) },
      body: JSON.stringify(payload),
    });
    const body = (await res.json().catch(() => ({}))) as T & { error?: { type: string; message: string } };
    if (!res.ok) throw new ApiError(action, res.status, body.error?.type, body.error?.message ?? '');
    return body;
  };

  // 1. The bot: reuse the one this client created on an earlier run.
  const bots = await call<{ id: string; name: string }[]>('configuration', 'list_bots', { owner_client_id: owner });
  const botId = bots.find((b) => b.name === name)?.id
    ?? (await call<{ id: string }>('configuration', 'create_bot', { name, owner_client_id: owner, max_chats_count: 50, job_title: 'Virtual assistant', groups: [{ id: 0, priority: 'first' }] })).id;

  /** Unanswered messages in a row, per chat; the bot hands off when it cannot help. */
  const misses = new Map<string, number>();
  const send = (chatId: string, reply: Reply) => call('agent', 'send_event', { chat_id: chatId, event: reply }, botId);

  async function handle(hook: Webhook): Promise<void> {
    if (hook.action === 'incoming_chat' && hook.payload.chat?.users.some((u) => u.id === botId)) {
      await send(hook.payload.chat.id, GREETING);
      await send(hook.payload.chat.id, QUICK_REPLIES);
      return;
    }
    const event = hook.payload.event;
    if (hook.action !== 'incoming_event' || !hook.payload.chat_id || event?.type !== 'message' || event.author_id === botId) return;
    const chatId = hook.payload.chat_id;
    const reply = replyTo(event.text ?? '');
    const missed = reply === FALLBACK ? (misses.get(chatId) ?? 0) + 1 : 0;
    if (missed > 0 && missed < MISSES_BEFORE_HANDOFF) misses.set(chatId, missed);
    else misses.delete(chatId);
    if (reply === 'handoff' || missed >= MISSES_BEFORE_HANDOFF) {
      await handOff(chatId);
      return;
    }
    await send(chatId, reply);
  }

  /**
   * To a person who can take the chat now; with nobody free, into the queue (the transfer with
   * `ignore_agents_availability`), where routing gives it to the first agent who starts accepting.
   */
  async function handOff(chatId: string): Promise<void> {
    await send(chatId, { type: 'message', text: 'Connecting you to a human…' });
    try {
      await call('agent', 'transfer_chat', { id: chatId, target: { type: 'group', ids: [0] } }, botId);
    } catch (err) {
      if (!(err instanceof ApiError) || err.type !== 'group_unavailable') throw err;
      await send(chatId, { type: 'message', text: 'Nobody is free right now, so you are in the queue. Stay here: the first person available will answer.' });
      await call('agent', 'transfer_chat', { id: chatId, target: { type: 'group', ids: [0] }, ignore_agents_availability: true }, botId);
    }
  }

  // 2. The receiver: answer at once, work afterwards (the server waits at most ~10 s for a 2xx).
  const receiver: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let hook: Webhook;
      try {
        hook = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Webhook;
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (hook.secret_key !== secret) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200).end();
      handle(hook).catch(onError);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = receiver.address() as AddressInfo;
  const receiverUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}/webhooks`;

  // 3. Webhooks: drop what an earlier run left (its receiver is gone), then register ours.
  for (const old of await call<{ id: string }[]>('configuration', 'list_webhooks', { owner_client_id: owner })) {
    await call('configuration', 'unregister_webhook', { id: old.id, owner_client_id: owner });
  }
  const hookIds: string[] = [];
  for (const [action, filters] of [['incoming_chat', { chat_presence: { my_bots: true } }], ['incoming_event', { author_type: 'customer', chat_presence: { my_bots: true } }]] as const) {
    const { id } = await call<{ id: string }>('configuration', 'register_webhook', { action, url: receiverUrl, secret_key: secret, type: 'bot', owner_client_id: owner, filters });
    hookIds.push(id);
  }

  // 4. Ready: routing may assign chats to the bot now.
  await call('agent', 'set_routing_status', { status: 'accepting_chats', agent_id: botId });
  log(`greeter: bot ${botId} accepts chats; webhooks to ${receiverUrl}`);

  let stopped = false;
  return {
    botId,
    receiverUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await call('agent', 'set_routing_status', { status: 'offline', agent_id: botId });
        for (const id of hookIds) await call('configuration', 'unregister_webhook', { id, owner_client_id: owner });
      } finally {
        receiver.closeAllConnections();
        await new Promise<void>((resolve) => receiver.close(() => resolve()));
      }
    },
  };
}
