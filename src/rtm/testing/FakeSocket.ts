import type { RequestFrame } from '../../protocol/frames.js';
import { SOCKET_STATE, type SocketFactory, type SocketLike } from '../socket.js';

/**
 * In-memory `SocketLike` for unit tests: records what the client sends and lets the test play
 * the server (open, respond, push, close) synchronously, without a network or sleeps.
 */
export class FakeSocket implements SocketLike {
  readyState: number = SOCKET_STATE.connecting;
  readonly url: string;
  readonly sent: RequestFrame[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(url: string) {
    this.url = url;
  }

  send(data: string): void {
    if (this.readyState !== SOCKET_STATE.open) throw new Error('socket not open');
    this.sent.push(JSON.parse(data) as RequestFrame);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === SOCKET_STATE.closed) return;
    this.readyState = SOCKET_STATE.closed;
    this.onclose?.({ code, reason });
  }

  /** Server side: accept the connection. */
  open(): void {
    this.readyState = SOCKET_STATE.open;
    this.onopen?.({});
  }

  /** Server side: the last request of `action` (throws when there is none). */
  lastRequest(action: string): RequestFrame {
    const frame = [...this.sent].reverse().find((candidate) => candidate.action === action);
    if (!frame) throw new Error(`no ${action} request sent; sent: ${this.sent.map((f) => f.action).join(', ')}`);
    return frame;
  }

  requests(action: string): RequestFrame[] {
    return this.sent.filter((frame) => frame.action === action);
  }

  /** Server side: answer the last `action` request with success. */
  respond(action: string, payload: unknown = {}, frame = this.lastRequest(action)): void {
    this.receive({ request_id: frame.request_id, action, type: 'response', success: true, payload });
  }

  /** Server side: answer the last `action` request with an error of the catalog. */
  fail(action: string, type: string, frame = this.lastRequest(action)): void {
    this.receive({ request_id: frame.request_id, action, type: 'response', success: false, payload: { error: { type, message: type } } });
  }

  push(action: string, payload: unknown, requestId?: string): void {
    this.receive({ version: '3.5', action, type: 'push', payload, ...(requestId ? { request_id: requestId } : {}) });
  }

  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** Server side: drop the connection. */
  serverClose(code = 1006): void {
    this.close(code, 'server closed');
  }
}

/** A factory that records every socket it opens. */
export function fakeSocketFactory(): SocketFactory & { sockets: FakeSocket[]; last(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  const factory = ((url: string) => {
    const socket = new FakeSocket(url);
    sockets.push(socket);
    return socket;
  }) as unknown as SocketFactory & { sockets: FakeSocket[]; last(): FakeSocket };
  factory.sockets = sockets;
  factory.last = () => {
    const socket = sockets[sockets.length - 1];
    if (!socket) throw new Error('no socket opened');
    return socket;
  };
  return factory;
}

/** A login response as the server sends it. */
export function loginResponse(customerId = 'c-1', chats: { chat_id: string; has_unread_events: boolean; has_active_thread: boolean }[] = []) {
  return {
    customer: { id: customerId, type: 'customer', statistics: { chats_count: chats.length, threads_count: 0, visits_count: 1, page_views_count: 0, greetings_shown_count: 0, greetings_accepted_count: 0 } },
    has_active_thread: chats.some((chat) => chat.has_active_thread),
    chats,
    __priv_dynamic_config: { online_groups_ids: [0] },
  };
}
