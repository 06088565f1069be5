import type { PropertyDefinition } from '../model.js';
import { DomainError } from '../errors.js';

/**
 * How the widget presents the organization: license properties in the `switchboard` namespace,
 * registered on every start like `switchboard.topic` (so existing data folders get them too).
 * Agents read and write them (owners and administrators, through `update_license_properties`);
 * visitors' widgets read them.
 */
const licenseRw = { license: { agent: ['read', 'write'] as ('read' | 'write')[], customer: ['read'] as ('read' | 'write')[] } };

const widget = (name: string, description: string): Omit<PropertyDefinition, 'licenseId'> => ({
  namespace: 'switchboard', name, type: 'string', description, access: licenseRw, defaultValue: '',
});

export const WIDGET_PROPERTY_DEFINITIONS: Omit<PropertyDefinition, 'licenseId'>[] = [
  widget('widget_name', 'Name shown in the widget header ("Acme support"); empty = "Chat"'),
  widget('logo_url', 'https URL of a square logo shown in the widget header; empty = none'),
  widget('brand_color', 'Brand colour of the widget as #rrggbb; empty = the default blue'),
  widget('welcome_text', 'First line a visitor reads before starting a chat'),
  widget('reply_time', 'Usual reply time as the widget states it ("within a few minutes")'),
];

const MAX_TEXT = 500;

function text(label: string, value: string): void {
  if (value.length > MAX_TEXT) throw new DomainError('validation', `${label} holds at most ${MAX_TEXT} characters`);
}

/** Checks of the widget properties whose strings have a grammar; keyed by `namespace.name`. */
export const WIDGET_VALUE_CHECKS: Record<string, (value: unknown) => void> = {
  'switchboard.brand_color': (value) => {
    if (value !== '' && !/^#[0-9a-fA-F]{6}$/.test(value as string)) throw new DomainError('validation', `switchboard.brand_color: ${JSON.stringify(value)} is not a colour such as #2453d4`);
  },
  'switchboard.logo_url': (value) => {
    if (value === '') return;
    let url: URL | undefined;
    try {
      url = new URL(value as string);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new DomainError('validation', `switchboard.logo_url: ${JSON.stringify(value)} is not an http(s) URL`);
  },
  'switchboard.widget_name': (value) => text('switchboard.widget_name', value as string),
  'switchboard.welcome_text': (value) => text('switchboard.welcome_text', value as string),
  'switchboard.reply_time': (value) => text('switchboard.reply_time', value as string),
};
