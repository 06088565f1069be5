import { buildApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const built = await buildApp(config);
await built.app.listen({ host: config.host, port: config.port });
const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
const has = (prefix: string) => built.sites.includes(prefix);
console.log(`Standalone chat page: ${base}/${has('/') ? '' : '  (not built: run npm run build)'}`);
console.log(`Demo site with the embed script tag: ${base}/demo/${has('/demo/') ? '' : '  (not built yet)'}`);
console.log(`Agent console: ${base}/console/${has('/console/') ? '' : '  (not built yet)'}`);
console.log(`API base: ${base}/v3.5/  (organization_id ${built.organizationId}; credentials in ${config.dataDir}/credentials.json)`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing connections and the database`);
  try {
    await built.close();
    process.exit(0);
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
