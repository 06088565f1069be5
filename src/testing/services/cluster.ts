import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createDatabase } from './postgres.js';
import './provided.js';
import { startNodeProcess, type NodeProcess } from './nodeProcess.js';

export interface Cluster {
  /** The running node processes, in start order (a restarted node replaces its slot). */
  nodes: NodeProcess[];
  /** Starts node `i` again (after a kill or stop) on its own DATA_DIR and port, as a process manager would. */
  restart(i: number): Promise<NodeProcess>;
  /** Stops every node and drops the database. */
  close(): Promise<void>;
}

/**
 * The supported multi-node deployment as real processes: `count` nodes (`src/server/main.ts`) on
 * one new, empty database of the run's PostgreSQL and one key prefix of the run's Redis, each with its own DATA_DIR, all
 * started at the same moment (migrations and bootstrap must run once among them).
 */
export async function startCluster(options: { count: number; env?: Record<string, string> }): Promise<Cluster> {
  const database = await createDatabase(inject('postgresAdminUrl'));
  const root = mkdtempSync(join(tmpdir(), 'switchboard-cluster-'));
  const shared = { DATABASE_URL: database.url, REDIS_URL: inject('redisUrl'), REDIS_PREFIX: `test:${randomUUID()}:`, ...options.env };
  const envOf = (i: number) => ({ ...shared, DATA_DIR: join(root, `node-${i}`) });
  const started = await Promise.allSettled(Array.from({ length: options.count }, (_, i) => startNodeProcess(envOf(i))));
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(nodes.map((n) => n.kill()));
    await database.drop();
    rmSync(root, { recursive: true, force: true });
    throw failed.reason;
  }
  return {
    nodes,
    async restart(i) {
      nodes[i] = await startNodeProcess(envOf(i), nodes[i]?.port);
      return nodes[i]!;
    },
    async close() {
      await Promise.all(nodes.map((n) => n.kill()));
      await database.drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
