import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGreeterBot, type GreeterBot } from '../../examples/greeter-bot/greeterBot.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { startIdleHeapRelease } from './process/idleHeapRelease.js';

const config = loadConfig();
const built = await buildApp(config);
await built.app.listen({ host: config.host, port: config.port });
// The bound port, so that PORT=0 prints where it really listens.
const { port: boundPort } = built.app.server.address() as { port: number };
const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${boundPort}`;
const has = (prefix: string) => built.sites.includes(prefix);
console.log(`Standalone chat page: ${base}/${has('/') ? '' : '  (not built: run npm run build)'}`);
console.log(`Demo site with the embed script tag: ${base}/demo/${has('/demo/') ? '' : '  (not built yet)'}`);
console.log(`Agent console: ${base}/console/${has('/console/') ? '' : '  (not built yet)'}`);
console.log(`API base: ${base}/v3.5/  (organization_id ${built.organizationId}; credentials in ${config.dataDir}/credentials.json)`);
if ((await built.platform.licenses.allowedWebsites({ organizationId: built.organizationId }))?.length === 0) {
  console.log('Warning: any website may embed the widget and obtain visitor tokens; list yours with: npm run admin -- set-license-property security.allowed_websites "https://your.site"');
}
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
if (config.idleHeapReleaseSeconds > 0) {
  startIdleHeapRelease({
    idleSeconds: config.idleHeapReleaseSeconds,
    onRelease: (r) => built.app.log.info({ pause_ms: Math.round(r.pauseMs), young_mib_before: mib(r.youngBytesBefore), young_mib_after: mib(r.youngBytesAfter) }, 'idle heap release'),
  });
}

// The example greeter bot answers a newcomer's first chat; SWITCHBOARD_BOT=off leaves it out.
let greeter: GreeterBot | undefined;
if (!['off', '0', 'false'].includes(process.env.SWITCHBOARD_BOT ?? '')) {
  try {
    const { owner } = JSON.parse(readFileSync(join(config.dataDir, 'credentials.json'), 'utf8')) as { owner: { id: string; personal_access_token: string } };
    // The server's own address as the bot reaches it (loopback when listening on every interface).
    const { port } = built.app.server.address() as { port: number };
    const self = ['0.0.0.0', '::'].includes(config.host) ? `http://127.0.0.1:${port}` : base.replace(/:\d+$/, `:${port}`);
    greeter = await startGreeterBot({ apiUrl: self, agentId: owner.id, personalAccessToken: owner.personal_access_token, onError: (err) => built.app.log.warn({ err }, 'greeter bot') });
    console.log(`Greeter bot: answers new chats (bot ${greeter.botId}; SWITCHBOARD_BOT=off turns it off)`);
  } catch (err) {
    console.error(`Greeter bot not started: ${String(err)}`);
  }
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: draining (not ready, no new connections, clients told to reconnect), then closing the database`);
  // A close that hangs past the drain bound must not keep a process manager waiting forever.
  setTimeout(() => {
    console.error(`${signal}: shutdown did not finish within ${config.drainTimeoutMs + 5_000} ms`);
    process.exit(1);
  }, config.drainTimeoutMs + 5_000).unref();
  try {
    // The bot is a client of this node: it signs off while the node still serves requests.
    await greeter?.stop().catch((err: unknown) => console.error(`Greeter bot: ${String(err)}`));
    await built.drain();
    await built.close();
    process.exit(0);
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
