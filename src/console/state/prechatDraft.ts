import type { Form, FormField, FormFieldType, FormOption } from '../../protocol/forms.js';

/**
 * What the pre-chat form editor offers. `topic` is a select whose field id is `topic`: the widget
 * names the chat's topic after the visitor's choice there (README, "topics").
 */
export const FIELD_KINDS = ['name', 'email', 'question', 'textarea', 'subject', 'select', 'radio', 'checkbox', 'topic', 'header'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const KIND_LABELS: Record<FieldKind, string> = {
  name: 'Name', email: 'E-mail', question: 'Question', textarea: 'Long text', subject: 'Subject (one line)', select: 'Drop-down list',
  radio: 'One choice (radio buttons)', checkbox: 'Several choices (check boxes)', topic: 'Topic (names the chat)', header: 'Heading text',
};

const CHOICE_KINDS: readonly FieldKind[] = ['select', 'radio', 'checkbox', 'topic'];
export const hasChoices = (kind: FieldKind): boolean => CHOICE_KINDS.includes(kind);
export const TOPIC_FIELD_ID = 'topic';

/** One field being edited. `choices` are labels, one per line in the editor; `key` is for React only. */
export interface DraftField {
  key: string;
  id: string;
  kind: FieldKind;
  label: string;
  required: boolean;
  choices: string[];
  /** The options the stored form had, by label: their ids (and `group_id`) stay while the label does. */
  storedOptions: Record<string, FormOption>;
  /**
   * A stored field of a type this editor does not offer (`group_chooser`, `rating`): kept exactly as
   * it was, and only moved or removed here.
   */
  kept?: FormField;
  /** Not stored yet: its id may still follow its label. */
  fresh: boolean;
}

export interface PrechatDraft {
  enabled: boolean;
  formId: string | undefined;
  fields: DraftField[];
}

let keys = 0;
const nextKey = () => `f${++keys}`;

export function newField(kind: FieldKind, fields: readonly DraftField[]): DraftField {
  const id = kind === 'topic' ? TOPIC_FIELD_ID : uniqueId(kind, fields);
  return { key: nextKey(), id, kind, label: kind === 'topic' ? 'Topic' : '', required: kind !== 'header', choices: [], storedOptions: {}, fresh: true };
}

/** A draft from the stored `forms.prechat` value (a JSON string; empty = disabled). */
export function draftFromStored(value: string): PrechatDraft {
  if (!value.trim()) return { enabled: false, formId: undefined, fields: [] };
  try {
    const form = JSON.parse(value) as Partial<Form>;
    return { enabled: true, formId: form.id, fields: (form.fields ?? []).map(draftField) };
  } catch {
    return { enabled: true, formId: undefined, fields: [] };
  }
}

function draftField(f: FormField, index: number): DraftField {
  const id = f.id ?? `field_${index + 1}`;
  const editable = FIELD_KINDS.includes(f.type as FieldKind);
  const kind: FieldKind = id === TOPIC_FIELD_ID && f.type === 'select' ? 'topic' : editable ? f.type as FieldKind : 'question';
  const options = f.options ?? [];
  return {
    key: nextKey(), id, kind, label: f.label, required: f.required === true,
    choices: options.map((o) => o.label), storedOptions: Object.fromEntries(options.map((o) => [o.label, o])), fresh: false,
    ...(editable ? {} : { kept: { ...f, id } }),
  };
}

/** The form definition to store (validated again by the server). */
export function formFromDraft(draft: PrechatDraft): Form {
  return {
    id: draft.formId ?? 'prechat',
    fields: draft.fields.map((f) => {
      if (f.kept) return f.kept;
      const type: FormFieldType = f.kind === 'topic' ? 'select' : f.kind;
      const field: FormField = { id: f.id, type, label: f.label.trim() };
      if (f.kind !== 'header') field.required = f.required;
      if (hasChoices(f.kind)) field.options = optionsOf(f);
      return field;
    }),
  };
}

function optionsOf(f: DraftField): FormOption[] {
  const taken = new Set<string>();
  return f.choices.map((c) => c.trim()).filter(Boolean).map((label, i) => {
    const stored = f.storedOptions[label];
    let id = stored?.id ?? (slug(label) || `option_${i + 1}`);
    while (taken.has(id)) id = `${id}_${i + 1}`;
    taken.add(id);
    return stored?.group_id === undefined ? { id, label } : { id, label, group_id: stored.group_id };
  });
}

/** What the editor refuses before asking the server: field key → problem ('' for the whole form). */
export function draftProblems(draft: PrechatDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.enabled) return problems;
  if (draft.fields.length === 0) problems[''] = 'Add at least one field, or turn the form off.';
  for (const f of draft.fields) {
    if (f.kept) continue;
    if (!f.label.trim()) problems[f.key] = 'Give this field a label.';
    else if (hasChoices(f.kind) && f.choices.every((c) => !c.trim())) problems[f.key] = 'List at least one choice, one per line.';
  }
  return problems;
}

export function moveField(fields: readonly DraftField[], key: string, by: -1 | 1): DraftField[] {
  const from = fields.findIndex((f) => f.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= fields.length) return [...fields];
  const next = [...fields];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

function slug(label: string): string {
  return label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48);
}

function uniqueId(kind: FieldKind, fields: readonly DraftField[]): string {
  const ids = new Set(fields.map((f) => f.id));
  if (!ids.has(kind) && kind !== 'header') return kind;
  let n = fields.length + 1;
  while (ids.has(`field_${n}`)) n += 1;
  return `field_${n}`;
}

/** A new field's id follows its label while nobody has saved it yet (readable ids in `filled_form`). */
export function idForLabel(field: DraftField, label: string, fields: readonly DraftField[]): string {
  if (!field.fresh || field.kind === 'topic' || field.kind === 'header') return field.id;
  const base = slug(label) || field.kind;
  const others = new Set(fields.filter((f) => f.key !== field.key).map((f) => f.id));
  let id = base;
  for (let n = 2; others.has(id) || id === TOPIC_FIELD_ID; n += 1) id = `${base}_${n}`;
  return id;
}
