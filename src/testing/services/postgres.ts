import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './freePort.js';

/** Debian's layout: /usr/lib/postgresql/<major>/bin; 15 (Debian 12) first, else the newest installed. */
function postgresBin(): string {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((x, y) => Number(y) - Number(x)) : [];
  return join(root, majors.includes('15') ? '15' : (majors[0] ?? '15'), 'bin');
}
const INSTALL_HINT = 'apt-get update && apt-get install -y --no-install-recommends postgresql';

export interface PostgresServer {
  /** Superuser URL of the `postgres` database (used to create and drop test databases). */
  adminUrl: string;
  /** URL of another database on this server. */
  urlOf(database: string): string;
  /** PID of the postmaster (its backends are its children), for CPU accounting by the bench. */
  postmasterPid(): number;
  stop(): Promise<void>;
}


/** PostgreSQL refuses to run as root: the server's files and process belong to the `postgres` user then. */
function asPostgres(cmd: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const out = spawnSync(file, argv, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${out.status}): ${out.stderr || out.stdout}`);
}

/**
 * A real, throwaway PostgreSQL server for a test run: initdb in a temp folder, listening on a
 * free loopback port with its unix socket in that folder. Durability settings are the defaults
 * (fsync and synchronous_commit on): the tests see a real server, not a tuned-down one.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const BIN = postgresBin();
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(BIN, tool))) {
      throw new Error(`PostgreSQL (15 or later) is needed for the tests and ${join(BIN, tool)} is missing. Install it with: ${INSTALL_HINT}`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  asPostgres(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300`;
  asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start']);
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    adminUrl: urlOf('postgres'),
    urlOf,
    postmasterPid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Runs one statement on a short-lived connection. */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** A new empty database (or a copy of `template`, which is fast) on the server of `adminUrl`. */
export async function createDatabase(adminUrl: string, template = 'template0'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
