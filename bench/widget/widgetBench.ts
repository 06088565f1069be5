/**
 * Widget half of `npm run bench`: headless Debian Chromium (playwright-core) runs the bench
 * scenario (the real ChatWidget over a seeded store) beside the plain-DOM baseline, and loads the
 * standalone page from a running Switchboard server.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** Serves a built folder on 127.0.0.1 (an ephemeral port). */
export function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/blank.html') {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p>Hello</p></body></html>');
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) { res.statusCode = 404; res.end(); return; }
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve({ url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, server });
  }));
}

export interface PageRun {
  firstRender10k: number; rowsMounted: number;
  scroll: { frames: number; framesOver50: number; maxFrameMs: number; longTasks: number; scrolledPx: number };
  heapUsedBytes: number;
  switchCold: { mean: number; max: number }; switch10: { mean: number; max: number }; switch20: { mean: number; max: number };
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return h.usedSize;
}

const stats = (xs: number[]) => ({ mean: xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length), max: Math.max(...xs) });

async function runScenario(browser: Browser, url: string): Promise<PageRun> {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  try {
    const page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    await page.evaluate(() => window.bench!.seed(1, 10_000));
    const firstRender10k = await page.evaluate(() => window.bench!.open('CHAT0'));
    const rowsMounted = await page.evaluate(() => window.bench!.rows());
    const heapUsedBytes = await heapUsed(page);
    const scroll = await page.evaluate(() => window.bench!.scroll('CHAT0', 300));
    // Switching: 20 chats of 1,000 events; the first visit of each is cold, the later ones from cache.
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    await page.evaluate(() => window.bench!.seed(20, 1_000));
    const times = await page.evaluate(async () => {
      const cold: number[] = []; const warm: number[] = [];
      for (let i = 0; i < 20; i++) cold.push(await window.bench!.open(`CHAT${i}`));
      for (let i = 0; i < 20; i++) warm.push(await window.bench!.open(`CHAT${i}`));
      return { cold, warm };
    });
    const warm10 = times.warm.filter((_, i) => i % 20 < 10);
    return { firstRender10k, rowsMounted, scroll, heapUsedBytes, switchCold: stats(times.cold), switch10: stats(warm10), switch20: stats(times.warm) };
  } finally {
    await ctx.close();
  }
}

export interface StandalonePageRun { fcpMs: number; readyMs: number; baselineFcpMs: number; heapUsedBytes: number }

/** The standalone page from the server: first contentful paint, and time until it is connected and usable. */
async function runStandalone(browser: Browser, pageUrl: string, baselineUrl: string): Promise<StandalonePageRun> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const fcp = async (page: Page) => page.evaluate(() => new Promise<number>((resolve) => {
      setTimeout(() => resolve(NaN), 5000);
      const e = performance.getEntriesByName('first-contentful-paint')[0];
      if (e) { resolve(e.startTime); return; }
      new PerformanceObserver((l) => { const f = l.getEntriesByName('first-contentful-paint')[0]; if (f) resolve(f.startTime); }).observe({ type: 'paint', buffered: true });
    }));
    const base = await ctx.newPage();
    await base.goto(baselineUrl);
    const baselineFcpMs = await fcp(base);
    await base.close();
    const page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(pageUrl);
    // Ready = connected (the connection banner hidden) with an enabled control in the chat list.
    await page.waitForFunction(() => {
      const banner = document.querySelector<HTMLElement>('[data-testid="connection"]');
      const button = document.querySelector<HTMLButtonElement>('button:not([disabled])');
      return banner !== null && banner.hidden && button !== null;
    });
    const readyMs = await page.evaluate(() => performance.now());
    return { fcpMs: await fcp(page), readyMs, baselineFcpMs, heapUsedBytes: await heapUsed(page) };
  } finally {
    await ctx.close();
  }
}

export interface WidgetBenchResult { widget?: PageRun; plain?: PageRun; console?: PageRun; standalone?: StandalonePageRun; errors: string[] }

export async function runWidgetBench(o: { benchDir: string; standaloneUrl?: string; log: (s: string) => void }): Promise<WidgetBenchResult> {
  const out: WidgetBenchResult = { errors: [] };
  const { url, server } = await serveStatic(o.benchDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
  try {
    for (const [key, file] of [['plain', 'plain.html'], ['widget', 'scenario.html'], ['console', 'consoleScenario.html']] as const) {
      try {
        out[key] = await runScenario(browser, `${url}/${file}`);
        const r = out[key]!;
        o.log(`  ${key}: 10k first render ${r.firstRender10k.toFixed(1)} ms, ${r.rowsMounted} rows, scroll ${r.scroll.framesOver50}/${r.scroll.frames} frames > 50 ms (max ${r.scroll.maxFrameMs.toFixed(0)} ms), switch 20 ${r.switch20.mean.toFixed(1)} ms mean / ${r.switch20.max.toFixed(1)} max, heap ${(r.heapUsedBytes / 2 ** 20).toFixed(1)} MiB`);
      } catch (e) { out.errors.push(`${key}: ${(e as Error).message}`); o.log(`  ${key} failed: ${(e as Error).message}`); }
    }
    if (o.standaloneUrl) {
      try {
        out.standalone = await runStandalone(browser, o.standaloneUrl, `${url}/blank.html`);
        o.log(`  standalone page: FCP ${out.standalone.fcpMs.toFixed(0)} ms, ready ${out.standalone.readyMs.toFixed(0)} ms (empty page FCP ${out.standalone.baselineFcpMs.toFixed(0)} ms)`);
      } catch (e) { out.errors.push(`standalone: ${(e as Error).message}`); o.log(`  standalone failed: ${(e as Error).message}`); }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
