import { useState, type FormEvent } from 'react';
import type { BotInput, ConfigBot, ConfigGroup } from '../../protocol/configuration.js';
import { GroupChecklist, MemberFormButtons } from './teamMemberParts.js';

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

  return (
    <form className="cs-settings__form cs-settings__form--grid" onSubmit={submit} data-testid={bot ? 'bot-edit-form' : 'bot-create-form'}>
      <label htmlFor={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="bot-name" />
      <label htmlFor={`${prefix}-avatar`}>Avatar URL</label>
      <input id={`${prefix}-avatar`} type="url" maxLength={500} value={avatar} placeholder="https://…" onChange={(e) => setAvatar(e.target.value)} data-testid="bot-avatar" />
      <label htmlFor={`${prefix}-max`}>Chats at once</label>
      <input id={`${prefix}-max`} type="number" min={1} max={500} required value={maxChats} onChange={(e) => setMaxChats(Number(e.target.value))} data-testid="bot-max-chats" />
      <GroupChecklist groups={groups} selected={groupIds} onChange={setGroupIds} testIdPrefix="bot" />
      <MemberFormButtons busy={busy} submitLabel={submitLabel} onCancel={onCancel} testId="bot-submit" />
    </form>
  );
}
