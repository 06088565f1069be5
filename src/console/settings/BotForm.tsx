import { useState, type FormEvent } from 'react';
import type { BotInput, ConfigBot, ConfigGroup } from '../../protocol/configuration.js';

export type BotFormValues = BotInput & { name: string };

/** New or existing bot: name, avatar, how many chats at once and the groups whose chats it gets. */
export function BotForm({ bot, groups, busy, submitLabel, onSubmit, onCancel }: {
  bot?: ConfigBot; groups: ConfigGroup[]; busy: boolean; submitLabel: string;
  onSubmit: (values: BotFormValues) => void; onCancel?: () => void;
}) {
  const [name, setName] = useState(bot?.name ?? '');
  const [avatar, setAvatar] = useState(bot?.avatar ?? '');
  const [maxChats, setMaxChats] = useState(bot?.max_chats_count ?? 6);
  const [groupIds, setGroupIds] = useState<number[]>(bot?.groups?.map((g) => g.id) ?? [0]);
  const prefix = bot ? `cs-edit-bot-${bot.id}` : 'cs-new-bot';

  function submit(event: FormEvent) {
    event.preventDefault();
    const priority = (id: number) => bot?.groups?.find((g) => g.id === id)?.priority ?? 'normal';
    onSubmit({ name: name.trim(), avatar: avatar.trim(), max_chats_count: maxChats, groups: groupIds.map((id) => ({ id, priority: priority(id) })) });
  }
  const toggle = (id: number, on: boolean) => setGroupIds(on ? [...groupIds, id] : groupIds.filter((g) => g !== id));

  return (
    <form className="cs-settings__form cs-settings__form--grid" onSubmit={submit} data-testid={bot ? 'bot-edit-form' : 'bot-create-form'}>
      <label htmlFor={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="bot-name" />
      <label htmlFor={`${prefix}-avatar`}>Avatar URL</label>
      <input id={`${prefix}-avatar`} type="url" maxLength={500} value={avatar} placeholder="https://…" onChange={(e) => setAvatar(e.target.value)} data-testid="bot-avatar" />
      <label htmlFor={`${prefix}-max`}>Chats at once</label>
      <input id={`${prefix}-max`} type="number" min={1} max={500} required value={maxChats} onChange={(e) => setMaxChats(Number(e.target.value))} data-testid="bot-max-chats" />
      <fieldset className="cs-settings__groups">
        <legend>Groups</legend>
        {groups.map((g) => (
          <label key={g.id}>
            <input type="checkbox" checked={groupIds.includes(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} data-testid={`bot-group-${g.id}`} /> {g.name}
          </label>
        ))}
      </fieldset>
      <div className="cs-settings__actions">
        {onCancel && <button type="button" className="cs-button" onClick={onCancel}>Cancel</button>}
        <button type="submit" className="cs-button cs-button--primary" disabled={busy} data-testid="bot-submit">{submitLabel}</button>
      </div>
    </form>
  );
}
