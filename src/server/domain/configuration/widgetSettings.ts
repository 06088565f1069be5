import type { Properties } from '../../../protocol/entities.js';
import type { PropertyDefinition } from '../model.js';

type Definition = Omit<PropertyDefinition, 'licenseId'>;

const readable: Definition['access'] = { license: { agent: ['read', 'write'], customer: ['read'] } };

function setting(name: string, type: Definition['type'], description: string): Definition {
  return { namespace: 'switchboard', name, type, description, access: readable, publicAccess: ['read'] };
}

/**
 * The widget's look and words, set per license by the owner and read by every visitor's widget
 * (`list_license_properties`, namespace `switchboard`); registered on first start.
 */
export const WIDGET_SETTING_DEFINITIONS: readonly Definition[] = [
  setting('widget_name', 'string', 'Name of the site or team shown on the widget\'s home view.'),
  setting('logo_url', 'string', 'http(s) URL of the logo shown on the widget\'s home view.'),
  setting('brand_color', 'string', 'Brand colour of the widget as #rrggbb.'),
  setting('welcome_text', 'string', 'Welcome text on the widget\'s home view.'),
  setting('reply_time', 'int', 'Usual reply time in minutes, shown on the widget\'s home view.'),
];

/** What a fresh server sets so that the product's point, several chats at once, works out of the box (#15). */
export const FIRST_START_LICENSE_PROPERTIES: Properties = { routing: { max_customer_chats_count: 5 } };
