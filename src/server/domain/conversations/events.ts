import type { EventInput } from '../../../protocol/customer.js';
import type { RichMessageElement, Visibility } from '../../../protocol/entities.js';
import { DomainError } from '../errors.js';
import type { FileRecord } from '../model.js';
import { requireHttpUrl, requirePhoneNumber } from '../urls.js';

export const MAX_TEXT_BYTES = 16 * 1024;
const RICH_TEMPLATES = new Set(['cards', 'sticker', 'quick_replies']);
const BUTTON_TYPES = new Set(['webview', 'message', 'url', 'phone']);

/** What an author may send; `system_message` only from agents or the server. */
export interface NormalizedEvent {
  type: string;
  customId?: string;
  visibility: Visibility;
  body: Record<string, unknown>;
  properties: Record<string, Record<string, unknown>>;
  fileId?: string;
}

/** An upload a file event may name, with the URL the server serves it at (never the client's string). */
export interface ResolvedFile { record: FileRecord; url: string }

/**
 * Checks an inbound event and keeps only its documented fields. `file` is the upload a file event's
 * URL names, when its author may share it (file events must reference this server's uploads); the
 * caller reads it from the store.
 */
export function normalizeEvent(input: EventInput, author: 'customer' | 'agent', file: ResolvedFile | undefined): NormalizedEvent {
  const visibility = (input.visibility ?? (input as { recipients?: Visibility }).recipients ?? 'all') as Visibility;
  if (visibility !== 'all' && visibility !== 'agents') throw new DomainError('validation', 'event.visibility must be all or agents');
  if (author === 'customer' && visibility !== 'all') throw new DomainError('validation', 'Customers can only send events visible to all');
  const customId = input.custom_id;
  if (customId !== undefined && (typeof customId !== 'string' || customId.length > 256)) {
    throw new DomainError('validation', 'event.custom_id must be a string of at most 256 characters');
  }
  // NOTE: one object literal, not a spread of shared fields: spreading made V8 build new hidden
  // classes per event, which live in the old generation and were a quarter of what send_event left
  // for major GCs (#16).
  const event: NormalizedEvent = {
    type: input.type, customId, visibility, body: normalizeBody(input, file),
    properties: (input.properties ?? {}) as Record<string, Record<string, unknown>>,
  };
  if (input.type === 'file') event.fileId = file!.record.id;
  return event;
}

/** The body of an event of a supported type (throws `validation` otherwise). */
function normalizeBody(input: EventInput, file: ResolvedFile | undefined): Record<string, unknown> {
  switch (input.type) {
    case 'message': {
      const text = requireString(input.text, 'event.text');
      if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) throw new DomainError('validation', 'event.text is longer than 16 KB');
      const body: Record<string, unknown> = { text };
      if (input.postback !== undefined) body.postback = checkPostback(input.postback);
      return body;
    }
    case 'system_message': {
      // Customers may post system messages too (customer-sdk does); they are always plain text.
      const body: Record<string, unknown> = { system_message_type: requireString(input.system_message_type, 'event.system_message_type') };
      if (input.text !== undefined) body.text = requireString(input.text, 'event.text');
      if (input.text_vars !== undefined) body.text_vars = requireStringMap(input.text_vars, 'event.text_vars');
      return body;
    }
    case 'file': {
      requireString(input.url, 'event.url');
      if (!file) throw new DomainError('validation', 'event.url must be a URL returned by your own upload_file (or a file already shared in this chat)');
      const { record, url: servedUrl } = file;
      const body: Record<string, unknown> = { name: record.name, url: servedUrl, content_type: record.contentType, size: record.size };
      if (record.width !== undefined && record.height !== undefined) {
        Object.assign(body, { width: record.width, height: record.height, thumbnail_url: servedUrl, thumbnail2x_url: servedUrl });
        if (input.alternative_text !== undefined) body.alternative_text = requireString(input.alternative_text, 'event.alternative_text');
      }
      return body;
    }
    case 'rich_message': {
      const templateId = requireString(input.template_id, 'event.template_id');
      if (!RICH_TEMPLATES.has(templateId)) throw new DomainError('validation', 'event.template_id must be cards, sticker or quick_replies');
      const elements = input.elements ?? [];
      if (!Array.isArray(elements) || elements.length > 10) throw new DomainError('validation', 'event.elements must be an array of at most 10 elements');
      return { template_id: templateId, elements: elements.map(checkElement) };
    }
    case 'filled_form':
    case 'form': {
      const formId = requireString(input.form_id, 'event.form_id');
      if (!Array.isArray(input.fields)) throw new DomainError('validation', 'event.fields must be an array');
      const body: Record<string, unknown> = { form_id: formId, fields: input.fields };
      if (input.form_type !== undefined) body.form_type = requireString(input.form_type, 'event.form_type');
      return body;
    }
    case 'custom': {
      const body: Record<string, unknown> = {};
      if (input.content !== undefined) {
        if (typeof input.content !== 'object' || input.content === null || Array.isArray(input.content)) throw new DomainError('validation', 'event.content must be an object');
        if (JSON.stringify(input.content).length > 64 * 1024) throw new DomainError('validation', 'event.content is too large');
        body.content = input.content;
      }
      return body;
    }
    default:
      throw new DomainError('validation', `event.type ${JSON.stringify(input.type)} is not supported`);
  }
}

