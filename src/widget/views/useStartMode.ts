import { useQuery } from '@tanstack/react-query';
import type { GetFormResponse } from '../../protocol/forms.js';
import { useCommands, useWidget } from './WidgetContext.js';

export type StartMode =
  | { kind: 'topic' }
  | { kind: 'prechat'; form: Extract<GetFormResponse, { enabled: true }>['form'] }
  | { kind: 'offline' };

/**
 * How "New chat" starts a chat: "leave a message" while nobody is available, the owner's pre-chat
 * form before the visitor's first chat, else the topic form.
 */
export function useStartMode(): StartMode {
  const commands = useCommands();
  const offline = useWidget((state) => state.groupsOffline);
  const firstChat = useWidget((state) => state.synced && state.chatOrder.length === 0);
  const connected = useWidget((state) => state.connection.status === 'connected');
  const form = useQuery({ queryKey: ['switchboard', 'prechat-form'], queryFn: () => commands.getPrechatForm(), enabled: connected && firstChat && !offline, staleTime: 5 * 60_000 });
  if (offline) return { kind: 'offline' };
  if (firstChat && form.data?.enabled) return { kind: 'prechat', form: form.data.form };
  return { kind: 'topic' };
}
