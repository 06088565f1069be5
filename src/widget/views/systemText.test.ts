import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de.js';
import { en } from '../i18n/en.js';
import { systemText } from './systemText.js';

describe('systemText()', () => {
  it('words archive notices as "Chat ended", never "Customer/Owner archived the chat" (#15)', () => {
    expect(systemText({ system_message_type: 'manual_archived_customer', text: 'Customer archived the chat', text_vars: { customer: 'Customer' } }, en)).toBe('Chat ended');
    expect(systemText({ system_message_type: 'manual_archived_agent', text: 'Owner archived the chat', text_vars: { agent: 'Owner' } }, en)).toBe('Chat ended');
    expect(systemText({ system_message_type: 'manual_archived_agent', text: 'Owner archived the chat' }, de)).toBe('Chat beendet');
  });

  it('says who joined or left, from text_vars', () => {
    expect(systemText({ system_message_type: 'agent_joined', text: 'Bob joined the chat', text_vars: { agent: 'Bob' } }, en)).toBe('Bob joined the chat');
    expect(systemText({ system_message_type: 'agent_added', text: 'Owner added Bob to the chat', text_vars: { agent: 'Owner', added_agent: 'Bob' } }, en)).toBe('Bob joined the chat');
    expect(systemText({ system_message_type: 'agent_removed', text: 'Owner removed Bob from the chat', text_vars: { agent: 'Owner', removed_agent: 'Bob' } }, en)).toBe('Bob left the chat');
  });

  it('words transfers without the transferring agent or a group id', () => {
    expect(systemText({ system_message_type: 'chat_transferred', text: 'Greeter transferred the chat to Owner', text_vars: { agent: 'Greeter', target: 'Owner' } }, en)).toBe('Owner took over the chat');
    expect(systemText({ system_message_type: 'chat_transferred', text: 'Greeter transferred the chat to group 3', text_vars: { agent: 'Greeter', target: 'group 3' } }, en)).toBe('Your chat was passed to a colleague');
  });

  it('keeps the text of other notices (a bot\'s own)', () => {
    expect(systemText({ system_message_type: 'greeting', text: 'Welcome back!' }, en)).toBe('Welcome back!');
  });
});
