import type { ConfigurationActions } from '../../protocol/configuration.js';
import type { WebApi } from '../../rtm/webApi.js';

/**
 * The pre-chat form where the widget's `get_form` reads it: the license property `forms.prechat`,
 * a JSON string the server validates (docs/api-notes.md#forms). Deleting it disables the form.
 */
export interface PrechatSettings {
  /** The stored JSON, or '' when the form is disabled. */
  loadPrechatForm(): Promise<string>;
  savePrechatForm(json: string): Promise<void>;
  disablePrechatForm(): Promise<void>;
}

type Api = Pick<WebApi<ConfigurationActions>, 'action'>;

export function createPrechatSettings(api: Api): PrechatSettings {
  return {
    async loadPrechatForm() {
      const forms = (await api.action('list_license_properties', { namespace: 'forms' })).forms;
      return typeof forms?.prechat === 'string' ? forms.prechat : '';
    },
    async savePrechatForm(json) {
      await api.action('update_license_properties', { properties: { forms: { prechat: json } } });
    },
    async disablePrechatForm() {
      await api.action('delete_license_properties', { properties: { forms: ['prechat'] } });
    },
  };
}
