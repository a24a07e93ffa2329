import * as http from 'node:http';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * The single address in front of several gateway processes (`npm run cluster`), written with
 * node:http and node:net only.
 *
 * - HTTP API requests and new websockets go round-robin: the API keeps no state in a process.
 * - socket.io's HTTP long-polling is sticky by its session id. A polling session's requests
 *   (and its later upgrade to a websocket) carry `?sid=`, and only the process that opened the
 *   session knows it, so the proxy reads the sid from each handshake answer and pins it to that
 *   process. Unlike stickiness by client address, this spreads members who share one address
 *   (a community's office wifi) across processes; unlike a cookie, it works for clients that
 *   keep no cookies.
 * - A process that refuses a connection (stopped, killed, restarting) is left out for a moment
 *   and the request goes to the next one; nothing has been sent yet, so trying again is safe.
 *   Open connections to a process that dies are closed, and socket.io clients reconnect here.
 */
export interface Upstream {
  host: string;
  port: number;
}

export interface FrontProxyOptions {
  upstreams: Upstream[];
  /** How long a polling session stays pinned after its last request (polling clients ask every ~25 s). */
  stickyIdleMs?: number;
  /** How long a process that refused a connection is tried only as a last resort. */
  restMs?: number;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  // The proxy is the edge: what a client claims about forwarding is replaced, never passed on.
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SID_IN_HANDSHAKE = /"sid":"([^"]+)"/;
const CONNECT_TIMEOUT_MS = 5_000;

function problem(statusCode: number, error: string, message: string): string {
  return JSON.stringify({ statusCode, error, message });
}

function connectTo(upstream: Upstream): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: upstream.host, port: upstream.port });
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(new Error('connect timed out')));
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', reject);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

export class FrontProxy {
  readonly server: http.Server;
  private readonly upstreams: Upstream[];
  private readonly stickyIdleMs: number;
  private readonly restMs: number;
  private readonly restingUntil: number[];
  private readonly sessions = new Map<string, { upstream: number; seenAt: number }>();
  private readonly tunnels = new Set<Duplex>();
  /** Kept-alive connections to each process for API requests (websockets get their own). */
  private readonly agents: http.Agent[];
  private readonly sweeper: NodeJS.Timeout;
  private turn = 0;

  constructor(opts: FrontProxyOptions) {
    if (opts.upstreams.length === 0) throw new Error('FrontProxy needs at least one upstream.');
    this.upstreams = opts.upstreams;
    this.stickyIdleMs = opts.stickyIdleMs ?? 120_000;
    this.restMs = opts.restMs ?? 1_000;
    this.restingUntil = opts.upstreams.map(() => 0);
    // Idle connections are closed before the gateway's own 5 s keep-alive timeout would close them.
    this.agents = opts.upstreams.map(() => new http.Agent({ keepAlive: true, timeout: 4_000 }));
    this.server = http.createServer((req, res) => this.forward(req, res));
    this.server.on('upgrade', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
      void this.tunnel(req, client, head);
    });
    this.server.on('clientError', (_err, socket: Duplex) => socket.destroy());
    this.sweeper = setInterval(() => this.forgetIdleSessions(), 30_000);
    this.sweeper.unref();
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.removeListener('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops taking connections; resolves once the open ones have ended (see dropConnections). */
  close(): Promise<void> {
    clearInterval(this.sweeper);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    return closed;
  }

  /** Ends every open connection now (the processes behind have had their chance to close them). */
  dropConnections(): void {
    this.server.closeAllConnections();
    for (const a of this.agents) a.destroy();
    for (const t of this.tunnels) t.destroy();
  }

  /** Which upstreams to try, in order: the pinned one first, else round-robin with resting ones last. */
  private order(pinned?: number): number[] {
    const n = this.upstreams.length;
    const start = pinned ?? this.turn++ % n;
    const rotation = Array.from({ length: n }, (_, i) => (start + i) % n);
    // Only the pinned process knows its session: try it even if it refused a moment ago.
    if (pinned !== undefined) return rotation;
    const now = Date.now();
    return [
      ...rotation.filter((i) => this.restingUntil[i] <= now),
      ...rotation.filter((i) => this.restingUntil[i] > now),
    ];
  }

  private async connectFirst(order: number[]): Promise<{ socket: net.Socket; index: number } | null> {
    for (const index of order) {
      try {
        const socket = await connectTo(this.upstreams[index]);
        this.restingUntil[index] = 0;
        return { socket, index };
      } catch {
        this.rest(index);
      }
    }
    return null;
  }

  /** socket.io's engine path: its polling requests and upgrades may carry a session id. */
  private engineRequest(req: http.IncomingMessage): { sid: string | null; pinned?: number; handshake: boolean } {
    const url = new URL(req.url ?? '/', 'http://front');
    if (url.pathname !== '/socket.io/' && url.pathname !== '/socket.io') return { sid: null, handshake: false };
    const sid = url.searchParams.get('sid');
    const session = sid ? this.sessions.get(sid) : undefined;
    if (session) session.seenAt = Date.now();
    const handshake = sid === null && url.searchParams.get('transport') === 'polling' && req.method === 'GET';
    return { sid, pinned: session?.upstream, handshake };
  }

  private forwardedHeaders(req: http.IncomingMessage): [string, string][] {
    const headers: [string, string][] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i];
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push([name, req.rawHeaders[i + 1]]);
    }
    headers.push(['X-Forwarded-For', req.socket.remoteAddress ?? '']);
    headers.push(['X-Forwarded-Proto', 'http']);
    if (req.headers.host) headers.push(['X-Forwarded-Host', req.headers.host]);
    return headers;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const engine = this.engineRequest(req);
    let headers = this.forwardedHeaders(req);
    // The handshake answer is read for its sid, so ask for it uncompressed.
    if (engine.handshake) headers = headers.filter(([name]) => name.toLowerCase() !== 'accept-encoding');
    if (req.headers['transfer-encoding']) headers.push(['Transfer-Encoding', req.headers['transfer-encoding']]);
    const order = this.order(engine.pinned);
    let upstream: http.ClientRequest | undefined;
    res.on('close', () => {
      if (!res.writableFinished) upstream?.destroy();
    });

