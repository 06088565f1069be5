import type { ErrorBody, ErrorType } from '../protocol/errors.js';

/** Client-side failure types, beside the server's catalog (`ErrorType`). */
export const CLIENT_ERROR_TYPES = ['not_connected', 'connection_lost', 'client_closed'] as const;
export type ClientErrorType = (typeof CLIENT_ERROR_TYPES)[number];
export type RtmErrorType = ErrorType | ClientErrorType;

/**
 * A failed request: either the server's error payload (`type` from the catalog) or a client-side
 * condition (`not_connected`, `connection_lost`, `client_closed`, or `request_timeout`).
 */
export class RtmError extends Error {
  readonly type: RtmErrorType;
  readonly data: Record<string, unknown> | undefined;

  constructor(type: RtmErrorType, message: string, data?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RtmError';
    this.type = type;
    this.data = data;
  }

  static fromBody(body: ErrorBody): RtmError {
    return new RtmError(body.type, body.message, body.data);
  }

  /** True when the request may not have reached the server and is safe to repeat later. */
  get transient(): boolean {
    return isTransientErrorType(this.type);
  }
}

export function isTransientErrorType(type: string): boolean {
  return (
    type === 'not_connected' || type === 'connection_lost' || type === 'request_timeout' ||
    type === 'service_unavailable' || type === 'too_many_requests' || type === 'pending_requests_limit_reached' ||
    type === 'internal'
  );
}

export function errorTypeOf(error: unknown): string {
  if (error instanceof RtmError) return error.type;
  return 'internal';
}
