/**
 * PostgreSQL schema versions, applied in order, each in its own transaction, under an advisory
 * lock (see migrate.ts); `schema_versions` records what was applied. Append; never edit a released
 * version. Same tables as the SQLite schema; records kept whole are `jsonb`, times are `bigint` µs.
 */
export const PG_MIGRATIONS: readonly string[] = [
  /* 1: licenses, customers, agents, chats, threads, events, files, properties */ `
  CREATE TABLE licenses (id integer PRIMARY KEY, organization_id text NOT NULL UNIQUE, created_at bigint NOT NULL);
  CREATE TABLE license_properties (
    license_id integer NOT NULL, namespace text NOT NULL, name text NOT NULL, value jsonb NOT NULL,
    PRIMARY KEY (license_id, namespace, name)
  );
  CREATE TABLE groups (
    license_id integer NOT NULL, id integer NOT NULL, name text NOT NULL, language_code text NOT NULL DEFAULT 'en',
    PRIMARY KEY (license_id, id)
  );
  CREATE TABLE group_properties (
    license_id integer NOT NULL, group_id integer NOT NULL, namespace text NOT NULL, name text NOT NULL, value jsonb NOT NULL,
    PRIMARY KEY (license_id, group_id, namespace, name)
  );
  CREATE TABLE customers (id text PRIMARY KEY, license_id integer NOT NULL, data jsonb NOT NULL, created_at bigint NOT NULL);
  CREATE INDEX customers_license ON customers (license_id, created_at, id);
  CREATE TABLE agents (id text NOT NULL, license_id integer NOT NULL, pat_hash text UNIQUE, data jsonb NOT NULL, PRIMARY KEY (license_id, id));
  CREATE UNIQUE INDEX agents_id ON agents (id);
  CREATE TABLE chats (
    id text PRIMARY KEY, license_id integer NOT NULL, customer_id text NOT NULL, access jsonb NOT NULL, properties jsonb NOT NULL,
    created_at bigint NOT NULL, last_thread_id text NOT NULL, last_thread_created_at bigint NOT NULL, active_thread_id text
  );
  CREATE INDEX chats_customer ON chats (customer_id, last_thread_created_at, id);
  CREATE INDEX chats_license ON chats (license_id, last_thread_created_at, id);
  CREATE TABLE chat_users (
    chat_id text NOT NULL, user_id text NOT NULL, user_type text NOT NULL, present boolean NOT NULL,
    events_seen_up_to bigint NOT NULL, visibility text NOT NULL, added bigserial NOT NULL,
    PRIMARY KEY (chat_id, user_id)
  );
  CREATE INDEX chat_users_present_agents ON chat_users (user_id, chat_id) WHERE user_type = 'agent' AND present;
  CREATE TABLE threads (
    id text PRIMARY KEY, chat_id text NOT NULL, license_id integer NOT NULL, seq integer NOT NULL, created_at bigint NOT NULL,
    active boolean NOT NULL, queued_at bigint, data jsonb NOT NULL
  );
  CREATE INDEX threads_chat ON threads (chat_id, created_at, id);
  CREATE INDEX threads_queue ON threads (license_id, queued_at) WHERE queued_at IS NOT NULL;
  CREATE INDEX threads_archive ON threads (license_id, active, created_at, id);
  CREATE TABLE events (
    id text PRIMARY KEY, chat_id text NOT NULL, thread_id text NOT NULL, seq integer NOT NULL, created_at bigint NOT NULL,
    type text NOT NULL, author_id text, custom_id text, visibility text NOT NULL, body jsonb NOT NULL, properties jsonb NOT NULL
  );
  CREATE INDEX events_thread ON events (thread_id, seq);
  CREATE INDEX events_chat_type ON events (chat_id, type, created_at);
  CREATE UNIQUE INDEX events_custom_id ON events (chat_id, author_id, custom_id) WHERE custom_id IS NOT NULL;
  CREATE TABLE files (id text PRIMARY KEY, license_id integer NOT NULL, data jsonb NOT NULL);
  CREATE TABLE property_definitions (
    license_id integer NOT NULL, namespace text NOT NULL, name text NOT NULL, data jsonb NOT NULL,
    PRIMARY KEY (license_id, namespace, name)
  );
  `,
  /* 2: configuration API — webhooks, license webhook state, the durable webhook outbox */ `
  CREATE TABLE webhooks (
    id text PRIMARY KEY, license_id integer NOT NULL, owner_client_id text NOT NULL, action text NOT NULL, data jsonb NOT NULL,
    added bigserial NOT NULL
  );
  CREATE INDEX webhooks_license ON webhooks (license_id, action);
  CREATE TABLE webhook_states (
    license_id integer NOT NULL, owner_client_id text NOT NULL, enabled boolean NOT NULL, PRIMARY KEY (license_id, owner_client_id)
  );
  CREATE TABLE webhook_outbox (
    seq bigserial PRIMARY KEY, license_id integer NOT NULL, webhook_id text NOT NULL, order_key text NOT NULL, url text NOT NULL,
    body text NOT NULL, attempts integer NOT NULL DEFAULT 0, next_attempt_at bigint NOT NULL, created_at bigint NOT NULL,
    status text NOT NULL DEFAULT 'pending', last_error text
  );
  CREATE INDEX webhook_outbox_head ON webhook_outbox (order_key, status, seq);
  CREATE INDEX webhook_outbox_due ON webhook_outbox (status, next_attempt_at);
  `,
  /* 3: what every node shares: the token-signing secret, first-start credentials; uploaded bytes */ `
  CREATE TABLE cluster_settings (name text PRIMARY KEY, value jsonb NOT NULL);
  CREATE TABLE file_blobs (id text PRIMARY KEY, data bytea NOT NULL);
  `,
  /* 4: agents following chats (follow_chat), in the order they started */ `
  CREATE TABLE chat_followers (chat_id text NOT NULL, agent_id text NOT NULL, added bigserial NOT NULL, PRIMARY KEY (chat_id, agent_id));
  `,
  /* 5: the tag registry (Configuration API tags; names unique per license regardless of letter case) */ `
  CREATE TABLE tags (license_id integer NOT NULL, name text NOT NULL, data jsonb NOT NULL, PRIMARY KEY (license_id, name));
  CREATE UNIQUE INDEX tags_name_nocase ON tags (license_id, lower(name));
  `,
  /* 6: each chat's count of units that pushed, in commit order (pushes are put back into it across nodes) */ `
  ALTER TABLE chats ADD COLUMN push_seq bigint NOT NULL DEFAULT 0;
  `,
  /* 7: each numbered unit's chat pushes, kept a minute, for nodes that missed their publish (fanout/chatPushOrder.ts) */ `
  CREATE TABLE chat_push_units (
    chat_id text NOT NULL, push_seq bigint NOT NULL, pushes text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chat_id, push_seq)
  );
  `,
  /*
   * 8: events keyed by (thread_id, seq), the index every thread read already used; the key on
   * `id` (always `<thread_id>_<seq>`) goes: one B-tree fewer per appended event (#16). The column
   * stays and is still written, so nodes of the previous version keep working during a rolling upgrade.
   */ `
  ALTER TABLE events DROP CONSTRAINT events_pkey;
  DROP INDEX events_thread;
  ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (thread_id, seq);
  `,
];
