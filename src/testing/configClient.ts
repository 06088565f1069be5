import { agentWeb } from './testClients.js';
import type { TestServer } from './testServer.js';

/** A Configuration API call; `auth` defaults to the owner's Basic credentials. */
export function configWeb<T = Record<string, unknown>>(server: TestServer, action: string, payload: unknown = {}, auth?: string): Promise<{ status: number; body: T }> {
  return agentWeb<T>(server, action, payload, { api: 'configuration', ...(auth ? { auth } : {}) });
}

/** Like configWeb, but throws unless the answer is 200. */
export async function config<T = Record<string, unknown>>(server: TestServer, action: string, payload: unknown = {}, auth?: string): Promise<T> {
  const res = await configWeb<T>(server, action, payload, auth);
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates an agent with the given role and returns its Basic credentials. */
export async function agentWithRole(server: TestServer, id: string, role: 'normal' | 'administrator' | 'viceowner', groups?: { id: number; priority: 'first' | 'normal' | 'last' | 'supervisor' }[]): Promise<string> {
  const { token } = await server.built.platform.agents.create(1, { id, name: id, role, ...(groups ? { groups } : {}) });
  return `Basic ${Buffer.from(`${id}:${token}`).toString('base64')}`;
}