function requireString(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new DomainError('validation', `${field} must be a string`);
  return v;
}

function requireStringMap(v: unknown, field: string): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new DomainError('validation', `${field} must be an object`);
  for (const value of Object.values(v)) if (typeof value !== 'string') throw new DomainError('validation', `${field} values must be strings`);
  return v as Record<string, string>;
}

function checkPostback(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null) throw new DomainError('validation', 'event.postback must be an object');
  const p = v as Record<string, unknown>;
  const out: Record<string, string> = {
    id: requireString(p.id, 'event.postback.id'),
    thread_id: requireString(p.thread_id, 'event.postback.thread_id'),
    event_id: requireString(p.event_id, 'event.postback.event_id'),
  };
  if ((p.type === undefined) !== (p.value === undefined)) throw new DomainError('validation', 'event.postback.type and value go together');
  if (p.type !== undefined) {
    out.type = requireString(p.type, 'event.postback.type');
    out.value = requireString(p.value, 'event.postback.value');
  }
  return out;
}

function checkElement(raw: unknown, i: number): RichMessageElement {
  if (typeof raw !== 'object' || raw === null) throw new DomainError('validation', `event.elements[${i}] must be an object`);
  const e = raw as Record<string, unknown>;
  const out: RichMessageElement = {};
  if (e.title !== undefined) out.title = requireString(e.title, `event.elements[${i}].title`);
  if (e.subtitle !== undefined) out.subtitle = requireString(e.subtitle, `event.elements[${i}].subtitle`);
  if (e.image !== undefined) out.image = checkImage(e.image, `event.elements[${i}].image`);
  if (e.buttons !== undefined) {
    if (!Array.isArray(e.buttons) || e.buttons.length > 13) throw new DomainError('validation', `event.elements[${i}].buttons must be an array of at most 13 buttons`);
    out.buttons = e.buttons.map((b: unknown, j: number) => {
      const btn = (b ?? {}) as Record<string, unknown>;
      const field = `event.elements[${i}].buttons[${j}]`;
      const text = requireString(btn.text, `${field}.text`);
      const type = btn.type === undefined ? 'message' : requireString(btn.type, `${field}.type`);
      if (!BUTTON_TYPES.has(type)) throw new DomainError('validation', `${field}.type must be webview, message, url or phone`);
      const button = { text, type: type as 'message', postback_id: requireString(btn.postback_id, `${field}.postback_id`), user_ids: [] as string[] } as RichMessageElement['buttons'] extends (infer B)[] | undefined ? B : never;
      if (btn.value !== undefined) button.value = checkButtonValue(type, btn.value, `${field}.value`);
      if (btn.webview_height !== undefined) button.webview_height = requireString(btn.webview_height, `${field}.webview_height`) as 'compact';
      if (btn.target !== undefined) button.target = requireString(btn.target, `${field}.target`) as 'new';
      return button;
    });
  }
  return out;
}

/** `url` and `webview` buttons open their value: http(s) only; `phone` buttons dial it. */
function checkButtonValue(type: string, value: unknown, field: string): string {
  if (type === 'url' || type === 'webview') return requireHttpUrl(value, field);
  if (type === 'phone') return requirePhoneNumber(value, field);
  return requireString(value, field);
}

/** Only the documented image fields, with an http(s) URL. */
function checkImage(raw: unknown, field: string): NonNullable<RichMessageElement['image']> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DomainError('validation', `${field} must be an object`);
  const img = raw as Record<string, unknown>;
  const out: NonNullable<RichMessageElement['image']> = { url: requireHttpUrl(img.url, `${field}.url`) };
  for (const key of ['name', 'content_type', 'alternative_text'] as const) if (img[key] !== undefined) out[key] = requireString(img[key], `${field}.${key}`);
  for (const key of ['size', 'width', 'height'] as const) {
    if (img[key] === undefined) continue;
    if (!Number.isInteger(img[key]) || (img[key] as number) < 0) throw new DomainError('validation', `${field}.${key} must be a non-negative integer`);
    out[key] = img[key] as number;
  }
  return out;
}
