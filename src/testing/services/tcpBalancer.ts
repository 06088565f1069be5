import { connect, createServer, type Socket } from 'node:net';

export interface TcpBalancer {
  url: string;
  wsUrl: string;
  /** The nodes' ports new connections may go to (an operator adding or removing a node). */
  setBackends(ports: readonly number[]): void;
  close(): Promise<void>;
}

/**
 * The load balancer in front of the nodes, as a test needs it (what nginx or HAProxy do in TCP
 * mode): each new connection goes to the next node, round-robin, and to the one after when a node
 * refuses the connection (it was killed). An open connection stays on its node until either side
 * closes it.
 */
export async function startTcpBalancer(initial: readonly number[]): Promise<TcpBalancer> {
  let backends = [...initial];
  let next = 0;
  const open = new Set<Socket>();

  const forward = (client: Socket, tried: number): void => {
    if (tried >= backends.length) {
      client.destroy();
      return;
    }
    const port = backends[next++ % backends.length]!;
    const upstream = connect(port, '127.0.0.1');
    open.add(upstream);
    let connected = false;
    upstream.on('error', () => {
      if (!connected) forward(client, tried + 1);
      else client.destroy();
    });
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
    upstream.once('close', () => open.delete(upstream));
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.on('error', () => client.destroy());
    client.once('close', () => open.delete(client));
    forward(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    setBackends(ports) { backends = [...ports]; },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
