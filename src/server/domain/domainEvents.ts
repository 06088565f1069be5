import type { PushName } from './pushNames.js';

/**
 * What services produce after a commit. A push relay turns these into RTM pushes (per viewer),
 * the webhook subscriber into deliveries. Payloads are already rendered in both views.
 */
export interface ChatPush {
  kind: 'chat_push';
  licenseId: number;
  chatId: string;
  name: PushName;
  /** Agent view; also the webhook payload. */
  agentPayload: unknown;
  /** Customer view; absent when customers must not receive this push. */
  customerPayload?: unknown;
  /** Chat users who receive it (customers and agents), present or not. */
  userIds: string[];
  /** Also every logged-in agent with access to these groups. */
  agentGroups?: number[];
  /** Never delivered to these users' connections (a typing indicator's author). */
  excludeUserIds?: string[];
  origin?: Origin;
  /**
   * A push without its webhook: the webhook of the same name fires at another moment. NOTE: the
   * `incoming_chat` a transfer target receives is one (the webhook is for a chat coming with a new thread).
   */
  pushOnly?: true;
  /**
   * The chat's unit-of-work number in commit order, when the store runs units in parallel (several
   * nodes): receivers put a chat's pushes back into this order (fanout/chatPushOrder.ts).
   */
  chatSeq?: number;
  /** For webhook filters. */
  meta?: { authorType?: 'customer' | 'agent'; sourceClientId?: string; userType?: 'customer' | 'agent' };
}

/** A push addressed to some users' connections (customer_updated to the customer and its agents…). */
export interface UserPush {
  kind: 'user_push';
  licenseId: number;
  userIds: string[];
  name: PushName;
  payload: unknown;
  origin?: Origin;
  /** Not delivered to this connection (it learns the outcome from its response). */
  excludeConnectionId?: string;
}

/** A push to every logged-in agent of a license, and the webhook of the same name. */
export interface LicensePush {
  kind: 'license_push';
  licenseId: number;
  name: PushName;
  payload: unknown;
  /** The webhook's payload where it differs from the push's (`incoming_customer` wraps the customer). */
  webhookPayload?: unknown;
  /** Only one of the two channels (a returning visitor is pushed to agents but is no new customer for webhooks). */
  only?: 'push' | 'webhook';
  origin?: Origin;
  /** Only agents with access to one of these groups (group 0: every agent). */
  agentGroups?: number[];
}

/** Close every connection of a user after sending the matching `*_disconnected` push. */
export interface DisconnectUser {
  kind: 'disconnect_user';
  licenseId: number;
  userId: string;
  reason: string;
  data?: Record<string, unknown>;
}

/** An agent's role or groups changed: its connections now receive pushes for these groups. */
export interface AgentAccessChanged {
  kind: 'agent_access_changed';
  licenseId: number;
  userId: string;
  agentGroups: number[] | 'all';
}

export interface Origin {
  connectionId?: string;
  requestId?: string;
  /** Client id of the requester, for webhook `source_type` filters. */
  clientId?: string;
}

export type DomainEvent = ChatPush | UserPush | LicensePush | DisconnectUser | AgentAccessChanged;
