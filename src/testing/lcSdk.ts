import { createRequire } from 'node:module';
import type { TestAgent } from './testClients.js';
import type { TestServer } from './testServer.js';

/**
 * The third-party client `@livechat/lc-sdk-js` (Apache-2.0), unchanged, against a test server.
 * It hard-codes `https://` and `wss://` and the v3.4 path segment (which the server serves). Only ITS
 * transport is adapted, here in the tests: its axios instance gets a request interceptor that turns
 * https into http, and the `isomorphic-ws` module it requires is swapped (in Node's module cache,
 * before the SDK loads) for a ws subclass that turns wss into ws.
 */
export type Sdk = typeof import('@livechat/lc-sdk-js');
export type AgentRtm = InstanceType<Sdk['Agent']['RTM']>;
export type AgentWebApi = InstanceType<Sdk['Agent']['Web']>;
export type CustomerWebApi = InstanceType<Sdk['Customer']['Web']>;
export type Push = { name: string; payload: Record<string, any> };

export function loadSdkOverPlainTransport(): Sdk {
  const require = createRequire(import.meta.url);
  const sdkRequire = createRequire(require.resolve('@livechat/lc-sdk-js/lib/src/internal/index.js'));
  const Original = sdkRequire('isomorphic-ws') as new (url: string, ...rest: unknown[]) => object;
  const wsModule = require.cache[sdkRequire.resolve('isomorphic-ws')];
  if (!(Original as { plainTransport?: boolean }).plainTransport) {
    class PlainWebSocket extends Original {
      static plainTransport = true;
      constructor(url: string, ...rest: unknown[]) {
        super(String(url).replace(/^wss:/, 'ws:'), ...rest);
      }
    }
    // The SDK's internal module reads `require("isomorphic-ws")` once, at load: drop it so it reloads.
    for (const key of Object.keys(require.cache)) if (key.includes('lc-sdk-js')) delete require.cache[key];
    if (wsModule) wsModule.exports = PlainWebSocket;
    const axios = sdkRequire('axios') as { interceptors: { request: { use(fn: (c: { url?: string }) => { url?: string }): void } } };
    axios.interceptors.request.use((config) => ({ ...config, url: config.url?.replace(/^https:/, 'http:') }));
  }
  return require('@livechat/lc-sdk-js') as Sdk;
}

const hostPort = (server: TestServer) => server.url.replace(/^http:\/\//, '');

/** The SDK's Agent Web API client with the agent's personal access token. */
export const sdkAgentWeb = (sdk: Sdk, server: TestServer, agent: TestAgent): AgentWebApi =>
  new sdk.Agent.Web('test-client', () => ({ accessToken: agent.token, region: 'dal', organizationID: server.credentials.organization_id }), { apiUrl: hostPort(server) });

/** The SDK's Customer Web API client with a customer access token. */
export const sdkCustomerWeb = (sdk: Sdk, server: TestServer, accessToken: string): CustomerWebApi =>
  new sdk.Customer.Web('test-client', () => ({ accessToken, region: 'dal', organizationID: server.credentials.organization_id }), { apiUrl: hostPort(server) });

/** An SDK RTM agent logged in with `Bearer <pat>`, recording the pushes it subscribed to. */
export async function sdkAgentRtm(sdk: Sdk, server: TestServer, agent: TestAgent, pushes: string[], loginOptions?: Record<string, unknown>): Promise<{ rtm: AgentRtm; seen: Push[]; next(name: string, pred?: (p: Record<string, any>) => boolean): Promise<Push>; login: Record<string, any> }> {
  const rtm = new sdk.Agent.RTM({ apiUrl: hostPort(server) });
  await rtm.connect();
  const seen: Push[] = [];
  const waiters: { name: string; pred: (p: Record<string, any>) => boolean; resolve: (p: Push) => void }[] = [];
  for (const name of pushes) {
    rtm.on(name as never, ((payload: Record<string, any>) => {
      const push = { name, payload };
      seen.push(push);
      for (const w of [...waiters]) if (w.name === name && w.pred(payload)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(push); }
    }) as never);
  }
  const login = (await rtm.login(loginOptions ? { token: `Bearer ${agent.token}`, ...loginOptions } as never : `Bearer ${agent.token}`)) as Record<string, any>;
  return {
    rtm, seen, login,
    next: (name, pred = () => true) => {
      const found = seen.find((p) => p.name === name && pred(p.payload));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${name} push`)), 3000);
        waiters.push({ name, pred, resolve: (p) => { clearTimeout(t); resolve(p); } });
      });
    },
  };
}

/** Closes an SDK socket and stops its 10 s ping timer (which would otherwise reject on a closed socket). */
export const closeSdkRtm = (rtm: AgentRtm): void => {
  const inner = rtm as unknown as { socket: { close(): void }; heartbeatInterval: ReturnType<typeof setInterval> };
  clearInterval(inner.heartbeatInterval);
  inner.socket.close();
};
