import { ServerToClientEvents } from '@p2p/contract';
import { Socket, io } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents>;

/** Opens a socket.io-client connection and waits until it connects or is refused. */
export function connect(
  url: string,
  opts: { token?: string; origin?: string; cookie?: string } = {},
): Promise<{ socket: ClientSocket; error?: Error & { data?: { code: string; suspendedUntil?: string } } }> {
  const headers: Record<string, string> = {};
  if (opts.origin) headers.origin = opts.origin;
  if (opts.cookie) headers.cookie = opts.cookie;
  const socket: ClientSocket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ socket, error });
    });
  });
}
