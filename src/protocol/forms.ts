/** Forms of the Customer Chat API (`get_form`) and the `filled_form` event that answers them. */

export const FORM_TYPES = ['prechat', 'postchat', 'ask_for_email'] as const;
export type FormType = (typeof FORM_TYPES)[number];

export const FORM_FIELD_TYPES = ['header', 'name', 'email', 'question', 'textarea', 'subject', 'radio', 'select', 'checkbox', 'group_chooser', 'rating'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** Field types that offer `options` to choose from. */
export const CHOICE_FIELD_TYPES: readonly FormFieldType[] = ['radio', 'select', 'checkbox', 'group_chooser'];

export interface FormOption { id: string; label: string; group_id?: number }

export interface FormField {
  id: string;
  type: FormFieldType;
  label: string;
  required?: boolean;
  options?: FormOption[];
}

export interface Form { id: string; fields: FormField[] }

export type GetFormResponse = { enabled: false } | { enabled: true; form: Form };

/** A field of a `filled_form` event: the form's field plus the customer's answer. */
export type FilledFormField = Omit<FormField, 'options' | 'required'> & { answer?: string | FormOption; answers?: FormOption[] };
