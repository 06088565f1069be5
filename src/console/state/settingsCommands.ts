import type { Properties } from '../../protocol/entities.js';
import type { AgentInput, CannedResponse, ConfigAgent, ConfigGroup, ConfigurationActions } from '../../protocol/configuration.js';
import type { WebApi } from '../../rtm/webApi.js';
import { errorTypeOf } from '../../rtm/RtmError.js';
import { createBotSettings, type BotSettings } from './botSettings.js';
import { createPrechatSettings, type PrechatSettings } from './prechatSettings.js';

/** The widget's look and words: license properties in the `switchboard` namespace. */
export interface WidgetSettings {
  widget_name: string;
  logo_url: string;
  brand_color: string;
  welcome_text: string;
  reply_time: string;
}

/** What the settings area shows of the license. */
export interface LicenseSettings {
  maxCustomerChats: number;
  allowedWebsites: string;
  widget: WidgetSettings;
}

/**
 * The settings area's calls: the Configuration API only, so nothing the console does is beyond an
 * API client. Each call resolves with the server's answer or rejects with an `RtmError`.
 */
export interface SettingsCommands extends PrechatSettings, BotSettings {
  loadLicense(): Promise<LicenseSettings>;
  saveLicense(settings: LicenseSettings): Promise<void>;
  listAgents(): Promise<ConfigAgent[]>;
  /** Resolves with the new agent's sign-in token, shown once. */
  createAgent(id: string, input: AgentInput & { name: string }): Promise<string | undefined>;
  updateAgent(id: string, input: AgentInput): Promise<void>;
  deleteAgent(id: string): Promise<void>;
  listGroups(): Promise<ConfigGroup[]>;
  createGroup(name: string): Promise<number>;
  renameGroup(id: number, name: string): Promise<void>;
  deleteGroup(id: number): Promise<void>;
  /** Every canned response this agent may use (all pages). */
  listCannedResponses(): Promise<CannedResponse[]>;
  createCannedResponse(input: CannedResponseInput): Promise<number>;
  updateCannedResponse(id: number, input: CannedResponseInput): Promise<void>;
  deleteCannedResponse(id: number): Promise<void>;
}

export interface CannedResponseInput {
  text: string;
  tags: string[];
  group_id: number;
}

const WIDGET_KEYS: (keyof WidgetSettings)[] = ['widget_name', 'logo_url', 'brand_color', 'welcome_text', 'reply_time'];

type Api = Pick<WebApi<ConfigurationActions>, 'action'>;

export function createSettingsCommands(api: Api): SettingsCommands {
  return {
    ...createPrechatSettings(api),
    ...createBotSettings(api),
    async loadLicense() {
      const all = await api.action('list_license_properties', {});
      const widget = Object.fromEntries(WIDGET_KEYS.map((key) => [key, String(all.switchboard?.[key] ?? '')])) as unknown as WidgetSettings;
      return {
        maxCustomerChats: Number(all.routing?.max_customer_chats_count ?? 1),
        allowedWebsites: String(all.security?.allowed_websites ?? ''),
        widget,
      };
    },
    async saveLicense(settings) {
      const properties: Properties = {
        routing: { max_customer_chats_count: settings.maxCustomerChats },
        security: { allowed_websites: settings.allowedWebsites.trim() },
        switchboard: { ...settings.widget },
      };
      await api.action('update_license_properties', { properties });
    },
    listAgents: () => api.action('list_agents', { fields: ['max_chats_count', 'groups'] }),
    async createAgent(id, input) {
      const created = await api.action('create_agent', { id, ...input });
      return created.personal_access_token;
    },
    async updateAgent(id, input) {
      await api.action('update_agent', { id, ...input });
    },
    async deleteAgent(id) {
      await api.action('delete_agent', { id });
    },
    listGroups: () => api.action('list_groups', {}),
    async createGroup(name) {
      return (await api.action('create_group', { name, agent_priorities: {} })).id;
    },
    async renameGroup(id, name) {
      await api.action('update_group', { id, name });
    },
    async deleteGroup(id) {
      await api.action('delete_group', { id });
    },
    async listCannedResponses() {
      const all: CannedResponse[] = [];
      let page = await api.action('list_canned_responses', { limit: 1000 });
      all.push(...page.canned_responses);
      while (page.next_page_id) {
        page = await api.action('list_canned_responses', { page_id: page.next_page_id });
        all.push(...page.canned_responses);
      }
      return all;
    },
    async createCannedResponse(input) {
      return (await api.action('create_canned_response', input)).id;
    },
    async updateCannedResponse(id, input) {
      await api.action('update_canned_response', { id, ...input });
    },
    async deleteCannedResponse(id) {
      await api.action('delete_canned_response', { id });
    },
  };
}

const MESSAGES: Record<string, string> = {
  authorization: 'Only owners and administrators may change this.',
  already_exists: 'An agent with this id exists already.',
  validation: 'The server refused a value.',
  not_found: 'It no longer exists.',
  limit_reached: 'A client may register at most 3 webhooks per action.',
  group_not_found: 'That group no longer exists.',
};

/** Plain words for a failed settings call; the server's own message when it says what was wrong. */
export function describeSettingsError(error: unknown): string {
  const type = errorTypeOf(error);
  const detail = error instanceof Error && error.message ? error.message : '';
  if (type === 'validation' && detail) return detail;
  return MESSAGES[type] ?? (detail || type);
}
