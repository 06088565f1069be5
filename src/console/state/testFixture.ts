import type { Chat, Thread } from '../../protocol/entities.js';
import { createConsoleStore, type ConsoleStore } from './createConsoleStore.js';
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
