import { get } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';

export interface TcpBalancer {
  url: string;
  wsUrl: string;
  /** The nodes' ports new connections may go to (an operator adding or removing a node). */
  setBackends(ports: readonly number[]): void;
  /** How many client connections each backend port was given so far. */
  readonly served: ReadonlyMap<number, number>;
  close(): Promise<void>;
}

export interface TcpBalancerOptions {
  /** Period of the `/readyz` health check of every backend. */
  healthCheckMs?: number;
}

/**
 * The load balancer in front of the nodes, as a test needs it (what nginx or HAProxy do in TCP
 * mode with health checks): each new connection goes to the next node, round-robin, among those
 * whose last `GET /readyz` answered 200 (a draining or starting node answers 503), and to the one
 * after when a node refuses the connection (it was killed since its last check). An open
 * connection stays on its node until either side closes it.
 */
export async function startTcpBalancer(initial: readonly number[], options: TcpBalancerOptions = {}): Promise<TcpBalancer> {
  let backends = [...initial];
  let next = 0;
  const open = new Set<Socket>();
  const served = new Map<number, number>();
  const health = new HealthChecks();

  /** Ready backends in round-robin order; all of them when none is known to be ready. */
  const candidates = (): number[] => {
    const start = next++;
    const ordered = backends.map((_, i) => backends[(start + i) % backends.length]!);
    const ready = ordered.filter((port) => health.isUp(port));
    return ready.length > 0 ? ready : ordered;
  };

  const forward = (client: Socket, ports: number[]): void => {
    const port = ports.shift();
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = connect(port, '127.0.0.1');
    open.add(upstream);
    let connected = false;
    upstream.on('error', () => {
      if (!connected) forward(client, ports);
      else client.destroy();
    });
    upstream.once('connect', () => {
      connected = true;
      served.set(port, (served.get(port) ?? 0) + 1);
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
    forward(client, candidates());
  });
  await Promise.all(backends.map((port) => health.check(port)));
  const timer = setInterval(() => { for (const port of backends) void health.check(port); }, options.healthCheckMs ?? 100);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    served,
    setBackends(ports) { backends = [...ports]; },
    async close() {
      clearInterval(timer);
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The last `/readyz` answer of each backend; a backend not checked yet counts as up. */
class HealthChecks {
  readonly #down = new Set<number>();
  readonly #checking = new Set<number>();

  isUp(port: number): boolean {
    return !this.#down.has(port);
  }

  async check(port: number): Promise<void> {
    if (this.#checking.has(port)) return;
    this.#checking.add(port);
    try {
      if ((await readyzStatus(port)) === 200) this.#down.delete(port);
      else this.#down.add(port);
    } finally {
      this.#checking.delete(port);
    }
  }
}

/** One probe on a connection of its own (no keep-alive: a probe must not hold a stopping node open); 0 when it fails. */
function readyzStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/readyz', agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}
