import { useEffect, useState, type FormEvent } from 'react';
import type { RoutingStatus } from '../../protocol/entities.js';
import { useCommands, useConsole } from './ConsoleContext.js';
import { Dialog } from './Dialog.js';

/** Transfer to another agent (from `list_routing_statuses`) or to a group. */
export function TransferDialog({ chatId, onClose }: { chatId: string; onClose: () => void }) {
  const commands = useCommands();
  const me = useConsole((state) => state.me?.id);
  const [agents, setAgents] = useState<{ agent_id: string; status: RoutingStatus }[] | undefined>();
  const [kind, setKind] = useState<'agent' | 'group'>('agent');
  const [agentId, setAgentId] = useState('');
  const [group, setGroup] = useState('0');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    commands.listAgents().then((list) => {
      if (!live) return;
      const others = list.filter((entry) => entry.agent_id !== me && entry.status !== 'offline');
      setAgents(others);
      setAgentId((current) => current || others[0]?.agent_id || '');
    }).catch(() => live && setAgents([]));
    return () => {
      live = false;
    };
  }, [commands, me]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const target = kind === 'agent' ? { type: 'agent' as const, ids: [agentId] } : { type: 'group' as const, ids: [Number(group)] };
    const done = await commands.transfer(chatId, target);
    setBusy(false);
    if (done) onClose();
  }

  return (
    <Dialog title="Transfer the chat" onClose={onClose} testId="transfer-dialog">
      <form onSubmit={submit} className="cs-dialog__form">
        <fieldset>
          <legend>Transfer to</legend>
          <label><input type="radio" name="kind" checked={kind === 'agent'} onChange={() => setKind('agent')} /> An agent</label>
          <label><input type="radio" name="kind" checked={kind === 'group'} onChange={() => setKind('group')} /> A group</label>
        </fieldset>
        {kind === 'agent' ? (
          <>
            <label htmlFor="cs-transfer-agent">Agent</label>
            <select id="cs-transfer-agent" value={agentId} onChange={(e) => setAgentId(e.target.value)} disabled={!agents?.length} data-testid="transfer-agent">
              {agents === undefined && <option value="">Loading…</option>}
              {agents?.length === 0 && <option value="">No other agent is online</option>}
              {agents?.map((entry) => (
                <option key={entry.agent_id} value={entry.agent_id}>{entry.agent_id}{entry.status === 'not_accepting_chats' ? ' (not accepting)' : ''}</option>
              ))}
            </select>
          </>
        ) : (
          <>
            <label htmlFor="cs-transfer-group">Group id</label>
            <input id="cs-transfer-group" type="number" min={0} value={group} onChange={(e) => setGroup(e.target.value)} />
          </>
        )}
        <div className="cs-dialog__buttons">
          <button type="button" className="cs-button" onClick={onClose}>Cancel</button>
          <button type="submit" className="cs-button cs-button--primary" disabled={busy || (kind === 'agent' && !agentId)} data-testid="transfer-confirm">Transfer</button>
        </div>
      </form>
    </Dialog>
  );
}

const BAN_DAYS = [1, 7, 30, 365];

/** Banning cannot be undone from the console, so it asks first. */
export function BanDialog({ customerId, name, onClose }: { customerId: string; name: string; onClose: () => void }) {
  const commands = useCommands();
  const [days, setDays] = useState(1);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const done = await commands.ban(customerId, days);
    setBusy(false);
    if (done) onClose();
  }
  return (
    <Dialog title={`Ban ${name}?`} onClose={onClose} testId="ban-dialog">
      <form onSubmit={submit} className="cs-dialog__form">
        <p>{name} will be disconnected at once, their active chats end, and they cannot chat again for the chosen period.</p>
        <label htmlFor="cs-ban-days">Ban for</label>
        <select id="cs-ban-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {BAN_DAYS.map((d) => <option key={d} value={d}>{d === 1 ? '1 day' : `${d} days`}</option>)}
        </select>
        <div className="cs-dialog__buttons">
          <button type="button" className="cs-button" onClick={onClose}>Cancel</button>
          <button type="submit" className="cs-button cs-button--danger" disabled={busy} data-testid="ban-confirm">Ban the customer</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Tags the chat's current thread. */
export function TagDialog({ chatId, onClose }: { chatId: string; onClose: () => void }) {
  const commands = useCommands();
  const [tag, setTag] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await commands.tag(chatId, tag)) onClose();
  }
  return (
    <Dialog title="Tag this conversation" onClose={onClose} testId="tag-dialog">
      <form onSubmit={submit} className="cs-dialog__form">
        <label htmlFor="cs-tag">Tag</label>
        <input id="cs-tag" value={tag} onChange={(e) => setTag(e.target.value)} required data-testid="tag-input" />
        <div className="cs-dialog__buttons">
          <button type="button" className="cs-button" onClick={onClose}>Cancel</button>
          <button type="submit" className="cs-button cs-button--primary" disabled={!tag.trim()} data-testid="tag-confirm">Add tag</button>
        </div>
      </form>
    </Dialog>
  );
}
