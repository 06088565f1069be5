import axios from 'axios';
import type { TestServer } from './testServer.js';

/**
 * `@livechat/lc-sdk-js` clients built in a test file hard-code `https://`; from now on their
 * requests to `server` go over plain http. Returns the undo, for afterAll.
 */
export function sdkRequestsOverHttp(server: TestServer): () => void {
  const host = new URL(server.url).host;
  const interceptor = axios.interceptors.request.use((cfg) => ({ ...cfg, url: cfg.url?.replace(`https://${host}/`, `http://${host}/`) }));
  return () => axios.interceptors.request.eject(interceptor);
}
