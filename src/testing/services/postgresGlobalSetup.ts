import type { TestProject } from 'vitest/node';
import { PostgresStore } from '../../server/storage/postgres/PostgresStore.js';
import { PG_TEMPLATE } from './pgTemplate.js';
import { adminQuery, startPostgres, type PostgresServer } from './postgres.js';
import './provided.js';

let server: PostgresServer | undefined;

/**
 * vitest globalSetup: one real PostgreSQL server for the run, with a migrated template database so
 * that each test copies a ready schema (CREATE DATABASE … TEMPLATE) instead of migrating again.
 * Test files get the admin URL by `inject('postgresAdminUrl')`; testServer.ts, which also runs
 * outside vitest, reads SWITCHBOARD_TEST_PG_URL.
 */
export async function setup(project: TestProject): Promise<void> {
  server = await startPostgres();
  await adminQuery(server.adminUrl, `CREATE DATABASE ${PG_TEMPLATE}`);
  const store = await PostgresStore.open({ connectionString: server.urlOf(PG_TEMPLATE), poolSize: 2 });
  await store.close();
  project.provide('postgresAdminUrl', server.adminUrl);
  process.env.SWITCHBOARD_TEST_PG_URL = server.adminUrl;
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
