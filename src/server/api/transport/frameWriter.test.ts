import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { objectFrame, pushFrame } from './frameBytes.js';
import { FrameWriter } from './frameWriter.js';

/** A real loopback WebSocket pair; the server side comes with the TCP socket under it. */
async function pair(): Promise<{ writer: FrameWriter; socket: Duplex & { writableCorked: number }; client: WebSocket; received: string[]; close(): Promise<void> }> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const accepted = new Promise<{ ws: WebSocket; socket: Duplex }>((resolve) => {
    http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => resolve({ ws, socket })));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: string[] = [];
  client.on('message', (data, isBinary) => received.push(isBinary ? `binary:${String(data)}` : String(data)));
  await new Promise((resolve) => client.once('open', resolve));
  const { ws, socket } = await accepted;
  return {
    writer: new FrameWriter(ws, socket), socket: socket as Duplex & { writableCorked: number }, client, received,
    async close() { client.close(); wss.close(); await new Promise((resolve) => http.close(resolve)); },
  };
}

const until = async (ok: () => boolean) => { while (!ok()) await new Promise((resolve) => setTimeout(resolve, 5)); };

describe('FrameWriter', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  describe('send()', () => {
    it('holds the frames of one turn in the corked socket and sends each as its own message when the turn ends (#16)', async () => {
      const p = await pair();
      close = p.close;
      p.writer.send(objectFrame({ n: 1 }));
      await Promise.resolve();
      p.writer.send(objectFrame({ n: 2 }));
      expect(p.socket.writableCorked).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(p.socket.writableCorked).toBe(0);
      p.writer.send(objectFrame({ n: 3 }));
      await until(() => p.received.length === 3);
      expect(p.received).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    });

    it('uncorks every writer corked in a turn when that turn ends, one sent before the other (#16)', async () => {
      const a = await pair();
      const b = await pair();
      close = async () => { await a.close(); await b.close(); };
      a.writer.send(objectFrame({ to: 'a' }));
      await Promise.resolve();
      b.writer.send(objectFrame({ to: 'b' }));
      expect([a.socket.writableCorked, b.socket.writableCorked]).toEqual([1, 1]);
      await new Promise((resolve) => setImmediate(resolve));
      expect([a.socket.writableCorked, b.socket.writableCorked]).toEqual([0, 0]);
      await until(() => a.received.length === 1 && b.received.length === 1);
      expect([a.received, b.received]).toEqual([['{"to":"a"}'], ['{"to":"b"}']]);
    });

    it('writes a whole text frame as it is, so one encoded frame can go to several sockets (#16)', async () => {
      const a = await pair();
      const b = await pair();
      close = async () => { await a.close(); await b.close(); };
      const frame = pushFrame('3.5', 'incoming_chat', JSON.stringify({ text: 'Grüße' }));
      a.writer.send(frame);
      b.writer.send(frame);
      await until(() => a.received.length === 1 && b.received.length === 1);
      expect([a.received[0], b.received[0]]).toEqual([`{"version":"3.5","action":"incoming_chat","type":"push","payload":{"text":"Grüße"}}`, `{"version":"3.5","action":"incoming_chat","type":"push","payload":{"text":"Grüße"}}`]);
    });

    it('writes frames that a ws client reads whole, whatever the header form of their length (#16)', async () => {
      const p = await pair();
      close = p.close;
      const texts = [0, 1, 123, 124, 65_533, 65_534, 70_000].map((n) => 'y'.repeat(n));
      for (const text of texts) p.writer.send(objectFrame(text));
      await until(() => p.received.length === texts.length);
      expect(p.received).toEqual(texts.map((t) => JSON.stringify(t)));
    });

    it('sends nothing once the socket is closing', async () => {
      const p = await pair();
      close = p.close;
      p.client.close();
      await until(() => !p.writer.open);
      expect(p.writer.send(objectFrame({ late: true }))).toBe(false);
    });
  });
});
