/**
 * Schema versions, applied in order inside one transaction each; `PRAGMA user_version` records the
 * last one applied. Append new versions; never edit a released one.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: licenses, customers, agents, chats, threads, events, files, properties */ `
  CREATE TABLE licenses (
    id INTEGER PRIMARY KEY,
    organization_id TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE license_properties (
    license_id INTEGER NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (license_id, namespace, name)
  );
  CREATE TABLE groups (
    license_id INTEGER NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, language_code TEXT NOT NULL DEFAULT 'en',
    PRIMARY KEY (license_id, id)
  );
  CREATE TABLE group_properties (
    license_id INTEGER NOT NULL, group_id INTEGER NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (license_id, group_id, namespace, name)
  );
  CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    license_id INTEGER NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX customers_license ON customers (license_id, created_at, id);
  CREATE TABLE agents (
    id TEXT NOT NULL,
    license_id INTEGER NOT NULL,
    pat_hash TEXT UNIQUE,
    data TEXT NOT NULL,
    PRIMARY KEY (license_id, id)
  );
  CREATE UNIQUE INDEX agents_id ON agents (id);
  CREATE TABLE chats (
    id TEXT PRIMARY KEY,
    license_id INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    access TEXT NOT NULL,
    properties TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_thread_id TEXT NOT NULL,
    last_thread_created_at INTEGER NOT NULL,
    active_thread_id TEXT
  );
  CREATE INDEX chats_customer ON chats (customer_id, last_thread_created_at, id);
  CREATE INDEX chats_license ON chats (license_id, last_thread_created_at, id);
  CREATE TABLE chat_users (
    chat_id TEXT NOT NULL, user_id TEXT NOT NULL, user_type TEXT NOT NULL, present INTEGER NOT NULL,
    events_seen_up_to INTEGER NOT NULL, visibility TEXT NOT NULL,
    PRIMARY KEY (chat_id, user_id)
  );
  CREATE INDEX chat_users_user ON chat_users (user_id, present);
  CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    chat_id TEXT NOT NULL,
    license_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    active INTEGER NOT NULL,
    queued_at INTEGER,
    data TEXT NOT NULL
  );
  CREATE INDEX threads_chat ON threads (chat_id, created_at, id);
  CREATE INDEX threads_queue ON threads (license_id, queued_at) WHERE queued_at IS NOT NULL;
  CREATE INDEX threads_archive ON threads (license_id, active, created_at, id);
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    chat_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    type TEXT NOT NULL,
    author_id TEXT,
    custom_id TEXT,
    visibility TEXT NOT NULL,
    body TEXT NOT NULL,
    properties TEXT NOT NULL
  );
  CREATE INDEX events_thread ON events (thread_id, seq);
  CREATE INDEX events_chat_type ON events (chat_id, type, created_at);
  CREATE UNIQUE INDEX events_custom_id ON events (chat_id, author_id, custom_id) WHERE custom_id IS NOT NULL;
  CREATE TABLE files (
    id TEXT PRIMARY KEY,
    license_id INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE TABLE property_definitions (
    license_id INTEGER NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (license_id, namespace, name)
  );
  `,
  /* 2: configuration API — webhooks, license webhook state, the durable webhook outbox */ `
  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    license_id INTEGER NOT NULL,
    owner_client_id TEXT NOT NULL,
    action TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX webhooks_license ON webhooks (license_id, action);
  CREATE TABLE webhook_states (
    license_id INTEGER NOT NULL, owner_client_id TEXT NOT NULL, enabled INTEGER NOT NULL,
    PRIMARY KEY (license_id, owner_client_id)
  );
  CREATE TABLE webhook_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    license_id INTEGER NOT NULL,
    webhook_id TEXT NOT NULL,
    order_key TEXT NOT NULL,
    url TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    last_error TEXT
  );
  CREATE INDEX webhook_outbox_head ON webhook_outbox (order_key, status, seq);
  CREATE INDEX webhook_outbox_due ON webhook_outbox (status, next_attempt_at);
  `,
  /* 3: routing reads that must not grow with the number of chats */ `
  CREATE INDEX chat_users_present_agents ON chat_users (user_id, chat_id) WHERE user_type = 'agent' AND present = 1;
  `,
  /* 4: agents following chats they are not users of (follow_chat) */ `
  CREATE TABLE chat_followers (
    chat_id TEXT NOT NULL, agent_id TEXT NOT NULL,
    PRIMARY KEY (chat_id, agent_id)
  );
`,
  /* 5: the tag registry (Configuration API tags; names unique per license regardless of letter case) */ `
  CREATE TABLE tags (
    license_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (license_id, name)
  );
  CREATE UNIQUE INDEX tags_name_nocase ON tags (license_id, lower(name));
  `,
  /*
   * 6: events without their TEXT primary key. An event's id is always `<thread_id>_<seq>` (ids.ts),
   * so the key repeated the (thread_id, seq) index: one B-tree fewer per appended event (#16).
   */ `
  CREATE TABLE events_keyed_by_thread (
    chat_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    type TEXT NOT NULL,
    author_id TEXT,
    custom_id TEXT,
    visibility TEXT NOT NULL,
    body TEXT NOT NULL,
    properties TEXT NOT NULL
  );
  INSERT INTO events_keyed_by_thread (chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties)
    SELECT chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties FROM events ORDER BY rowid;
  DROP TABLE events;
  ALTER TABLE events_keyed_by_thread RENAME TO events;
  CREATE UNIQUE INDEX events_thread ON events (thread_id, seq);
  CREATE INDEX events_chat_type ON events (chat_id, type, created_at);
  CREATE UNIQUE INDEX events_custom_id ON events (chat_id, author_id, custom_id) WHERE custom_id IS NOT NULL;
  `,
];
