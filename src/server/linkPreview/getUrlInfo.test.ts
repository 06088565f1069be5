import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, type TestCustomer } from '../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';

/** Names only the injected resolver knows: system DNS cannot resolve them. */
const NAMES: Record<string, string[]> = {
  'shop.test': ['127.0.0.1'],
  'mixed.test': ['93.184.216.34', '127.0.0.1'],
  'private.test': ['10.0.0.7'],
};
const lookups: string[] = [];
const resolve = async (host: string) => {
  lookups.push(host);
  const found = NAMES[host];
  if (!found) throw new Error(`ENOTFOUND ${host}`);
  return found;
};

let site: Server;
let port = 0;
const hosts: string[] = [];
beforeAll(async () => {
  site = createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    const path = req.url ?? '/';
    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/kettle' }).end();
    } else if (path === '/to-private') res.writeHead(301, { location: 'http://private.test/' }).end();
    else if (path === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else if (path === '/kettle') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>Kettle</title><meta property="og:description" content="Boils water"><meta property="og:image" content="/k.png"></head><body>hi</body></html>');
    } else if (path === '/endless') {
      // Never ends: only the byte limit lets the preview finish.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write(`<html><head><title>Big page</title></head><body>${'x'.repeat(64 * 1024)}`);
    } else if (path === '/silent') {
      // Never answers: only the timeout ends the request.
    } else if (path === '/missing') res.writeHead(404, { 'content-type': 'text/html' }).end('no');
    else if (path === '/image.png') res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
    else res.writeHead(500).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  port = (site.address() as AddressInfo).port;
});
afterAll(async () => {
  site.closeAllConnections();
  await new Promise((r) => site.close(r));
});

async function withServer(linkPreview: Record<string, unknown>) {
  const server = await startTestServer({ linkPreview: { resolve, ...linkPreview } });
  const customer = await connectCustomer(server);
  return { server, customer };
}
const info = (c: TestCustomer, url: string) => c.rtm.request('get_url_info', { url });

describe('get_url_info', () => {
  describe('with loopback allowed for the test site', () => {
    let server: TestServer;
    let customer: TestCustomer;
    beforeAll(async () => ({ server, customer } = await withServer({ allowAddresses: ['127.0.0.1'], maxBytes: 16 * 1024, timeoutMs: 1000 })));
    afterAll(async () => {
      customer.rtm.close();
      await server.close();
    });

    it('returns title, description and the absolute image URL of a page (#13)', async () => {
      const url = `http://shop.test:${port}/kettle`;
      expect(await customer.rtm.call('get_url_info', { url })).toEqual({
        url, title: 'Kettle', description: 'Boils water', image_url: `http://shop.test:${port}/k.png`, image_original_url: `http://shop.test:${port}/k.png`,
      });
      expect((await customer.web('get_url_info', { url })).body).toMatchObject({ title: 'Kettle' });
    });

    it('connects to the address it checked, resolving the name once per hop (no DNS rebinding)', async () => {
      lookups.length = 0;
      hosts.length = 0;
      await customer.rtm.call('get_url_info', { url: `http://shop.test:${port}/kettle` });
      expect(lookups).toEqual(['shop.test']);
      expect(hosts).toEqual([`shop.test:${port}`]);
    });

    it('follows up to 3 redirects and refuses the 4th (validation)', async () => {
      expect(await customer.rtm.call('get_url_info', { url: `http://shop.test:${port}/hop/2` })).toMatchObject({ title: 'Kettle' });
      expect((await info(customer, `http://shop.test:${port}/hop/3`)).payload.error).toMatchObject({ type: 'validation', message: expect.stringContaining('redirects') });
    });

    it('checks every redirect target: a private address or another scheme is refused (validation)', async () => {
      expect((await info(customer, `http://shop.test:${port}/to-private`)).payload.error).toMatchObject({ type: 'validation', message: expect.stringContaining('10.0.0.7') });
      expect((await info(customer, `http://shop.test:${port}/to-file`)).payload.error).toMatchObject({ type: 'validation', message: expect.stringContaining('file:') });
    });

    it('stops reading at the byte limit and previews what it read', async () => {
      expect(await customer.rtm.call('get_url_info', { url: `http://shop.test:${port}/endless` })).toEqual({ url: `http://shop.test:${port}/endless`, title: 'Big page' });
    });

    it('gives up after the timeout (request_timeout)', async () => {
      expect((await info(customer, `http://shop.test:${port}/silent`)).payload.error).toMatchObject({ type: 'request_timeout' });
    });

    it('answers only the url for a non-HTML resource, and not_found for an error page or an unknown host', async () => {
      expect(await customer.rtm.call('get_url_info', { url: `http://shop.test:${port}/image.png` })).toEqual({ url: `http://shop.test:${port}/image.png` });
      expect((await info(customer, `http://shop.test:${port}/missing`)).payload.error).toMatchObject({ type: 'not_found', message: expect.stringContaining('404') });
      expect((await info(customer, 'http://nowhere.test/')).payload.error).toMatchObject({ type: 'not_found' });
    });
  });

  describe('with the default address rules', () => {
    let server: TestServer;
    let customer: TestCustomer;
    beforeAll(async () => ({ server, customer } = await withServer({})));
    afterAll(async () => {
      customer.rtm.close();
      await server.close();
    });

    it.each([
      ['a loopback address', () => `http://127.0.0.1:${port}/kettle`],
      ['an IPv6 loopback', () => `http://[::1]:${port}/kettle`],
      ['an IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${port}/kettle`],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
      ['a name resolving to a private address', () => 'http://private.test/'],
      ['a name with one public and one loopback address', () => `http://mixed.test:${port}/kettle`],
    ])('refuses %s with validation before connecting (#13)', async (_what, url) => {
      hosts.length = 0;
      expect((await info(customer, url())).payload.error).toMatchObject({ type: 'validation', message: expect.stringContaining('private or reserved') });
      expect(hosts).toEqual([]);
    });

    it.each(['ftp://example.com/', 'javascript:alert(1)', 'not a url', 'https://user:pw@example.com/'])('refuses the URL %s with validation', async (url) => {
      expect((await info(customer, url)).payload.error?.type).toBe('validation');
    });
  });
});