    const attempt = (at: number): void => {
      const index = order[at];
      if (index === undefined) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(
          problem(503, 'Service Unavailable', 'The board is not available just now; please try again in a moment.'),
        );
        return;
      }
      const { host, port } = this.upstreams[index];
      const request = http.request({
        host,
        port,
        method: req.method,
        path: req.url,
        headers: headers.flat(),
        agent: this.agents[index],
      });
      upstream = request;
      let connected = false;
      request.on('socket', (socket) => {
        // The body is sent only once connected, so a refused connection can go to the next process.
        const send = () => {
          connected = true;
          this.restingUntil[index] = 0;
          if (req.readableEnded) request.end();
          else req.pipe(request);
        };
        if (socket.connecting) socket.once('connect', send);
        else send();
      });
      request.on('error', () => {
        if (res.headersSent) return void res.destroy();
        // Nothing was sent, or only a request that is safe to repeat (a process dying as it
        // accepted, or a kept-alive connection it had just closed): ask again, elsewhere if need be.
        if (!connected || SAFE_METHODS.has(req.method ?? '')) {
          if (!request.reusedSocket) this.rest(index);
          return attempt(request.reusedSocket ? at : at + 1);
        }
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(problem(502, 'Bad Gateway', 'The board could not answer just now; please try again in a moment.'));
      });
      request.on('response', (answer) => this.answer(answer, res, engine.handshake ? index : undefined));
    };
    attempt(0);
  }

  /** Passes an upstream answer on; a polling handshake's answer is read first, to pin its sid. */
  private answer(answer: http.IncomingMessage, res: http.ServerResponse, handshakeOn?: number): void {
    answer.on('error', () => res.destroy());
    const out: string[] = [];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) {
      const name = answer.rawHeaders[i];
      if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, answer.rawHeaders[i + 1]);
    }
    if (handshakeOn === undefined || answer.statusCode !== 200) {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
      answer.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const body = Buffer.concat(chunks);
      const sid = SID_IN_HANDSHAKE.exec(body.toString('utf8'))?.[1];
      if (sid) this.sessions.set(sid, { upstream: handshakeOn, seenAt: Date.now() });
      res.writeHead(answer.statusCode ?? 200, answer.statusMessage, out);
      res.end(body);
    });
  }

  /** A websocket: after its upgrade request the connection is passed through byte for byte. */
  private async tunnel(req: http.IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    client.on('error', () => client.destroy());
    const engine = this.engineRequest(req);
    const target = await this.connectFirst(this.order(engine.pinned));
    if (!target) {
      client.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = target.socket;
    if (client.destroyed) {
      upstream.destroy();
      return;
    }
    this.tunnels.add(client);
    const end = () => {
      this.tunnels.delete(client);
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end).on('close', end);
    client.on('close', end);
    (client as net.Socket).setNoDelay?.(true);

    const headers = this.forwardedHeaders(req);
    headers.push(['Connection', 'Upgrade'], ['Upgrade', req.headers.upgrade ?? 'websocket']);
    const lines = [`${req.method} ${req.url} HTTP/1.1`, ...headers.map(([k, v]) => `${k}: ${v}`)];
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  }

  /** A process that refused a connection: tried last for a moment, and its sessions are gone. */
  private rest(index: number): void {
    this.restingUntil[index] = Date.now() + this.restMs;
    for (const [sid, s] of this.sessions) if (s.upstream === index) this.sessions.delete(sid);
  }

  private forgetIdleSessions(): void {
    const before = Date.now() - this.stickyIdleMs;
    for (const [sid, s] of this.sessions) if (s.seenAt < before) this.sessions.delete(sid);
  }
}
