import type { Properties, PropertyNames } from '../../protocol/entities.js';
import type {
  AgentRecord, ChatRecord, ChatUserRecord, CustomerRecord, EventRecord, FileRecord, LicenseRecord,
  PropertyDefinition, ThreadRecord,
} from './model.js';
import type { ChatPush, DomainEvent } from './domainEvents.js';
import type { GroupRecord, NewOutboxDelivery, OutboxDelivery, TagRecord, WebhookRecord } from './configuration/configModel.js';

/** Keyset cursor: rows strictly after (key, id) in the requested order. */
export interface Cursor { key: number; id: string }
export type SortOrder = 'asc' | 'desc';
export interface PageQuery { order: SortOrder; after?: Cursor; limit: number }

/**
 * What an agent without `chats--all` may list: chats of these groups, or chats it is present in.
 * Absent = every chat of the license (domain/identity/access.ts decides).
 */
export interface ChatScope { groupIds: number[]; presentUserId: string }

/**
 * A documented set filter (`list_archives` agents, tags, event types): `exists`, or rows having any
 * of `values` (every one with `requireEveryValue`), or none of `excludeValues` (not every one).
 */
export interface SetFilter<T extends string | number | boolean = string> {
  exists?: boolean;
  values?: T[];
  excludeValues?: T[];
  requireEveryValue?: boolean;
}

/** A property filter: the thread's property, else the chat's, exists / is one of / is none of. */
export interface PropertyFilter extends Omit<SetFilter<string | number | boolean>, 'requireEveryValue'> {
  namespace: string;
  name: string;
}

export interface ArchiveQuery {
  licenseId: number;
  order: SortOrder;
  after?: Cursor;
  limit: number;
  from?: number;
  to?: number;
  threadIds?: string[];
  agents?: SetFilter;
  tags?: SetFilter;
  eventTypes?: SetFilter;
  properties?: PropertyFilter[];
  groupIds?: number[];
  customerId?: string;
  query?: string;
  scope?: ChatScope;
}

export type CustomerSortKey = 'created_at' | 'threads_count' | 'visits_count' | 'agent_last_event' | 'customer_last_event';
export type CustomerNumberField = 'chats_count' | 'threads_count' | 'visits_count' | 'created_at' | 'agent_last_event' | 'customer_last_event';

/** Agent `list_customers`: every filter is applied by the store (none is dropped). Times in microseconds. */
export interface CustomerQuery {
  licenseId: number;
  order: SortOrder;
  after?: Cursor;
  limit: number;
  sortBy: CustomerSortKey;
  /** Exact values; e-mail addresses compare ignoring letter case. */
  match: { field: 'email' | 'name' | 'id'; values?: string[]; excludeValues?: string[] }[];
  ranges: { field: CustomerNumberField; op: 'lt' | 'lte' | 'gt' | 'gte' | 'eq'; value: number }[];
  chatGroupIds?: { values?: number[]; excludeValues?: number[] };
  /** false: only customers with at least one chat. */
  includeWithoutChats: boolean;
  /** Only customers with a chat the requester reaches (identity/access.ts); undefined = every customer. */
  scope?: ChatScope;
}

/**
 * Everything the domain reads or writes, inside one transaction. Methods are async so that a
 * networked database can implement them; the domain never holds a transaction across I/O of its own.
 */
export interface StoreTx {
  getLicense(id: number): Promise<LicenseRecord | undefined>;
  getLicenseByOrganization(organizationId: string): Promise<LicenseRecord | undefined>;
  insertLicense(license: LicenseRecord): Promise<void>;
  getLicenseProperties(licenseId: number): Promise<Properties>;
  updateLicenseProperties(licenseId: number, properties: Properties): Promise<void>;
  deleteLicenseProperties(licenseId: number, names: PropertyNames): Promise<void>;
  getGroupProperties(licenseId: number, groupId: number): Promise<Properties>;
  updateGroupProperties(licenseId: number, groupId: number, properties: Properties): Promise<void>;
  deleteGroupProperties(licenseId: number, groupId: number, names: PropertyNames): Promise<void>;

  listGroupIds(licenseId: number): Promise<number[]>;

