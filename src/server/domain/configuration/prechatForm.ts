import { z } from 'zod';
import { DomainError } from '../errors.js';
import type { PropertyCatalog } from './propertyCatalog.js';
import type { UnitOfWork } from '../unitOfWork.js';

/**
 * The pre-chat form: license property `switchboard.prechat_form`, a JSON string the owner sets
 * (Configuration API `update_license_properties` or `npm run admin -- set-license-property`).
 * Customers read it through `get_form` (type `prechat`) and send it back as a `filled_form` event.
 * @example
 * {"enabled":true,"fields":[{"id":"name","type":"name","label":"Your name","required":true},
 *  {"id":"email","type":"email","label":"E-mail","required":true},
 *  {"id":"topic","type":"select","label":"Topic","options":[{"id":"billing","label":"Billing"}]}]}
 */
export const PRECHAT_FORM_PROPERTY = { namespace: 'switchboard', name: 'prechat_form' } as const;

/** NOTE: a choice field with id `topic` also names the chat's topic (`switchboard.topic`) in the widget. */
export const TOPIC_FIELD_ID = 'topic';

const FIELD_TYPES = ['header', 'name', 'email', 'question', 'textarea', 'subject', 'radio', 'select', 'checkbox', 'group_chooser'] as const;
const CHOICE_TYPES = new Set<string>(['radio', 'select', 'checkbox', 'group_chooser']);

const option = z.strictObject({ id: z.string().min(1).max(64), label: z.string().min(1).max(200), group_id: z.number().int().nonnegative().optional() });
const field = z.strictObject({
  id: z.string().min(1).max(64),
  type: z.enum(FIELD_TYPES),
  label: z.string().min(1).max(500),
  required: z.boolean().optional(),
  options: z.array(option).min(1).max(20).optional(),
}).refine((f) => CHOICE_TYPES.has(f.type) === (f.options !== undefined), { message: 'radio, select, checkbox and group_chooser fields need options; other fields have none' });

export const prechatFormSchema = z.strictObject({
  enabled: z.boolean(),
  id: z.string().min(1).max(64).optional(),
  fields: z.array(field).min(1).max(20),
}).refine((f) => new Set(f.fields.map((x) => x.id)).size === f.fields.length, { message: 'field ids must be unique' });

export type PrechatForm = z.infer<typeof prechatFormSchema>;
export type FormField = PrechatForm['fields'][number];

/** Parses the property value; throws `validation` naming the first problem. */
export function parsePrechatForm(value: string): PrechatForm {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new DomainError('validation', 'switchboard.prechat_form must be JSON: {"enabled":true,"fields":[…]}');
  }
  const parsed = prechatFormSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError('validation', `switchboard.prechat_form${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
  }
  return parsed.data;
}

export type GetFormResponse = { enabled: false } | { enabled: true; form: { id: string; fields: FormField[] } };

/** `get_form`: the license's pre-chat form (the same for every group); post-chat forms are never enabled. */
export class Forms {
  constructor(private readonly uow: UnitOfWork, private readonly catalog: PropertyCatalog) {}

  get(licenseId: number, input: { group_id: number; type: 'prechat' | 'postchat' }): Promise<GetFormResponse> {
    return this.uow.read(async (tx) => {
      if (input.group_id !== 0 && !(await tx.listGroupIds(licenseId)).includes(input.group_id)) throw new DomainError('group_not_found');
      if (input.type !== 'prechat') return { enabled: false };
      const raw = (await this.catalog.licenseValues(tx, licenseId))[PRECHAT_FORM_PROPERTY.namespace]?.[PRECHAT_FORM_PROPERTY.name];
      if (typeof raw !== 'string' || raw === '') return { enabled: false };
      const form = parsePrechatForm(raw);
      if (!form.enabled) return { enabled: false };
      return { enabled: true, form: { id: form.id ?? 'prechat', fields: form.fields } };
    });
  }
}
