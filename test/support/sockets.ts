import { PostReleasedEvent, ServerToClientEvents } from '@p2p/contract';
import { Socket, io } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents>;

/** Opens a socket.io-client connection and waits until it connects or is refused. */
export function connect(
  url: string,
  opts: {
    token?: string;
    origin?: string;
    cookie?: string;
    cursor?: unknown;
    /** websocket only unless asked; browsers start with long-polling and upgrade. */
    transports?: ('polling' | 'websocket')[];
  } = {},
): Promise<{ socket: ClientSocket; error?: Error & { data?: { code: string; suspendedUntil?: string } } }> {
  const headers: Record<string, string> = {};
  if (opts.origin) headers.origin = opts.origin;
  if (opts.cookie) headers.cookie = opts.cookie;
  const socket: ClientSocket = io(url, {
    path: '/socket.io',
    transports: opts.transports ?? ['websocket'],
    auth: {
      ...(opts.token ? { token: opts.token } : {}),
      ...(opts.cursor !== undefined ? { cursor: opts.cursor } : {}),
    },
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
  // Catch-up events arrive before stream.ready, so record from the very start.
  const received: PostReleasedEvent[] = [];
  socket.on('post.released', (e) => received.push(e));
  recorded.set(socket, received);
  return new Promise((resolve) => {
    // Connected and caught up: live events follow from here.
    socket.once('stream.ready', () => resolve({ socket }));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ socket, error });
    });
  });
}

const recorded = new WeakMap<ClientSocket, PostReleasedEvent[]>();

/** Every post.released a socket opened by connect() has received, in arrival order. */
export function collectReleases(socket: ClientSocket): PostReleasedEvent[] {
  return recorded.get(socket)!;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
