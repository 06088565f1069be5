import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Platform } from '../domain/platform.js';

export interface Site { prefix: string; root: string }

/** Built front ends and public files (plus `/widget.js`, the embed loader); a folder that is not built yet is skipped. */
export async function registerStaticSites(app: FastifyInstance, sites: Site[]): Promise<string[]> {
  const served: string[] = [];
  let first = true;
  for (const site of sites) {
    if (!existsSync(site.root)) continue;
    await app.register(fastifyStatic, { root: site.root, prefix: site.prefix, decorateReply: first, index: ['index.html'], wildcard: true });
    first = false;
    served.push(site.prefix);
  }
  const loader = sites.find((site) => site.prefix === '/embed/');
  if (loader && existsSync(join(loader.root, 'widget.js'))) {
    // the snippet's short URL: <script src="https://HOST/widget.js" async>
    app.get('/widget.js', (_req, reply) => reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(createReadStream(join(loader.root, 'widget.js'))));
  }
  const assets = sites.find((site) => site.prefix === '/assets-public/');
  if (assets && existsSync(join(assets.root, 'favicon.svg'))) {
    // every page links /favicon.svg; browsers that ask for /favicon.ico get the same picture
    const icon = (_req: unknown, reply: FastifyReply) => reply
      .header('content-type', 'image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(join(assets.root, 'favicon.svg')));
    app.get('/favicon.svg', icon);
    app.get('/favicon.ico', icon);
  }
  return served;
}

/** Uploaded files, served with their stored type; never sniffed or rendered inline as HTML. */
export function registerFileRoute(app: FastifyInstance, p: Platform): void {
  app.get<{ Params: { id: string; name: string } }>('/files/:id/:name', async (req, reply) => {
    const found = await p.files.open(req.params.id);
    if (!found) return reply.code(404).send({ error: { type: 'not_found', message: 'File not found' } });
    const inline = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/.test(found.file.contentType);
    return reply
      .header('content-type', found.file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(found.file.name)}`)
      .send(found.data);
  });
}

export const siteRoots = (distDir: string, publicDir: string): Site[] => [
  { prefix: '/', root: join(distDir, 'page') },
  { prefix: '/frame/', root: join(distDir, 'frame') },
  { prefix: '/embed/', root: join(distDir, 'embed') },
  { prefix: '/console/', root: join(distDir, 'console') },
  { prefix: '/demo/', root: join(publicDir, 'demo') },
  { prefix: '/assets-public/', root: publicDir },
];
