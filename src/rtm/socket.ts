/**
 * The socket port the RTM client owns. Browsers pass the global `WebSocket`, Node tests pass the
 * `ws` package; both already satisfy this shape, so adapters are one-line casts.
 */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** Opens a socket to `url`. Called once per connection attempt. */
export type SocketFactory = (url: string) => SocketLike;

/** WebSocket ready states (the numeric values are the same in browsers and `ws`). */
export const SOCKET_STATE = { connecting: 0, open: 1, closing: 2, closed: 3 } as const;

/**
 * The browser adapter: the global `WebSocket` constructor.
 * @example new RtmClient({ socketFactory: browserSocketFactory, ... })
 */
export const browserSocketFactory: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;
