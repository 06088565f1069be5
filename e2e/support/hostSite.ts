import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

export interface HostSite {
  /** `http://localhost:<port>`: another site than the platform's `http://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * A third-party website for the embed to live on: static files from `root`, with `{{NAME}}`
 * placeholders in HTML filled from `vars`, and extra response headers (a CSP) on HTML.
 */
export async function startHostSite(root: string, opts: { vars?: Record<string, string>; headers?: (url: string) => Record<string, string> } = {}): Promise<HostSite> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      let body: string | Buffer = readFileSync(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (extname(file) === '.html') {
        body = body.toString('utf8').replace(/\{\{(\w+)\}\}/g, (_m, name: string) => opts.vars?.[name] ?? '');
        for (const [k, v] of Object.entries(opts.headers?.(site.url) ?? {})) res.setHeader(k, v);
      }
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const site: HostSite = {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return site;
}
