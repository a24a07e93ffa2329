/**
 * The delivery baseline: a bare socket.io server (the gateway's socket.io version, default
 * in-memory adapter, websocket transport) that relays what it is given. Started by
 * bench/delivery.ts as a child process; it answers over IPC with its address.
 *
 * - A client connects with `auth: { room }`, joins that room and gets `stream.ready`.
 * - With bench/lib/memory-probe.ts preloaded (bench/memory.ts), it reports its memory on SIGWINCH.
 * - `POST /emit` with `{ room, event, payload }` stamps `payload.at` (like the gateway's release
 *   time, the moment the message becomes deliverable) and emits it to the room.
 */
import http from 'node:http';
import { Server } from 'socket.io';

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
    io.to(room).emit(event, payload);
    res.writeHead(204).end();
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

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send?.({ url: `http://127.0.0.1:${port}` });
});

const stop = () => {
  void io.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
