import type { StoredEvent } from '../state/model.js';
import { strings } from './strings.js';

/** Local calendar day of a timestamp, `YYYY-MM-DD`. */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso: string, now = new Date()): string {
  const key = dayKey(iso);
  if (key === dayKey(now.toISOString())) return strings.today;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (key === dayKey(yesterday.toISOString())) return strings.yesterday;
  return new Date(iso).toLocaleDateString('en', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** Time for the chat list: the time today, else the short date. */
export function formatListTime(iso: string, now = new Date()): string {
  if (!iso) return '';
  return dayKey(iso) === dayKey(now.toISOString()) ? formatTime(iso) : new Date(iso).toLocaleDateString('en', { day: 'numeric', month: 'short' });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One-line text of an event for previews and announcements. */
export function eventPreview(event: StoredEvent): string {
  switch (event.type) {
    case 'message':
      return event.text;
    case 'file':
      return strings.previewFile(event.name);
    case 'system_message':
      return event.text ?? '';
    case 'rich_message':
      return event.elements[0]?.title ?? strings.previewRich;
    default:
      return '';
  }
}
