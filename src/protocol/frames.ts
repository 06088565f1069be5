import type { ErrorBody } from './errors.js';

/** Client → server RTM frame. `payload` may be absent (treated as `{}`). */
export interface RequestFrame<A extends string = string, P = unknown> {
  action: A;
  payload?: P;
  request_id?: string;
  version?: string;
  /** Agent RTM only: act as this bot. */
  author_id?: string;
}

export interface SuccessResponseFrame<A extends string = string, P = unknown> {
  request_id?: string;
  action: A;
  type: 'response';
  success: true;
  payload: P;
}

export interface ErrorResponseFrame<A extends string = string> {
  request_id?: string;
  action: A;
  type: 'response';
  success: false;
  payload: { error: ErrorBody };
}

export type ResponseFrame<A extends string = string, P = unknown> =
  | SuccessResponseFrame<A, P>
  | ErrorResponseFrame<A>;

export interface PushFrame<A extends string = string, P = unknown> {
  version: string;
  action: A;
  type: 'push';
  payload: P;
  /** Present only on the requester's own connection when the push is the visible result of its request. */
  request_id?: string;
}

export type ServerFrame = ResponseFrame | PushFrame;

/** WebSocket close codes Switchboard uses (4000–4999 is the application range). */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  unparsableFrame: 1003,
  policyViolation: 1008,
  frameTooLarge: 1009,
  internalError: 1011,
  /** The node is draining (restart or scale-in): reconnect right away, with jitter, to any node. */
  serviceRestart: 1012,
  disconnected: 4000,
} as const;
