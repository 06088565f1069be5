import type { ConfigurationActions } from '../../protocol/configuration.js';
import type { Chat, Thread } from '../../protocol/entities.js';
import { patTokenSource } from '../../rtm/agentFlavour.js';
import { WebApi } from '../../rtm/webApi.js';
import type { TestServer } from '../../testing/testServer.js';
import { createConsoleStore, type ConsoleStore } from './createConsoleStore.js';
import { createSettingsCommands, type SettingsCommands } from './settingsCommands.js';
import { profile } from './testData.js';

type Answers = Record<string, (payload: Record<string, unknown>) => unknown>;

/** An agent RTM client that records each request and answers from `answers` (`{}` otherwise). */
export function recordingClient(answers: Answers = {}) {
  const sent: { action: string; payload: Record<string, unknown> }[] = [];
  const client = {
    request: async (action: string, payload: Record<string, unknown>) => {
      sent.push({ action, payload });
      const answer = answers[action];
      return answer ? answer(payload) : {};
    },
  };
  return { client: client as never, sent };
}

/** A console store signed in as the fixtures' agent `ME`, holding `chats` as if each had just arrived. */
export function signedInStore(...chats: (Chat & { thread: Thread })[]): ConsoleStore {
  const store = createConsoleStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
  for (const chat of chats) dispatch({ type: 'incomingChat', payload: { chat } });
  return store;
}

export interface SettingsAgainstServer {
  server: TestServer;
  /** The owner's settings commands. */
  settings: SettingsCommands;
  /** Settings commands signed in as another agent. */
  as(agentId: string, token: string): SettingsCommands;
}

/** The console's settings commands over the Configuration Web API of a real server (SQLite file). */
export async function settingsAgainstServer(): Promise<SettingsAgainstServer> {
  // Loaded here, not at the top: the jsdom tests that use the fixtures above must not load the server.
  const { startTestServer } = await import('../../testing/testServer.js');
  const server = await startTestServer();
  const as = (agentId: string, token: string) => createSettingsCommands(new WebApi<ConfigurationActions>({
    apiUrl: server.url, surface: 'configuration', identity: patTokenSource(agentId, token), authorization: (t) => `Basic ${t}`, fetch: globalThis.fetch,
  }));
  return { server, settings: as(server.credentials.owner.id, server.credentials.owner.personal_access_token), as };
}
