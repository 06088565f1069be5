import type { FilledFormField, GetFormResponse } from '../../protocol/forms.js';
import { TOPIC_PROPERTY } from '../../protocol/customer.js';
import type { Properties, Thread } from '../../protocol/entities.js';
import type { RtmClient } from '../../rtm/RtmClient.js';
import { errorTypeOf } from '../../rtm/RtmError.js';
import type { StartChatResult } from './commands.js';
import type { WidgetStore } from './createWidgetStore.js';

/**
 * A chat started by the visitor: with a topic only (the start button), or from a form (the pre-chat
 * form, or "leave a message" while nobody is available).
 */
export interface FormChatInput {
  topic: string;
  form?: { id: string; type: 'prechat' | 'ask_for_email'; fields: FilledFormField[] };
  /** The visitor's first message. */
  message?: string;
  /** Start even when every group is offline: the chat waits in the queue for the first agent. */
  continuous?: boolean;
}

/** What the visitor does around a chat: forms before it, rating and transcript after it. */
export interface VisitorCommands {
  /** The owner's pre-chat form (`get_form`, type prechat, group 0). */
  getPrechatForm(): Promise<GetFormResponse>;
  /** Every chat the visitor starts goes through here (`startChat` too). */
  startFormChat(input: FormChatInput): Promise<StartChatResult>;
  /** Rates the chat's newest thread: `rating.score` 1 good / 0 bad, `rating.comment`. */
  rateChat(chatId: string, rating: { score: 0 | 1; comment?: string }): Promise<void>;
  /** The whole chat as plain text (every thread, loaded from the server). */
  transcript(chatId: string): Promise<string>;
  /** Mails the transcript (`send_transcript`; the server needs SMTP_URL). Rejects with the error type. */
  emailTranscript(chatId: string, email: string): Promise<void>;
}

const MAX_PAGES = 200;

export function createVisitorCommands({ store, client }: { store: WidgetStore; client: RtmClient }): VisitorCommands {
  const dispatch = store.getState().dispatch;
  let form: Promise<GetFormResponse> | undefined;
  return {
    getPrechatForm() {
      form ??= client.request('get_form', { group_id: 0, type: 'prechat' }).catch((error: unknown) => {
        form = undefined;
        throw error;
      });
      return form;
    },

    async startFormChat({ topic, form: filled, message, continuous }) {
      dispatch({ type: 'startChatFailure', error: undefined });
      const properties: Properties | undefined = topic.trim() ? { [TOPIC_PROPERTY.namespace]: { [TOPIC_PROPERTY.name]: topic.trim() } } : undefined;
      const events = [
        ...(filled ? [{ type: 'filled_form', form_id: filled.id, form_type: filled.type, fields: filled.fields }] : []),
        ...(message?.trim() ? [{ type: 'message', text: message.trim() }] : []),
      ];
      try {
        const chat = { ...(properties ? { properties } : {}), ...(events.length ? { thread: { events } } : {}) };
        const { chat_id } = await client.request('start_chat', {
          ...(properties || events.length ? { chat } : {}),
          ...(continuous ? { continuous: true } : {}),
        });
        // the incoming_chat push (same request_id) fills the store; fetch in case it was missed
        if (!store.getState().chats[chat_id]) dispatch({ type: 'incomingChat', chat: await client.request('get_chat', { chat_id }) });
        dispatch({ type: 'selectChat', chatId: chat_id });
        return { ok: true, chatId: chat_id };
      } catch (error) {
        const type = errorTypeOf(error);
        dispatch({ type: 'startChatFailure', error: type });
        return { ok: false, error: type };
      }
    },

    async rateChat(chatId, { score, comment }) {
      const chat = store.getState().chats[chatId];
      const threadId = chat?.threadOrder[chat.threadOrder.length - 1];
      if (!threadId) throw new Error('not_found');
      const rating: Record<string, unknown> = { score };
      if (comment?.trim()) rating.comment = comment.trim();
      await client.request('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { rating } });
    },

    async transcript(chatId) {
      const threads: Thread[] = [];
      let pageId: string | undefined;
      for (let i = 0; i < MAX_PAGES; i += 1) {
        const page = await client.request('list_threads', pageId ? { chat_id: chatId, page_id: pageId } : { chat_id: chatId, sort_order: 'desc', limit: 25 });
        threads.push(...page.threads);
        pageId = page.next_page_id;
        if (!pageId) break;
      }
      // NOTE: the text builder is only for visitors who ask for a transcript: its own chunk.
      const { transcriptText } = await import('./transcript.js');
      const { chats, customer } = store.getState();
      return transcriptText(chats[chatId], threads, customer?.id);
    },

    async emailTranscript(chatId, email) {
      await client.request('send_transcript', { chat_id: chatId, email });
    },
  };
}
