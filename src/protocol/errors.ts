/**
 * The one error catalog. Each type is part of the wire contract (clients switch on it);
 * `status` is the HTTP status used by the Web API (a Switchboard choice, see protocol/README §4).
 */
export const ERROR_CATALOG = {
  validation: { status: 400, message: 'Invalid request' },
  authentication: { status: 401, message: 'Invalid or expired access token' },
  authorization: { status: 403, message: 'Not allowed' },
  missing_access: { status: 403, message: 'No access to this resource' },
  not_found: { status: 404, message: 'Not found' },
  group_not_found: { status: 404, message: 'Group not found' },
  license_not_found: { status: 404, message: 'License not found' },
  chat_inactive: { status: 409, message: 'Chat is inactive' },
  chat_already_active: { status: 409, message: 'Chat is already active' },
  chat_limit_reached: { status: 422, message: 'Chat limit reached' },
  limit_reached: { status: 422, message: 'Limit reached' },
  customer_session_fields_limit_reached: { status: 422, message: 'Too many session fields' },
  customer_banned: { status: 403, message: 'Customer is banned' },
  group_offline: { status: 422, message: 'Group is offline' },
  group_unavailable: { status: 422, message: 'Nobody in the group can take the chat' },
  groups_offline: { status: 422, message: 'Groups offline' },
  users_limit_reached: { status: 422, message: 'Too many concurrent customers' },
  seats_limit_exceeded: { status: 422, message: 'No free seat on this license' },
  requester_suspended: { status: 403, message: 'The requester is suspended' },
  requester_awaiting_approval: { status: 403, message: 'The requester is awaiting approval' },
  agent_offline: { status: 422, message: 'Agent is offline' },
  requester_already_offline: { status: 422, message: 'Requester is already offline' },
  not_allowed: { status: 403, message: 'Not allowed in the current state' },
  already_exists: { status: 409, message: 'Already exists' },
  greeting_not_found: { status: 404, message: 'Greeting not found' },
  entity_too_large: { status: 413, message: 'Upload too large' },
  too_many_requests: { status: 429, message: 'Too many requests' },
  pending_requests_limit_reached: { status: 429, message: 'Too many pending requests' },
  request_timeout: { status: 504, message: 'Request timed out' },
  license_expired: { status: 403, message: 'License expired' },
  unsupported_version: { status: 400, message: 'Unsupported API version' },
  internal: { status: 500, message: 'Internal server error' },
  service_unavailable: { status: 503, message: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorType = keyof typeof ERROR_CATALOG;

/** The error object on the wire: inside `payload.error` on RTM, under `error` on HTTP. */
export interface ErrorBody {
  type: ErrorType;
  message: string;
  data?: Record<string, unknown>;
}

export function errorStatus(type: ErrorType): number {
  return ERROR_CATALOG[type].status;
}
