/** What the greeter says. Pure data and one function, so the conversation is easy to change and test. */

export type Reply =
  | { type: 'message'; text: string }
  | { type: 'rich_message'; template_id: 'quick_replies'; elements: { title: string; buttons: { text: string; type: 'message'; value: string; postback_id: string }[] }[] };

export const GREETING: Reply = { type: 'message', text: "Hi! I'm the Switchboard greeter bot. I can answer a few quick questions." };

/** Quick replies send their `value` back as the customer's message, which `replyTo` answers. */
export const QUICK_REPLIES: Reply = {
  type: 'rich_message',
  template_id: 'quick_replies',
  elements: [{
    title: 'What can I help you with?',
    buttons: [
      { text: 'Opening hours', type: 'message', value: 'Opening hours', postback_id: 'hours' },
      { text: 'Pricing', type: 'message', value: 'Pricing', postback_id: 'pricing' },
      { text: 'Talk to a human', type: 'message', value: 'Talk to a human', postback_id: 'human' },
    ],
  }],
};

const RULES: { pattern: RegExp; reply: Reply | 'handoff' }[] = [
  { pattern: /\b(human|agent|person|someone)\b/i, reply: 'handoff' },
  { pattern: /\b(hours?|open|opening|closed?)\b/i, reply: { type: 'message', text: 'We are open Monday to Friday, 9:00–17:00 (CET).' } },
  { pattern: /\b(price|prices|pricing|cost|plans?)\b/i, reply: { type: 'message', text: 'Switchboard is free and open source; you host it yourself.' } },
  { pattern: /\b(hi|hello|hey|help)\b/i, reply: QUICK_REPLIES },
];

export const FALLBACK: Reply = { type: 'message', text: 'Sorry, I only know about opening hours and pricing. Type "human" to talk to a person.' };

/** After this many messages in a row that the bot cannot answer, it hands the chat to a person. */
export const MISSES_BEFORE_HANDOFF = 2;

/** The answer to a customer's message, or `handoff` to pass the chat to a human. */
export function replyTo(text: string): Reply | 'handoff' {
  return RULES.find((r) => r.pattern.test(text))?.reply ?? FALLBACK;
}
