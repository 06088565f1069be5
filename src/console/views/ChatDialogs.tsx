import { useState, type FormEvent } from 'react';
import { useCommands } from './ConsoleContext.js';
import { Dialog } from './Dialog.js';

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
