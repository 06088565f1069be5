import { z } from 'zod';
import { CHOICE_FIELD_TYPES, FORM_FIELD_TYPES, FORM_TYPES, type Form, type FormType, type GetFormResponse } from '../../../protocol/forms.js';
import { DomainError } from '../errors.js';
import type { PropertyDefinition } from '../model.js';
import type { PropertyCatalog } from './propertyCatalog.js';
import type { UnitOfWork } from '../unitOfWork.js';

/**
 * Where forms live: license and group properties `forms.prechat`, `forms.postchat` and
 * `forms.ask_for_email`, each a JSON string holding a form definition (docs/api-notes.md#forms).
 * A group's value overrides the license's; an empty string or no value means the form is disabled.
 */
export const FORMS_NAMESPACE = 'forms';

export const FORM_PROPERTY_DEFINITIONS: Omit<PropertyDefinition, 'licenseId'>[] = FORM_TYPES.map((type) => ({
  namespace: FORMS_NAMESPACE, name: type, type: 'string', defaultValue: '',
  description: `The ${type} form as JSON: {"id"?, "fields":[{"id"?, "type", "label", "required"?, "options"?}]}; empty = disabled`,
  access: { license: { agent: ['read', 'write'] }, group: { agent: ['read', 'write'] } },
}));

const text = (max: number) => z.string().trim().min(1).max(max);
const option = z.strictObject({ id: text(64), label: text(256), group_id: z.number().int().nonnegative().optional() });
const field = z.strictObject({
  id: text(64).optional(),
  type: z.enum(FORM_FIELD_TYPES),
  label: text(256),
  required: z.boolean().optional(),
  options: z.array(option).min(1).max(50).optional(),
}).superRefine((f, ctx) => {
  const choice = CHOICE_FIELD_TYPES.includes(f.type);
  if (choice && !f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.type} field needs options` });
  if (!choice && f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.type} field has no options` });
  if (f.type === 'header' && f.required !== undefined) ctx.addIssue({ code: 'custom', path: ['required'], message: 'a header cannot be required' });
  if (f.type === 'group_chooser' && f.options?.some((o) => o.group_id === undefined)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'group_chooser options need group_id' });
  if (f.options && new Set(f.options.map((o) => o.id)).size !== f.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must be unique' });
});
const definition = z.strictObject({ id: text(64).optional(), fields: z.array(field).min(1).max(30) });

/**
 * Parses a stored form property; throws `validation` naming the first problem. Fields without an
 * id get `field_<n>` (1-based), so answers can be matched to fields.
 *
 * @example
 * parseFormDefinition('{"fields":[{"type":"name","label":"Your name","required":true}]}', 'prechat')
 * // → { id: 'prechat', fields: [{ id: 'field_1', type: 'name', label: 'Your name', required: true }] }
 */
export function parseFormDefinition(value: string, type: FormType): Form | undefined {
  if (value.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new DomainError('validation', `${FORMS_NAMESPACE}.${type} must be a JSON form definition or empty`);
  }
  const parsed = definition.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError('validation', `${FORMS_NAMESPACE}.${type}: ${issue.path.join('.') || 'form'}: ${issue.message}`);
  }
  const fields = parsed.data.fields.map((f, i) => ({ ...f, id: f.id ?? `field_${i + 1}` }));
  if (new Set(fields.map((f) => f.id)).size !== fields.length) throw new DomainError('validation', `${FORMS_NAMESPACE}.${type}: field ids must be unique`);
  return { id: parsed.data.id ?? type, fields };
}

/** Customer `get_form`: the group's form of a type, else the license's. */
export class Forms {
  constructor(private readonly uow: UnitOfWork, private readonly catalog: PropertyCatalog) {}

  get(licenseId: number, groupId: number, type: FormType): Promise<GetFormResponse> {
    return this.uow.read(async (tx) => {
      if (groupId !== 0 && !(await tx.listGroupIds(licenseId)).includes(groupId)) throw new DomainError('group_not_found');
      const group = (await tx.getGroupProperties(licenseId, groupId))[FORMS_NAMESPACE]?.[type];
      const license = (await this.catalog.licenseValues(tx, licenseId))[FORMS_NAMESPACE]?.[type];
      const value = typeof group === 'string' ? group : typeof license === 'string' ? license : '';
      const form = parseFormDefinition(value, type);
      return form ? { enabled: true, form } : { enabled: false };
    });
  }
}
