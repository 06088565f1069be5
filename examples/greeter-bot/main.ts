/**
 * Runs the greeter bot against a running server:
 *   SWITCHBOARD_URL=http://127.0.0.1:8080 DATA_DIR=./data npx tsx examples/greeter-bot/main.ts
 * Credentials come from DATA_DIR/credentials.json (or AGENT_ID / AGENT_TOKEN).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGreeterBot } from './greeterBot.js';

const dataDir = process.env.DATA_DIR ?? './data';
const stored = process.env.AGENT_TOKEN ? undefined : (JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { owner: { id: string; personal_access_token: string } });
const bot = await startGreeterBot({
  apiUrl: process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8080',
  agentId: process.env.AGENT_ID ?? stored!.owner.id,
  personalAccessToken: process.env.AGENT_TOKEN ?? stored!.owner.personal_access_token,
  ...(process.env.GREETER_PORT ? { port: Number(process.env.GREETER_PORT) } : {}),
  log: console.log,
});
const stop = () => void bot.stop().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
