import type { Strings } from '../i18n/en.js';
import type { StoredEvent } from '../state/model.js';
import { systemText } from './systemText.js';

/** One-line text of an event for previews and announcements, in the visitor's words. */
export function eventPreview(event: StoredEvent, s: Strings): string {
  switch (event.type) {
    case 'message':
      return event.text;
    case 'file':
      return s.previewFile(event.name);
    case 'system_message':
      return systemText(event, s);
    case 'rich_message':
      return event.elements[0]?.title ?? s.previewRich;
    default:
      return '';
  }
}
