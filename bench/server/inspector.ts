/**
 * Profiles one phase of a server started with `--inspect=127.0.0.1:0` over the DevTools protocol,
 * so that setup is left out: a CPU profile (self time by function) or a sampling allocation profile
 * that also counts objects the GC has already collected (what makes young-generation churn).
 */
import { writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import WebSocket from 'ws';

type Send = (method: string, params?: object) => Promise<any>;

/** Connects to the inspector whose URL the child printed on stderr. */
export async function connectInspector(child: ChildProcess): Promise<{ send: Send; close(): void }> {
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    const t = setTimeout(() => reject(new Error(`no inspector URL: ${err.slice(-500)}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /ws:\/\/\S+/.exec(err);
      if (m) { clearTimeout(t); resolve(m[0]); }
    });
  });
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  let n = 0;
  const waiting = new Map<number, (r: any) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as { id?: number; result?: unknown; error?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m.error ? Promise.reject(new Error(JSON.stringify(m.error))) : m.result);
  });
  const send: Send = (method, params = {}) => new Promise((resolve) => {
    const id = ++n;
    waiting.set(id, (r) => { waiting.delete(id); resolve(r); });
    ws.send(JSON.stringify({ id, method, params }));
  });
  return { send, close: () => ws.close() };
}

interface CallFrame { functionName: string; url: string; lineNumber: number }
const where = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules\/)?/, '')}:${f.lineNumber + 1}`;

/** Runs `phase` under the CPU profiler; returns the top functions by self time (%). */
export async function cpuProfile(send: Send, phase: () => Promise<unknown>, file: string, top = 40): Promise<string[]> {
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  await phase();
  const { profile } = await send('Profiler.stop') as { profile: { nodes: { id: number; callFrame: CallFrame; hitCount?: number }[]; samples: number[] } };
  writeFileSync(file, JSON.stringify(profile));
  const self = new Map<string, number>();
  for (const node of profile.nodes) self.set(where(node.callFrame), (self.get(where(node.callFrame)) ?? 0) + (node.hitCount ?? 0));
  const total = profile.samples.length;
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${(100 * v / total).toFixed(1).padStart(5)} %  ${k}`);
}

interface HeapNode { callFrame: CallFrame; selfSize: number; children: HeapNode[] }

/**
 * Runs `phase` under the sampling heap profiler; top allocation sites by bytes. `survivors` leaves
 * out what scavenges collected: what is left was promoted to the old generation (or is still live),
 * the garbage that major GCs then have to collect.
 */
export async function allocationProfile(send: Send, phase: () => Promise<unknown>, file: string, top = 40, survivors = false): Promise<{ totalBytes: number; lines: string[] }> {
  await send('HeapProfiler.enable');
  await send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !survivors });
  await phase();
  const { profile } = await send('HeapProfiler.stopSampling') as { profile: { head: HeapNode } };
  writeFileSync(file, JSON.stringify(profile));
  const bySite = new Map<string, number>();
  let totalBytes = 0;
  const walk = (n: HeapNode) => {
    if (n.selfSize) { bySite.set(where(n.callFrame), (bySite.get(where(n.callFrame)) ?? 0) + n.selfSize); totalBytes += n.selfSize; }
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  return { totalBytes, lines: [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${(v / 2 ** 20).toFixed(1).padStart(7)} MiB  ${k}`) };
}
