import type { Access, AgentUser, Properties, RoutingStatus, SessionField, Visibility } from '../../protocol/entities.js';

/** Stored shapes. Times are integer microseconds since the epoch. */

export interface LicenseRecord {
  id: number;
  organizationId: string;
  createdAt: number;
}

export interface CustomerRecord {
  id: string;
  licenseId: number;
  name?: string;
  email?: string;
  avatar?: string;
  sessionFields: SessionField[];
  secretHash?: string;
  createdAt: number;
  bannedUntil?: number;
  visitsCount: number;
  pageViewsCount: number;
  lastPage?: { url: string; title?: string; openedAt: number };
  userAgent?: string;
  referrer?: string;
  clientId?: string;
  chatsCount?: number;
  threadsCount?: number;
  /** The targeted greeting on display, if any. */
  greeting?: { id: number; uniqueId: string };
  /** Ids of the greetings ever shown, for `displayed_first_time`. */
  greetingsShown?: number[];
  greetingsShownCount?: number;
  greetingsAcceptedCount?: number;
}

export interface ChatRecord {
  id: string;
  licenseId: number;
  customerId: string;
  access: Access;
  properties: Properties;
  createdAt: number;
  lastThreadId: string;
  lastThreadCreatedAt: number;
  /** Set while the newest thread is active. */
  activeThreadId: string | null;
}

export interface ChatUserRecord {
  chatId: string;
  userId: string;
  userType: 'customer' | 'agent';
  present: boolean;
  eventsSeenUpTo: number;
  visibility: Visibility;
}

export interface ThreadRecord {
  id: string;
  chatId: string;
  seq: number;
  createdAt: number;
  active: boolean;
  userIds: string[];
  properties: Properties;
  access: Access;
  tags: string[];
  queuedAt?: number;
  queuesDuration?: number;
  previousThreadId?: string;
  nextThreadId?: string;
  lastEventSeq: number;
}

export interface EventRecord {
  id: string;
  chatId: string;
  threadId: string;
  seq: number;
  createdAt: number;
  type: string;
  authorId?: string;
  customId?: string;
  visibility: Visibility;
  /** Type-specific fields as on the wire (text, url, elements, …). */
  body: Record<string, unknown>;
  properties: Properties;
}

export type AgentRole = 'owner' | 'viceowner' | 'administrator' | 'normal';
export type GroupPriority = 'first' | 'normal' | 'last' | 'supervisor';

export interface AgentRecord {
  id: string;
  licenseId: number;
  name: string;
  email?: string;
  avatar?: string;
  jobTitle?: string;
  role: AgentRole;
  isBot: boolean;
  ownerClientId?: string;
  maxChats: number;
  groups: { id: number; priority: GroupPriority }[];
  patHash?: string;
  botSecretHash?: string;
  routingStatus: RoutingStatus;
  loginStatus: RoutingStatus;
  createdAt: number;
  /** Suspended agents cannot log in or act (`requester_suspended`); they keep their seat free. */
  suspended?: boolean;
  /** Created with `awaiting_approval` and not approved yet (`requester_awaiting_approval`). */
  awaitingApproval?: boolean;
}

export interface FileRecord {
  id: string;
  licenseId: number;
  ownerId: string;
  name: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  storagePath: string;
  createdAt: number;
  usedAt?: number;
  /** The chat whose file event first used it; other members of that chat may share it again there. */
  usedInChatId?: string;
}

export type PropertyLocation = 'chat' | 'thread' | 'event' | 'license' | 'group';
export type PropertyType = 'int' | 'bool' | 'string' | 'tokenized_string';

export interface PropertyDefinition {
  licenseId: number;
  namespace: string;
  name: string;
  type: PropertyType;
  description?: string;
  access: Partial<Record<PropertyLocation, Partial<Record<'agent' | 'customer', ('read' | 'write')[]>>>>;
  domain?: unknown[];
  range?: { from: number; to: number };
  defaultValue?: unknown;
  publicAccess?: ('read' | 'write')[];
}

export type AgentPublicUser = Pick<AgentUser, 'id' | 'type' | 'name' | 'avatar' | 'job_title'>;
