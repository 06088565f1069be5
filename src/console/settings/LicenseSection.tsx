import { useEffect, useState, type FormEvent } from 'react';
import type { LicenseSettings, WidgetSettings } from '../state/settingsCommands.js';
import { useSettings } from '../views/ConsoleContext.js';
import { StatusLine } from './StatusLine.js';
import { useLoad, useSave } from './useLoad.js';

const WIDGET_FIELDS: { key: keyof WidgetSettings; label: string; hint: string; long?: boolean }[] = [
  { key: 'widget_name', label: 'Widget name', hint: 'Shown in the widget header, e.g. "Acme support".' },
  { key: 'logo_url', label: 'Logo URL', hint: 'An https address of a square image.' },
  { key: 'welcome_text', label: 'Welcome text', hint: 'The first line a visitor reads.', long: true },
  { key: 'reply_time', label: 'Usual reply time', hint: 'e.g. "within a few minutes".' },
];

const DEFAULT_COLOR = '#2453d4';

/** Chats per visitor, allowed websites, and the widget's name, logo, colour and words (license properties). */
export function LicenseSection() {
  const settings = useSettings();
  const { data, error } = useLoad(() => settings.loadLicense());
  const [form, setForm] = useState<LicenseSettings>();
  const save = useSave();
  useEffect(() => setForm(data), [data]);
  if (error) return <p role="alert" className="cs-error">{error}</p>;
  if (!form) return <p role="status" className="cs-muted">Loading…</p>;

  const setWidget = (key: keyof WidgetSettings, value: string) => setForm({ ...form, widget: { ...form.widget, [key]: value } });
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form) await save.run(() => settings.saveLicense(form), 'Saved.');
  }

  return (
    <form className="cs-settings__form" onSubmit={submit} data-testid="license-settings">
      <fieldset>
        <legend>Chats</legend>
        <label htmlFor="cs-max-chats">Chats a visitor may have open at once</label>
        <input id="cs-max-chats" type="number" min={1} max={100} required value={form.maxCustomerChats}
          onChange={(e) => setForm({ ...form, maxCustomerChats: Number(e.target.value) })} data-testid="max-customer-chats" />
        <label htmlFor="cs-websites">Allowed websites</label>
        <textarea id="cs-websites" rows={2} value={form.allowedWebsites} aria-describedby="cs-websites-hint"
          onChange={(e) => setForm({ ...form, allowedWebsites: e.target.value })} data-testid="allowed-websites" />
        <p id="cs-websites-hint" className="cs-muted cs-small">Origins such as https://shop.example, separated by spaces. Empty: any website may embed the widget.</p>
      </fieldset>
      <fieldset>
        <legend>Widget</legend>
        {WIDGET_FIELDS.map(({ key, label, hint, long }) => (
          <div key={key} className="cs-settings__field">
            <label htmlFor={`cs-w-${key}`}>{label}</label>
            {long ? (
              <textarea id={`cs-w-${key}`} rows={2} maxLength={500} value={form.widget[key]} aria-describedby={`cs-w-${key}-hint`} onChange={(e) => setWidget(key, e.target.value)} data-testid={`widget-${key}`} />
            ) : (
              <input id={`cs-w-${key}`} type={key === 'logo_url' ? 'url' : 'text'} maxLength={500} value={form.widget[key]} aria-describedby={`cs-w-${key}-hint`} onChange={(e) => setWidget(key, e.target.value)} data-testid={`widget-${key}`} />
            )}
            <p id={`cs-w-${key}-hint`} className="cs-muted cs-small">{hint}</p>
          </div>
        ))}
        <label htmlFor="cs-w-color">Brand colour</label>
        <span className="cs-settings__color">
          <input id="cs-w-color" type="color" value={form.widget.brand_color || DEFAULT_COLOR} onChange={(e) => setWidget('brand_color', e.target.value)} data-testid="widget-brand_color" />
          <code>{form.widget.brand_color || `${DEFAULT_COLOR} (default)`}</code>
        </span>
      </fieldset>
      <div className="cs-settings__actions">
        <button type="submit" className="cs-button cs-button--primary" disabled={save.busy} data-testid="license-save">Save</button>
        <StatusLine status={save.status} />
      </div>
    </form>
  );
}
