import { useState, type FormEvent } from 'react';
import { useConsole, useSettings } from '../views/ConsoleContext.js';
import { StatusLine } from './StatusLine.js';
import { useSave } from './useLoad.js';

/** Every agent's own name and avatar (`update_agent` on oneself). */
export function ProfileSection() {
  const me = useConsole((state) => state.me);
  const settings = useSettings();
  const [name, setName] = useState(me?.name ?? '');
  const [avatar, setAvatar] = useState(me?.avatar ?? '');
  const save = useSave();
  if (!me) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (me) await save.run(() => settings.updateAgent(me.id, { name: name.trim(), avatar: avatar.trim() }), 'Saved. Chats you join from now on show it.');
  }
  return (
    <form className="cs-settings__form" onSubmit={submit} data-testid="profile-settings">
      <p className="cs-muted">Signed in as <strong>{me.id}</strong></p>
      <label htmlFor="cs-my-name">Name visitors see</label>
      <input id="cs-my-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="profile-name" />
      <label htmlFor="cs-my-avatar">Avatar URL</label>
      <input id="cs-my-avatar" type="url" value={avatar} onChange={(e) => setAvatar(e.target.value)} data-testid="profile-avatar" />
      <div className="cs-settings__actions">
        <button type="submit" className="cs-button cs-button--primary" disabled={save.busy || !name.trim()} data-testid="profile-save">Save</button>
        <StatusLine status={save.status} />
      </div>
    </form>
  );
}
