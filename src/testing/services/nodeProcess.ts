import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Credentials } from '../../server/bootstrap.js';
import { freePort } from './freePort.js';

export interface NodeProcess {
  port: number;
  url: string;
  wsUrl: string;
  credentials: Credentials;
  /** SIGTERM (drain, then clean shutdown); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the node dies without closing anything. */
  kill(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Starts one Switchboard node as its own process (`src/server/main.ts`, as `npm start` does after
 * its build step) on a free loopback port (or on `port`, as a restarted node keeps its address
 * behind a load balancer), with `env` added to the test's environment.
 */
export async function startNodeProcess(env: Record<string, string>, port?: number): Promise<NodeProcess> {
  port ??= await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), SWITCHBOARD_BOT: 'off', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await ready(child);
  const dataDir = env.DATA_DIR!;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    credentials: JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as Credentials,
    stop: async () => { await signal(child, 'SIGTERM'); return child.exitCode; },
    kill: () => signal(child, 'SIGKILL'),
  };
}

async function signal(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => { child.once('exit', () => done()); child.kill(name); });
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('API base:')) {
        child.stdout!.off('data', onData);
        resolvePromise();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.once('exit', (code) => reject(new Error(`node exited (${code}) before it was ready:\n${output}`)));
  });
}
