/**
 * The baseline: a minimal chat relay written directly on `ws`, speaking just enough of the RTM
 * framing (login, set_routing_status, start_chat, send_event, ping) for the load driver to run
 * unchanged against it. No storage, no validation, no auth: the practical ceiling for a Node
 * WebSocket relay on this machine. Frames it sends have the same shape and roughly the same size
 * as Switchboard's (response + `incoming_event` push with the event echoed), and go to the same
 * sockets (`incoming_chat` to the customer and to every logged-in agent).
 *
 * Usage: tsx bench/baseline/wsRelay.ts <port>   (prints `listening <port>` when ready)
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

interface Conn { ws: WebSocket; role: 'customer' | 'agent'; owner: string; accepting: boolean; load: number }
interface Room { customer: string; agent: Conn | undefined; seq: number }

const port = Number(process.argv[2] ?? 0);
/** Same per-agent cap as Switchboard's agents get in the bench (`max_chats_count`). */
const MAX_CHATS = Number(process.argv[3] ?? 20);
const byOwner = new Map<string, Set<Conn>>();
const rooms = new Map<string, Room>();
const agents: Conn[] = [];
let chatN = 0;

const server = createServer((req, res) => {
  // Enough of the token endpoint for the driver: every call is a new customer.
  if (req.method === 'POST' && req.url?.startsWith('/v2/customer/token')) {
    req.resume();
    req.on('end', () => {
      const id = `c${++chatN}`;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: id, entity_id: id, expires_in: 28800, token_type: 'Bearer', organization_id: 'relay', refresh_token: `${id}:x` }));
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });

function send(c: Conn, frame: object): void {
  c.ws.send(JSON.stringify(frame));
}

wss.on('connection', (ws, req) => {
  const conn: Conn = { ws, role: req.url?.includes('/agent/') ? 'agent' : 'customer', owner: '', accepting: false, load: 0 };
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as { request_id?: string; action: string; payload?: Record<string, any> };
    const p = f.payload ?? {};
    const reply = (payload: object) => send(conn, { request_id: f.request_id, action: f.action, type: 'response', success: true, payload });
    switch (f.action) {
      case 'login': {
        conn.owner = String(p.token ?? '').replace(/^(Bearer|Basic) /, '');
        let set = byOwner.get(conn.owner);
        if (!set) byOwner.set(conn.owner, (set = new Set()));
        set.add(conn);
        if (conn.role === 'agent') agents.push(conn);
        return reply({ my_profile: { id: conn.owner } });
      }
      case 'set_routing_status':
        conn.accepting = p.status === 'accepting_chats';
        return reply({});
      case 'start_chat': {
        const id = `R${++chatN}`;
        let agent: Conn | undefined;
        for (const a of agents) if (a.accepting && a.load < MAX_CHATS && (!agent || a.load < agent.load)) agent = a;
        if (agent) agent.load++;
        rooms.set(id, { customer: conn.owner, agent, seq: 0 });
        const chat = { id, users: [{ id: conn.owner, type: 'customer' }, ...(agent ? [{ id: agent.owner, type: 'agent' }] : [])], thread: { id: `${id}_T`, active: true, events: [] } };
        reply({ chat_id: id, thread_id: `${id}_T` });
        for (const c of byOwner.get(conn.owner) ?? []) send(c, { action: 'incoming_chat', type: 'push', payload: { chat }, ...(c === conn ? { request_id: f.request_id } : {}) });
        // The protocol sends a new chat to every logged-in agent with access to its group, not only
        // to the one it is routed to (shared/protocol/agent-chat-api.md, Delivery), and Switchboard
        // does: here every agent has access. One frame, written to each.
        const toAgents = JSON.stringify({ action: 'incoming_chat', type: 'push', payload: { chat } });
        for (const a of agents) a.ws.send(toAgents);
        return;
      }
      case 'send_event': {
        const room = rooms.get(String(p.chat_id));
        if (!room) return send(conn, { request_id: f.request_id, action: f.action, type: 'response', success: false, payload: { error: { type: 'not_found', message: 'Chat not found' } } });
        const eventId = `${p.chat_id}_T_${++room.seq}`;
        const event = { ...p.event, id: eventId, author_id: conn.owner, created_at: new Date().toISOString(), visibility: 'all' };
        reply({ event_id: eventId });
        const push = (c: Conn) => send(c, { action: 'incoming_event', type: 'push', payload: { chat_id: p.chat_id, thread_id: `${p.chat_id}_T`, event }, ...(c === conn ? { request_id: f.request_id } : {}) });
        for (const c of byOwner.get(room.customer) ?? []) push(c);
        if (room.agent) push(room.agent);
        return;
      }
      default:
        return reply({});
    }
  });
  ws.on('close', () => {
    byOwner.get(conn.owner)?.delete(conn);
    const i = agents.indexOf(conn);
    if (i >= 0) agents.splice(i, 1);
  });
  ws.on('error', () => ws.terminate());
});

server.listen(port, '127.0.0.1', () => {
  const a = server.address();
  console.log(`listening ${typeof a === 'object' && a ? a.port : port}`);
});
const stop = () => { for (const c of wss.clients) c.terminate(); server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 1000).unref(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
