// Statements, node CPU and PostgreSQL CPU per acknowledged send_event on a PostgreSQL node (SQLITE=1: the SQLite store), clients in-process: `tsx bench/server/pgSendCost.mts [customers] [messages each]`
import pg from 'pg';
import { execSync } from 'node:child_process';
import { startPostgres, createDatabase } from '../../src/testing/services/postgres.js';
import { startTestServer } from '../../src/testing/testServer.js';
import { connectCustomer } from '../../src/testing/testClients.js';
let queries = 0;
const orig = pg.Client.prototype.query;
(pg.Client.prototype as any).query = function (...a: unknown[]) { queries++; return (orig as any).apply(this, a); };
const server0 = await startPostgres();
const db = await createDatabase(server0.adminUrl);
function pgCpu() { let s = 0; for (const p of execSync(`pgrep -P ${server0.postmasterPid()} || true`).toString().trim().split('\n').filter(Boolean)) { try { const f = execSync(`cat /proc/${p}/stat 2>/dev/null`).toString().split(') ')[1]!.split(' '); s += Number(f[11]) + Number(f[12]); } catch { /* the backend exited */ } } return s / 100; }
const server = process.env.SQLITE ? await startTestServer({}) : await startTestServer({}, undefined, 0, db);
await server.ownerAcceptsChats(1000);
const N = Number(process.argv[2] ?? 20), M = Number(process.argv[3] ?? 100);
const customers = await Promise.all(Array.from({ length: N }, () => connectCustomer(server)));
const chats: string[] = [];
for (const c of customers) { const x: any = await c.rtm.call('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hi' }] } } }); chats.push(x.chat_id); }
const q0 = queries, c0 = pgCpu(), u0 = process.cpuUsage(), t0 = performance.now();
let lat = 0;
await Promise.all(customers.map(async (c, i) => { for (let k = 0; k < M; k++) { const s = performance.now(); await c.rtm.call('send_event', { chat_id: chats[i], event: { type: 'message', text: 'hello ' + k } }); lat += performance.now() - s; } }));
const n = N * M, sec = (performance.now() - t0) / 1000, u = process.cpuUsage(u0);
console.log(`${n} send_event: ${(n / sec).toFixed(0)}/s, mean latency ${(lat / n).toFixed(2)} ms, ${((queries - q0) / n).toFixed(1)} statements each, node CPU ${((u.user + u.system) / n).toFixed(0)} µs, postgres CPU ${((pgCpu() - c0) / n * 1e6).toFixed(0)} µs per send_event (clients in-process)`);

for (const c of customers) c.rtm.close?.();
await server.close(); await server0.stop(); process.exit(0);
