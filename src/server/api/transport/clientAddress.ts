import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * The client address of a raw request, read the way Fastify reads `req.ip` under the same
 * `trustProxy` setting: for WebSocket upgrades, which never reach Fastify's request object.
 * Without a trusted proxy it is the socket's peer; X-Forwarded-For is believed only from trusted hops.
 */
export function clientAddressOf(trustProxy: boolean | string): (req: IncomingMessage) => string {
  if (trustProxy === false) return (req) => req.socket.remoteAddress ?? '';
  const trust = trustProxy === true ? () => true : proxyAddr.compile(trustProxy.split(',').map((s) => s.trim()));
  return (req) => proxyAddr(req, trust);
}
