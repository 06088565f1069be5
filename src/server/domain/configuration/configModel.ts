/** Stored shapes of the Configuration API: groups and webhooks (protocol/configuration-api.md §3, §6). */

export interface GroupRecord {
  licenseId: number;
  id: number;
  name: string;
  languageCode: string;
}

export type WebhookSourceType = 'my_client' | 'other_clients' | 'system';

export interface WebhookFilters {
  author_type?: 'customer' | 'agent';
  only_my_chats?: boolean;
  chat_presence?: {
    user_ids?: { values?: string[]; exclude_values?: string[] };
    my_bots?: boolean;
  };
  source_type?: WebhookSourceType[];
  agent_ids?: string[];
}

export interface WebhookRecord {
  id: string;
  licenseId: number;
  ownerClientId: string;
  action: string;
  url: string;
  secretKey: string;
  type: 'license' | 'bot';
  description?: string;
  filters?: WebhookFilters;
  additionalData?: ('chat_properties' | 'chat_presence_user_ids')[];
  createdAt: number;
}

/** One delivery waiting in the outbox. Times in milliseconds since the epoch. */
export interface OutboxDelivery {
  seq: number;
  licenseId: number;
  webhookId: string;
  /** Deliveries with the same key go out one at a time, in `seq` order (webhook + chat). */
  orderKey: string;
  url: string;
  /** The JSON envelope, rendered when the change committed. */
  body: string;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

export type NewOutboxDelivery = Omit<OutboxDelivery, 'seq' | 'attempts'>;

/** A registered tag: usable on threads that share one of its groups (configuration-api.md §5). */
export interface TagRecord {
  licenseId: number;
  name: string;
  groupIds: number[];
  createdAt: number;
  /** The agent who created it; empty for tags that came with the license. */
  authorId: string;
}
