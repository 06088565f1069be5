import { DomainError } from './errors.js';

/**
 * True for an absolute `http:` or `https:` URL. Every URL a client hands the server (event
 * buttons and images, avatars, page URLs) must pass this: other schemes (`javascript:`, `data:`,
 * `file:`, `blob:`) are what turns a link in someone else's browser into an attack.
 */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

export function requireHttpUrl(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new DomainError('validation', `${field} must be a string`);
  if (!isHttpUrl(value)) throw new DomainError('validation', `${field} must be an absolute http:// or https:// URL`);
  return value;
}

/** A phone button's value: a number with the usual separators, optionally written as a `tel:` URL. */
export function requirePhoneNumber(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new DomainError('validation', `${field} must be a string`);
  if (!/^(tel:)?\+?[\d\s().-]{3,32}$/i.test(value)) throw new DomainError('validation', `${field} must be a phone number`);
  return value;
}
