import { vi } from 'vitest';
import type { RtmClient } from '../RtmClient.js';
import { loginResponse, type FakeSocket, type fakeSocketFactory } from './FakeSocket.js';

/** Lets pending promises and zero-delay timers run (the tests use fake timers). */
export const settle = () => vi.advanceTimersByTimeAsync(0);

/** Connects `client` over the factory's next fake socket and answers its login; returns that socket. */
export async function connected(client: RtmClient, sockets: ReturnType<typeof fakeSocketFactory>): Promise<FakeSocket> {
  client.connect();
  const socket = sockets.last();
  socket.open();
  await settle();
  socket.respond('login', loginResponse());
  await settle();
  return socket;
}
