import { formatSize } from '../../ui/format.js';
import type { Strings } from '../i18n/en.js';

/**
 * Why an upload was refused, from the server's error (`entity_too_large` with `data.max_bytes`;
 * `validation` with `data.reason`), in the visitor's words (#15).
 */
export function uploadErrorText(error: unknown, name: string, s: Strings, locale?: string): string {
  const { type, data } = (error ?? {}) as { type?: unknown; data?: Record<string, unknown> };
  if (type === 'entity_too_large') {
    const max = typeof data?.max_bytes === 'number' ? data.max_bytes : 10 * 1024 * 1024;
    return s.uploadTooLarge(name, formatSize(max, locale));
  }
  if (type === 'validation' && data?.reason === 'file_type_not_allowed') return s.uploadTypeRefused(name);
  if (type === 'validation' && data?.reason === 'file_empty') return s.uploadEmpty(name);
  return s.uploadFailed(name);
}
