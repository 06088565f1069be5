import { useState } from 'react';
import type { ConfigBot } from '../../protocol/configuration.js';
import { useSettings } from '../views/ConsoleContext.js';
import { BotForm, type BotFormValues } from './BotForm.js';
import { BotWebhooks } from './BotWebhooks.js';
import { StatusLine } from './StatusLine.js';
import { MemberEditors } from './MemberEditors.js';
import { groupNamesOf, OneTimeSecret, useMemberEditing } from './teamMemberParts.js';
import { useLoad, useSave } from './useLoad.js';

interface Created { name: string; id: string; secret: string; ownerClientId: string }

/** Bots of the license: add (their secret is shown once), edit, remove, and each one's webhooks. */
export function BotsSection() {
  const settings = useSettings();
  const bots = useLoad(() => settings.listBots());
  const groups = useLoad(() => settings.listGroups());
  const save = useSave();
  const members = useMemberEditing<ConfigBot>();
  const { setEditing, setRemoving, markAdded } = members;
  const [hooksOf, setHooksOf] = useState<string>();
  const [created, setCreated] = useState<Created>();
  const webhooksBot = bots.data?.find((b) => b.id === hooksOf);

  async function create(values: BotFormValues) {
    let made: Created | undefined;
    const ok = await save.run(async () => {
      made = { name: values.name, ...(await settings.createBot(values)) };
    }, `${values.name} was added.`);
    if (ok && made) {
      setCreated(made);
      markAdded();
      bots.reload();
    }
  }
  async function update(bot: ConfigBot, values: BotFormValues) {
    if (await save.run(() => settings.updateBot(bot.id, values), 'Saved.')) {
      setEditing(undefined);
      bots.reload();
    }
  }
  async function remove(bot: ConfigBot) {
    if (await save.run(() => settings.deleteBot(bot), `${bot.name} was removed.`)) {
      if (hooksOf === bot.id) setHooksOf(undefined);
      bots.reload();
    }
    setRemoving(undefined);
  }

  if (bots.error) return <p role="alert" className="cs-error">{bots.error}</p>;
  return (
    <div className="cs-settings__stack">
      {bots.data?.length === 0 && <p className="cs-muted" data-testid="bots-empty">No bots yet.</p>}
      {!!bots.data?.length && (
        <table className="cs-table cs-bots__table" data-testid="bots-table">
          <caption className="cs-visually-hidden">Bots</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Chats at once</th><th scope="col">Groups</th><th scope="col"><span className="cs-visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {bots.data.map((bot) => (
              <tr key={bot.id} data-testid="bot-row" data-bot-id={bot.id}>
                <th scope="row"><span className="cs-table__name">{bot.name}</span><span className="cs-muted cs-small cs-bots__id">{bot.id}</span></th>
                <td data-label="Chats at once">{bot.max_chats_count ?? '–'}</td>
                <td data-label="Groups">{groupNamesOf(groups.data, bot)}</td>
                <td>
                  <div className="cs-table__actions">
                    {bot.owner_client_id && (
                      <button type="button" className="cs-button" aria-expanded={hooksOf === bot.id} aria-controls="cs-bot-webhooks" onClick={() => setHooksOf(hooksOf === bot.id ? undefined : bot.id)} aria-label={`Webhooks of ${bot.name}`} data-testid="bot-webhooks-toggle">Webhooks</button>
                    )}
                    <button type="button" className="cs-button" onClick={() => setEditing(bot)} aria-label={`Edit ${bot.name}`} data-testid="bot-edit">Edit</button>
                    <button type="button" className="cs-button cs-button--danger" onClick={() => setRemoving(bot)} aria-label={`Remove ${bot.name}`} data-testid="bot-remove">Remove</button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <StatusLine status={save.status} />
      {created && (
        <OneTimeSecret label="New bot's secret" testId="bot-secret" onDone={() => setCreated(undefined)}>
          <p><strong>Secret of {created.name}</strong>. Copy it now: it is shown only this once. The bot's program trades client id and secret for a token with <code>issue_bot_token</code>.</p>
          <dl className="cs-bots__facts">
            <dt>Bot id</dt><dd><code>{created.id}</code></dd>
            <dt>Client id</dt><dd><code>{created.ownerClientId}</code></dd>
            <dt>Secret</dt><dd><code data-testid="bot-secret-value">{created.secret}</code></dd>
          </dl>
        </OneTimeSecret>
      )}
      {webhooksBot?.owner_client_id && (
        <section id="cs-bot-webhooks" className="cs-bots__webhooks" aria-labelledby="cs-bot-webhooks-title">
          <h3 id="cs-bot-webhooks-title">Webhooks of {webhooksBot.name}</h3>
          <BotWebhooks key={webhooksBot.id} bot={{ ...webhooksBot, owner_client_id: webhooksBot.owner_client_id }} />
        </section>
      )}
      <MemberEditors
        editing={members} testIdPrefix="bot" addHeading="Add a bot" addLabel="Add bot"
        renderForm={({ member, ...form }) => <BotForm bot={member} groups={groups.data ?? []} busy={save.busy} {...form} />}
        onCreate={create} onUpdate={update} onRemove={remove}
        removeWarning={(bot) => `${bot.name} gets no more chats, and the webhooks of its client id are removed. Past chats stay in the archives.`}
      />
    </div>
  );
}
