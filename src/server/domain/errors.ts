import { ERROR_CATALOG, type ErrorBody, type ErrorType } from '../../protocol/errors.js';

/** The only error type the domain throws; the API layer turns it into the wire shape. */
export class DomainError extends Error {
  readonly type: ErrorType;
  readonly data?: Record<string, unknown>;

  constructor(type: ErrorType, message?: string, data?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message ?? ERROR_CATALOG[type].message, options);
    this.name = 'DomainError';
    this.type = type;
    this.data = data;
  }

  toBody(): ErrorBody {
    return this.data ? { type: this.type, message: this.message, data: this.data } : { type: this.type, message: this.message };
  }
}

/** Wraps anything thrown into a DomainError, keeping the original as `cause`. */
export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  return new DomainError('internal', undefined, undefined, { cause: err });
}
