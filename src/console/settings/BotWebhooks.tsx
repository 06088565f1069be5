import { useState, type FormEvent } from 'react';
import type { ConfigBot, WebhookType } from '../../protocol/configuration.js';
import { useSettings } from '../views/ConsoleContext.js';
import { useLoad, useSave } from './useLoad.js';

/**
 * One bot's webhooks: those registered by the bot's client id (`owner_client_id`), a form to
 * register one, and that client's license-webhook switch. Errors are announced where they happen.
 */
export function BotWebhooks({ bot }: { bot: ConfigBot & { owner_client_id: string } }) {
  const settings = useSettings();
  const owner = bot.owner_client_id;
  const hooks = useLoad(() => settings.listWebhooks(owner));
  const actions = useLoad(() => settings.listWebhookActions());
  const licenseState = useLoad(() => settings.licenseWebhooksEnabled(owner));
  const save = useSave();
  const [action, setAction] = useState('incoming_chat');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [type, setType] = useState<WebhookType>('license');

  async function register(event: FormEvent) {
    event.preventDefault();
    const input = { action, url: url.trim(), secret_key: secret, type };
    if (await save.run(() => settings.registerWebhook(owner, input), `Webhook ${action} registered.`)) {
      setUrl('');
      setSecret('');
      hooks.reload();
    }
  }
  async function unregister(id: string, name: string) {
    if (await save.run(() => settings.unregisterWebhook(owner, id), `Webhook ${name} removed.`)) hooks.reload();
  }
  async function switchLicense(on: boolean) {
    if (await save.run(() => settings.setLicenseWebhooksEnabled(owner, on), on ? 'License webhooks are on.' : 'License webhooks are off.')) licenseState.reload();
  }

  const failure = save.status && !save.status.ok ? save.status.text : hooks.error ?? actions.error ?? licenseState.error;
  return (
    <div className="cs-settings__stack cs-webhooks" data-testid="bot-webhooks">
      <p className="cs-muted cs-small">Client id <code data-testid="bot-client-id">{owner}</code>. Bot webhooks are sent only while the bot's status is not offline (a new bot is offline until it sets one with <code>set_routing_status</code>).</p>
      {hooks.data?.length === 0 && <p className="cs-muted" data-testid="webhooks-empty">No webhooks yet.</p>}
      {!!hooks.data?.length && (
        <ul className="cs-settings__list cs-webhooks__list" aria-label={`Webhooks of ${bot.name}`}>
          {hooks.data.map((h) => (
            <li key={h.id} data-testid="webhook-row">
              <span className="cs-webhooks__what"><strong>{h.action}</strong> <span className="cs-tag">{h.type}</span><span className="cs-muted cs-small cs-webhooks__url">{h.url}</span></span>
              <button type="button" className="cs-button cs-button--danger" onClick={() => void unregister(h.id, h.action)} aria-label={`Remove webhook ${h.action} to ${h.url}`} data-testid="webhook-remove">Remove</button>
            </li>
          ))}
        </ul>
      )}
      <form className="cs-settings__form" onSubmit={register} data-testid="webhook-form">
        <fieldset>
          <legend>Register a webhook</legend>
          <label htmlFor="cs-hook-action">Action</label>
          <select id="cs-hook-action" value={action} onChange={(e) => setAction(e.target.value)} data-testid="webhook-action">
            {(actions.data ?? [action]).map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
          <label htmlFor="cs-hook-url">URL</label>
          <input id="cs-hook-url" type="url" required maxLength={500} placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="webhook-url" />
          <label htmlFor="cs-hook-secret">Secret key</label>
          <input id="cs-hook-secret" required maxLength={512} value={secret} aria-describedby="cs-hook-secret-hint" onChange={(e) => setSecret(e.target.value)} data-testid="webhook-secret" />
          <p id="cs-hook-secret-hint" className="cs-muted cs-small">Sent in every delivery, so the receiver knows it is from this server.</p>
          <label htmlFor="cs-hook-type">Kind</label>
          <select id="cs-hook-type" value={type} onChange={(e) => setType(e.target.value as WebhookType)} data-testid="webhook-type">
            <option value="license">License: every chat of the license</option>
            <option value="bot">Bot: only while the bot is not offline</option>
          </select>
          <div className="cs-settings__actions">
            <button type="submit" className="cs-button cs-button--primary" disabled={save.busy} data-testid="webhook-register">Register webhook</button>
          </div>
        </fieldset>
      </form>
      {licenseState.data !== undefined && (
        <label className="cs-prechat__check">
          <input type="checkbox" checked={licenseState.data} disabled={save.busy} onChange={(e) => void switchLicense(e.target.checked)} data-testid="license-webhooks-enabled" />
          {' '}Send this client's license webhooks
        </label>
      )}
      {failure && <p role="alert" className="cs-error" data-testid="webhook-error">{failure}</p>}
      <p className="cs-settings__status" role="status" data-testid="webhook-status">{save.status?.ok ? save.status.text : ''}</p>
    </div>
  );
}
