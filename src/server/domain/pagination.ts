import { DomainError } from './errors.js';
import type { Cursor, SortOrder } from './ports.js';

/** What a page token remembers: the first request's order, limit and filters, and where to go on. */
export interface PageToken<F = unknown> {
  order: SortOrder;
  limit: number;
  filters?: F;
  after?: Cursor;
  /** Microseconds; tokens live a month. */
  expires: number;
  scope?: string;
  /** A previous-page token: read in the opposite order, then flip. */
  reversed?: boolean;
}

const MONTH_US = 31 * 24 * 3600 * 1_000_000;

export function encodePageToken<F>(token: Omit<PageToken<F>, 'expires'>, now: number): string {
  return Buffer.from(JSON.stringify({ ...token, expires: now + MONTH_US })).toString('base64');
}

export function decodePageToken<F>(pageId: string, now: number, scope?: string): PageToken<F> {
  let token: PageToken<F>;
  try {
    token = JSON.parse(Buffer.from(pageId, 'base64').toString('utf8')) as PageToken<F>;
  } catch {
    throw new DomainError('validation', 'Invalid page_id');
  }
  if (typeof token !== 'object' || token === null || (token.order !== 'asc' && token.order !== 'desc') || typeof token.limit !== 'number') {
    throw new DomainError('validation', 'Invalid page_id');
  }
  if (token.expires < now) throw new DomainError('validation', 'page_id expired');
  if (scope !== undefined && token.scope !== scope) throw new DomainError('validation', 'page_id belongs to another list');
  return token;
}

export interface PageInput<F> { page_id?: string; limit?: number; sort_order?: SortOrder; filters?: F }

/** Resolves a list request into order/limit/filters/cursor, refusing page_id mixed with the others. */
export function resolvePage<F>(input: PageInput<F>, defaults: { limit: number; max: number }, now: number, scope?: string): PageToken<F> {
  if (input.page_id !== undefined) {
    if (input.limit !== undefined || input.sort_order !== undefined || input.filters !== undefined) {
      throw new DomainError('validation', 'page_id cannot be combined with limit, sort_order or filters');
    }
    return decodePageToken<F>(input.page_id, now, scope);
  }
  const limit = input.limit ?? defaults.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > defaults.max) {
    throw new DomainError('validation', `limit must be between 1 and ${defaults.max}`);
  }
  return { order: input.sort_order ?? 'desc', limit, filters: input.filters, expires: 0, scope };
}

interface Keyed { key: number; id: string }
const flip = (o: SortOrder): SortOrder => (o === 'asc' ? 'desc' : 'asc');

/**
 * Runs one page of a keyset-paginated list. A token may walk backwards (a previous page): it then
 * reads in the opposite order and the rows are flipped back, so every page reads in the order first asked.
 */
export async function paginate<T, F>(
  token: PageToken<F>,
  now: number,
  keyOf: (row: T) => Keyed,
  fetch: (order: SortOrder, after: Cursor | undefined, limit: number) => Promise<{ items: T[]; total: number }>,
): Promise<{ rows: T[]; total: number; links: { next_page_id?: string; previous_page_id?: string } }> {
  const backwards = isReversed(token);
  const order = backwards ? flip(token.order) : token.order;
  const page = await fetch(order, token.after, token.limit + 1);
  const more = page.items.length > token.limit;
  const rows = page.items.slice(0, token.limit);
  if (backwards) rows.reverse();
  const first = rows[0] ? keyOf(rows[0]) : undefined;
  const last = rows[rows.length - 1] ? keyOf(rows[rows.length - 1]!) : undefined;
  const base = { limit: token.limit, filters: token.filters, scope: token.scope, order: token.order };
  const hasNext = backwards ? token.after !== undefined : more;
  const hasPrevious = backwards ? more : token.after !== undefined;
  const links: { next_page_id?: string; previous_page_id?: string } = {};
  if (hasNext && last) links.next_page_id = encodePageToken({ ...base, after: last }, now);
  if (hasPrevious && first) links.previous_page_id = encodePageToken({ ...base, after: first, reversed: true }, now);
  return { rows, total: page.total, links };
}

/** A previous-page token walks in reverse; `paginate` flips the rows back to the original order. */
export function isReversed(token: PageToken<unknown>): boolean {
  return token.reversed === true;
}
