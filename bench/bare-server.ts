/**
 * The delivery baseline: a bare socket.io server (the gateway's socket.io version, default
 * in-memory adapter, websocket transport) that relays what it is given. Started by
 * bench/delivery.ts as a child process; it answers over IPC with its address.
 *
 * - A client connects with `auth: { room }`, joins that room and gets `stream.ready`.
 * - With bench/lib/memory-probe.ts preloaded (bench/memory.ts), it reports its memory on SIGWINCH.
 * - `POST /emit` with `{ room, event, payload }` stamps `payload.at` (like the gateway's release
 *   time, the moment the message becomes deliverable) and emits it to the room.
 * - With BARE_DATABASE_URL set (the durable baseline), it first stores the stamped payload as one
 *   row in PostgreSQL, committed, and emits once the commit is answered: what any relay must do
 *   that promises not to lose or renumber what it has told clients. Nothing else (no sequence,
 *   no rules, no access checks).
 */
import http from 'node:http';
import { Pool } from 'pg';
import { Server } from 'socket.io';

const durable = process.env.BARE_DATABASE_URL ? new Pool({ connectionString: process.env.BARE_DATABASE_URL }) : null;

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { room, event, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      room: string;
      event: string;
      payload: Record<string, unknown>;
    };
    payload.at = new Date().toISOString();
    if (!durable) {
      io.to(room).emit(event, payload);
      res.writeHead(204).end();
      return;
    }
    durable.query('INSERT INTO bare_events (payload) VALUES ($1)', [payload]).then(
      () => {
        io.to(room).emit(event, payload);
        res.writeHead(204).end();
      },
      () => res.writeHead(503).end(),
    );
  });
});

const io = new Server(server, { path: '/socket.io', transports: ['websocket'], maxHttpBufferSize: 64 * 1024 });
io.on('connection', (socket) => {
  const room = (socket.handshake.auth as { room?: unknown }).room;
  if (typeof room !== 'string') {
    socket.disconnect(true);
    return;
  }
  void socket.join(room);
  socket.emit('stream.ready', { cursor: {} });
});

const ready = durable
  ? durable.query('CREATE TABLE IF NOT EXISTS bare_events (id bigserial PRIMARY KEY, payload jsonb NOT NULL)')
  : Promise.resolve();
void ready.then(() =>
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.send?.({ url: `http://127.0.0.1:${port}` });
  }),
);

const stop = () => {
  void io.close();
  void durable?.end();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
