import type { StoredEvent } from '../state/model.js';
import { strings } from './strings.js';

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
