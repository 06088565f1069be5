import { useEffect, useState, type FormEvent } from 'react';
import { transferAgents, transferGroups, type TransferAgent, type TransferGroup } from '../state/transferTargets.js';
import { useCommands, useConsole, useSettings } from './ConsoleContext.js';
import { Dialog } from './Dialog.js';

/**
 * Transfer to a person who can take the chat now (by name, with their load) or to a group by
 * name. People come from `list_agents_for_transfer`, statuses from `list_routing_statuses`, names
 * from the Configuration API.
 */
export function TransferDialog({ chatId, onClose }: { chatId: string; onClose: () => void }) {
  const commands = useCommands();
  const settings = useSettings();
  const me = useConsole((state) => state.me?.id);
  const inChat = useConsole((state) => Object.values(state.chats[chatId]?.users ?? {}).filter((u) => u.type === 'agent' && u.present !== false).map((u) => u.id).join(','));
  const [agents, setAgents] = useState<TransferAgent[]>();
  const [groups, setGroups] = useState<TransferGroup[]>([]);
  const [kind, setKind] = useState<'agent' | 'group'>('agent');
  const [agentId, setAgentId] = useState('');
  const [group, setGroup] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const exclude = new Set([...(me ? [me] : []), ...inChat.split(',').filter(Boolean)]);
    Promise.all([commands.transferFacts(chatId), settings.listAgents(), settings.listGroups()]).then(([facts, directory, allGroups]) => {
      if (!live) return;
      const people = transferAgents(facts, directory, exclude);
      setAgents(people);
      setAgentId((current) => current || people[0]?.id || '');
      setGroups(transferGroups(allGroups));
    }).catch(() => live && setAgents([]));
    return () => {
      live = false;
    };
  }, [commands, settings, chatId, me, inChat]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const target = kind === 'agent' ? { type: 'agent' as const, ids: [agentId] } : { type: 'group' as const, ids: [group] };
    const done = await commands.transfer(chatId, target);
    setBusy(false);
    if (done) onClose();
  }

  return (
    <Dialog title="Transfer the chat" onClose={onClose} testId="transfer-dialog">
      <form onSubmit={submit} className="cs-dialog__form">
        <fieldset>
          <legend>Transfer to</legend>
          <label><input type="radio" name="kind" checked={kind === 'agent'} onChange={() => setKind('agent')} data-testid="transfer-kind-agent" /> A person</label>
          <label><input type="radio" name="kind" checked={kind === 'group'} onChange={() => setKind('group')} data-testid="transfer-kind-group" /> A group</label>
        </fieldset>
        {kind === 'agent' ? (
          <>
            <label htmlFor="cs-transfer-agent">Person</label>
            <select id="cs-transfer-agent" value={agentId} onChange={(e) => setAgentId(e.target.value)} disabled={!agents?.length} aria-describedby="cs-transfer-hint" data-testid="transfer-agent">
              {agents === undefined && <option value="">Loading…</option>}
              {agents?.length === 0 && <option value="">Nobody else can take a chat now</option>}
              {agents?.map((a) => (
                <option key={a.id} value={a.id}>{a.name} · accepting · {a.activeChats} of {a.maxChats} chats</option>
              ))}
            </select>
            <p id="cs-transfer-hint" className="cs-muted cs-small">Only people accepting chats with room for one more are listed, least busy first.</p>
          </>
        ) : (
          <>
            <label htmlFor="cs-transfer-group">Group</label>
            <select id="cs-transfer-group" value={group} onChange={(e) => setGroup(Number(e.target.value))} aria-describedby="cs-transfer-group-hint" data-testid="transfer-group">
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
            <p id="cs-transfer-group-hint" className="cs-muted cs-small">The first free person in the group gets it; until then it waits in the queue.</p>
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