  getCustomer(licenseId: number, id: string): Promise<CustomerRecord | undefined>;
  /** The customer to read only, as viewChat (every customer request re-checks its bans: #16). */
  viewCustomer(licenseId: number, id: string): Promise<Readonly<CustomerRecord> | undefined>;
  /** The customers of `ids` that exist, in any order (one read for the credential checks of many requests). */
  getCustomersById(licenseId: number, ids: readonly string[]): Promise<CustomerRecord[]>;
  insertCustomer(customer: CustomerRecord): Promise<void>;
  updateCustomer(customer: CustomerRecord): Promise<void>;
  /** `sortKey` is the row's value of `query.sortBy` (0 when it has none), for the page cursor. */
  findCustomers(query: CustomerQuery): Promise<{ items: { customer: CustomerRecord; sortKey: number }[]; total: number }>;

  insertChat(chat: ChatRecord): Promise<void>;
  updateChat(chat: ChatRecord): Promise<void>;
  getChat(licenseId: number, id: string): Promise<ChatRecord | undefined>;
  /**
   * The chat to read only: a store may hand out the record it caches, shared with every reader and
   * deeply frozen, instead of a copy per call (every send_event reads its chat: #16). Whoever changes
   * a chat reads it with getChat.
   */
  viewChat(licenseId: number, id: string): Promise<Readonly<ChatRecord> | undefined>;
  /** Chats of one customer keyed by last thread creation time. */
  listCustomerChats(customerId: string, page: PageQuery): Promise<{ items: ChatRecord[]; total: number }>;
  listCustomerChatIds(licenseId: number, customerId: string): Promise<string[]>;
  countActiveChats(customerId: string): Promise<number>;
  /** Chats of a license keyed by last thread creation time; `active` filters on an active thread. */
  listLicenseChats(licenseId: number, filter: { active?: boolean; userId?: string; queued?: boolean; groupIds?: number[]; scope?: ChatScope }, page: PageQuery): Promise<{ items: ChatRecord[]; total: number }>;

  getChatUsers(chatId: string): Promise<ChatUserRecord[]>;
  upsertChatUser(user: ChatUserRecord): Promise<void>;

  /** Agents following a chat (`follow_chat`), in the order they started. */
  listChatFollowers(chatId: string): Promise<string[]>;
  setChatFollower(chatId: string, agentId: string, following: boolean): Promise<void>;

  insertThread(thread: ThreadRecord): Promise<void>;
  updateThread(thread: ThreadRecord): Promise<void>;
  getThread(chatId: string, id: string): Promise<ThreadRecord | undefined>;
  /** Threads of a chat keyed by creation time. */
  /** A chat's threads by creation time; `range` bounds it inclusively (agent `filters.from`/`to`). */
  listThreads(chatId: string, page: PageQuery, range?: { from?: number; to?: number }): Promise<{ items: ThreadRecord[]; total: number }>;
  /** Threads still waiting in a queue, oldest first. */
  listQueuedThreads(licenseId: number): Promise<ThreadRecord[]>;
  /** 1-based place of a queued thread in its license's queue (0 when it is not queued). */
  queuePosition(licenseId: number, thread: ThreadRecord): Promise<number>;
  /** Inactive threads (one per row) for the agent archive, keyed by thread creation time. */
  listArchivedThreads(query: ArchiveQuery): Promise<{ items: ThreadRecord[]; total: number }>;

  insertEvent(event: EventRecord): Promise<void>;
  updateEvent(event: EventRecord): Promise<void>;
  getEvent(chatId: string, id: string): Promise<EventRecord | undefined>;
  listThreadEvents(threadId: string): Promise<EventRecord[]>;
  findEventByCustomId(chatId: string, authorId: string, customId: string): Promise<EventRecord | undefined>;
  /** Newest event of each type in a chat; `customerView` skips agents-only events. */
  lastEventPerType(chatId: string, customerView: boolean): Promise<EventRecord[]>;
  /** Newest event of a chat created after `after` by someone other than `exceptAuthor`. */
  hasEventsAfter(chatId: string, after: number, exceptAuthor: string, customerView: boolean): Promise<boolean>;

  insertFile(file: FileRecord): Promise<void>;
  getFile(id: string): Promise<FileRecord | undefined>;
  /** The first use only: later uses keep the first time and chat. */
  markFileUsed(id: string, at: number, chatId: string): Promise<void>;

  listPropertyDefinitions(licenseId: number): Promise<PropertyDefinition[]>;
  upsertPropertyDefinition(definition: PropertyDefinition): Promise<void>;
  deletePropertyDefinition(licenseId: number, namespace: string, name: string): Promise<void>;

