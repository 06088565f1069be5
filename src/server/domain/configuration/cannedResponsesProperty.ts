import type { PropertyDefinition } from '../model.js';

/**
 * NOTE: canned responses live in one license property, `switchboard.canned_responses`, a JSON
 * document written only by the canned response actions (read-modify-write in one unit of work, so
 * two administrators saving at once both keep their change). The property is built in with no
 * agent or customer access: the generic property actions neither show nor write it, and no client
 * may register it. Both store adapters stay as they are (docs/api-notes.md#canned-responses).
 */
export const CANNED_RESPONSES_PROPERTY = { namespace: 'switchboard', name: 'canned_responses' } as const;

export const CANNED_RESPONSES_PROPERTY_DEFINITION: Omit<PropertyDefinition, 'licenseId'> = {
  ...CANNED_RESPONSES_PROPERTY, type: 'string', access: { license: {} },
  description: 'Canned responses of the license; managed with create/update/delete/list_canned_responses only',
};
