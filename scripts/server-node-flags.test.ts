import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './server-node-flags.mjs';

const root = new URL('../', import.meta.url);
const nodeArgsBeforeMain = (command: string[]) => command.slice(command.indexOf('node') + 1, command.indexOf('dist/server/main.js'));

describe('SERVER_NODE_FLAGS', () => {
  it('are the flags npm start runs the server with', () => {
    const start: string = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts.start;
    const exec = start.slice(start.indexOf('exec ') + 'exec '.length).split(/\s+/);
    expect(nodeArgsBeforeMain(exec)).toEqual(SERVER_NODE_FLAGS);
  });

  it('are the flags the Docker image runs the server with', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(new URL('deploy/Dockerfile', root), 'utf8'))![1]!;
    expect(nodeArgsBeforeMain(JSON.parse(cmd))).toEqual(SERVER_NODE_FLAGS);
  });

  it('keep the young generation at 4 MiB semi-spaces when many objects survive', () => {
    // Survivors of every scavenge, as in a burst of logins: V8 alone grows new space to 32 MiB.
    const churn = `const v8 = require('node:v8'); const keep = [];
      for (let i = 0; i < 1e6; i++) { const o = { i, s: 'x' + i }; if (i % 3 === 0) keep.push(o); if (keep.length > 1e5) keep.splice(0, 5e4); }
      console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)`;
    const newSpace = (flags: readonly string[]) => Number(execFileSync(process.execPath, [...flags, '-e', churn], { encoding: 'utf8' }));
    expect(newSpace([])).toBeGreaterThan(16 * 2 ** 20);
    expect(newSpace(SERVER_NODE_FLAGS)).toBeLessThanOrEqual(8 * 2 ** 20);
  });
});