  getAgent(licenseId: number, id: string): Promise<AgentRecord | undefined>;
  /** The agent (or bot) to read only, as viewChat: shared with other readers (every agent request re-checks its agent: #16). */
  viewAgent(licenseId: number, id: string): Promise<Readonly<AgentRecord> | undefined>;
  /** The agents of `ids` that exist, in any order (one read for the credential checks of many requests). */
  getAgentsById(licenseId: number, ids: readonly string[]): Promise<AgentRecord[]>;
  findAgentById(id: string): Promise<AgentRecord | undefined>;
  findAgentByPatHash(patHash: string): Promise<AgentRecord | undefined>;
  /**
   * The license's agents and bots, shared between readers: copy one before changing it (the
   * embedded store hands out its cached records frozen, not a copy per call: #16, setup cost).
   */
  listAgents(licenseId: number): Promise<readonly Readonly<AgentRecord>[]>;
  insertAgent(agent: AgentRecord): Promise<void>;
  updateAgent(agent: AgentRecord): Promise<void>;
  deleteAgent(licenseId: number, id: string): Promise<void>;
  /**
   * Number of active chats each agent is a present user of. Read-only, and valid until the unit's
   * next write: a store may hand out the map it keeps up to date.
   */
  countAgentActiveChats(licenseId: number): Promise<ReadonlyMap<string, number>>;

  // Configuration API: groups other than the virtual group 0, webhooks, the webhook outbox.
  getGroup(licenseId: number, id: number): Promise<GroupRecord | undefined>;
  listGroups(licenseId: number): Promise<GroupRecord[]>;
  insertGroup(group: GroupRecord): Promise<void>;
  updateGroup(group: GroupRecord): Promise<void>;
  /** Deletes the group and every property value stored for it. */
  deleteGroup(licenseId: number, id: number): Promise<void>;

  listTags(licenseId: number): Promise<TagRecord[]>;
  /** Exact (case-sensitive) name. */
  getTag(licenseId: number, name: string): Promise<TagRecord | undefined>;
  /** Any tag whose name equals `name` ignoring letter case. */
  findTagIgnoringCase(licenseId: number, name: string): Promise<TagRecord | undefined>;
  upsertTag(tag: TagRecord): Promise<void>;
  deleteTag(licenseId: number, name: string): Promise<void>;

  listWebhooks(licenseId: number): Promise<WebhookRecord[]>;
  insertWebhook(webhook: WebhookRecord): Promise<void>;
  /** Also drops the webhook's pending deliveries: nothing more goes to an unregistered URL. */
  deleteWebhook(licenseId: number, id: string): Promise<void>;
  /** undefined when never set (license webhooks are enabled by default). */
  getLicenseWebhooksEnabled(licenseId: number, ownerClientId: string): Promise<boolean | undefined>;
  setLicenseWebhooksEnabled(licenseId: number, ownerClientId: string, enabled: boolean): Promise<void>;

  enqueueWebhookDeliveries(deliveries: readonly NewOutboxDelivery[]): Promise<void>;
  /**
   * Heads of their order keys (the oldest pending delivery of each key) that are due at `nowMs`,
   * oldest first, skipping keys in `busyKeys`. With `claimForMs`, a store shared by several nodes
   * claims them: no other node gets the same rows until that lease ends (a single node may ignore it).
   */
  dueWebhookDeliveries(nowMs: number, limit: number, busyKeys: readonly string[], claimForMs?: number): Promise<OutboxDelivery[]>;
  /** Earliest `nextAttemptAt` of any pending delivery. */
  nextWebhookAttemptAt(): Promise<number | undefined>;
  /** Delivered, or given up (then kept as failed for inspection). */
  finishWebhookDelivery(seq: number, outcome: { failed?: string }): Promise<void>;
  retryWebhookDeliveryAt(seq: number, attempts: number, nextAttemptAt: number, error: string): Promise<void>;
  countPendingWebhookDeliveries(): Promise<number>;

  /**
   * The next number of the chat's units that push, in commit order: a store whose units run in
   * parallel (on several nodes) serializes them on the chat here, so pushes can be put back into
   * commit order after a fan-out that does not keep it. Absent: this store commits one unit at a
   * time and its publishes already follow commit order, so units are not numbered at all (#16: no
   * pass over each unit's events for nothing).
   *
   * The store keeps the unit's `pushes` (without their number) under the number for a while, so
   * that a node missing it (its publisher died after commit) can read them back: listChatPushUnits.
   */
  nextChatPushSeq?(chatId: string, pushes: readonly ChatPush[]): Promise<number | undefined>;
  /**
   * The pushes recorded by nextChatPushSeq for the chat's units numbered `afterSeq` < n < `beforeSeq`,
   * in number order, each with its `chatSeq`. Units older than the store's retention are gone.
   */
  listChatPushUnits(chatId: string, afterSeq: number, beforeSeq: number): Promise<ChatPush[]>;
}

/** `oneStatement`: `fn` makes a single store call, which is consistent on its own (no transaction needed). */
export interface ReadOptions { oneStatement?: boolean }

/** The chat a unit of work reads first: a store may fetch it ahead, for several units at once. */
export interface UnitHint { licenseId: number; chatId: string }

export interface Store {
  /** Each read is a round trip to a database server: reads made on every request are worth coalescing. */
  readonly readsAreRemote?: boolean;
  /**
   * Runs `fn` in one serialized read-write transaction; commits when it resolves, rolls back when it throws.
   * `fn` must not wait for another unit or read of the store: the stores run units one after another
   * (SQLite on its one connection, PostgreSQL in batches), so the inner one would wait for the outer.
   */
  atomically<T>(fn: (tx: StoreTx) => Promise<T>, hint?: UnitHint): Promise<T>;
  /** Runs `fn` with a consistent read view. */
  read<T>(fn: (tx: StoreTx) => Promise<T>, options?: ReadOptions): Promise<T>;
  close(): Promise<void>;
}

/**
 * Listens to domain events of a transaction before it commits (e.g. a durable outbox). It may
 * return a function to run once the transaction has committed (other connections see its rows then).
 */
export type TransactionalListener = (tx: StoreTx, events: readonly DomainEvent[]) => Promise<void | (() => void)>;

/** Cross-node push distribution: each node publishes what its services produced and receives everyone's. */
export interface FanOut {
  publish(event: DomainEvent): Promise<void>;
  subscribe(handler: (event: DomainEvent) => void): () => void;
  /** True while events published on any node reach this node's subscribers (readiness probe). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Optional observer of a store's commits (metrics). A group commit reports once, with the number of
 * units of work it made durable.
 */
export interface StoreCommitObserver {
  committed(info: { durationMs: number; units: number }): void;
}

/** Where uploaded bytes live (a folder under DATA_DIR, or an object store). */
export interface FileBlobs {
  /** Stores bytes and returns where they are. */
  put(id: string, data: Buffer): Promise<string>;
  get(location: string): Promise<Buffer>;
}

export interface Clock {
  /** Microseconds since the epoch. */
  now(): number;
}

/** A link preview (`get_url_info`). */
export interface UrlInfo {
  url: string;
  title?: string;
  description?: string;
  image_url?: string;
  image_original_url?: string;
  image_width?: number;
  image_height?: number;
}

/** Fetches link previews; the adapter enforces address, size, time and redirect limits. */
export interface UrlPreviews {
  get(url: string): Promise<UrlInfo>;
}

/**
 * Which users hold a live RTM connection anywhere in the cluster. Each node reports the
 * connections it holds and keeps them alive with a heartbeat; when a node stops heartbeating (it
 * died), its users are dropped after a TTL and reported through `onLost` on one surviving node.
 */
export interface Presence {
  connectionOpened(licenseId: number, userId: string): Promise<void>;
  /** Resolves true when the user has no live connection left on any node. */
  connectionClosed(licenseId: number, userId: string): Promise<boolean>;
  isConnected(licenseId: number, userId: string): Promise<boolean>;
  connectedUsers(licenseId: number): Promise<string[]>;
  /**
   * A user whose last connections vanished with their node, told to exactly one node.
   * `silentForMs`: how long ago that node last heartbeated.
   */
  onLost(handler: (licenseId: number, userId: string, silentForMs: number) => void): () => void;
  /** Stops this node's heartbeat; connections it still held expire like a dead node's. */
  close(): Promise<void>;
}

/**
 * Cluster-wide one-shot timers. A job is a key `<kind>:<argument>`; one pending schedule per key.
 * A due job runs on one node (in normal operation exactly once) and survives the node that scheduled it.
 * Handlers must tolerate a rerun: a node dying mid-run makes another node run the job again.
 */
export interface JobScheduler {
  /** (Re)schedules `key` to run in `delayMs` (0: as soon as possible). */
  schedule(key: string, delayMs: number): Promise<void>;
  cancel(key: string): Promise<void>;
  /** Runs due jobs of `kind` with their argument; one handler per kind. */
  handle(kind: string, handler: (argument: string) => Promise<void>): () => void;
  close(): Promise<void>;
}
