import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SessionEndedPayload } from '@p2p/contract';
import { signal } from '@preact/signals';

/**
 * One socket for the whole app. It signs in with the session cookie, keeps the last sequence
 * number seen in each community, and hands that back on every reconnect so the server sends what
 * was missed, in order, before anything new.
 */
export type ConnectionState = 'connecting' | 'live' | 'offline' | 'paused';
export const connection = signal<ConnectionState>('connecting');

type Handler = (event: never) => void;
const handlers = new Map<string, Set<Handler>>();
const cursor: Record<string, number> = {};
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

const STREAM = [
  'post.released',
  'post.updated',
  'post.removed',
  'post.held',
  'post.reactions',
  'review.changed',
  'check-in.changed',
  'significant-event.created',
  'significant-event.acknowledged',
  'election.opened',
  'chat.message',
  'chat.monitors',
  'chat.direct-requested',
] as const;
const PLAIN = ['presence', 'typing', 'notification.created'] as const;

function dispatch(name: string, payload: unknown): void {
  const seq = (payload as { communityId?: string; seq?: number }) ?? {};
  if (typeof seq.seq === 'number' && seq.communityId) {
    if (seq.seq <= (cursor[seq.communityId] ?? 0)) return;
    cursor[seq.communityId] = seq.seq;
  }
  for (const fn of handlers.get(name) ?? []) (fn as (p: unknown) => void)(payload);
}

/** Whether the connection has dropped since the page opened: a stream.ready now is a reconnect. */
let dropped = false;

export function connect(onSessionEnded: (ended: SessionEndedPayload) => void): void {
  if (socket) return;
  connection.value = 'connecting';
  socket = io({
    path: '/socket.io',
    transports: ['websocket'],
    withCredentials: true,
    auth: (cb) => cb({ cursor: { ...cursor } }),
  });
  socket.on('connect', () => (connection.value = 'live'));
  socket.on('disconnect', () => {
    dropped = true;
    connection.value = 'offline';
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    // A paused membership is refused on purpose: not a lost connection, and no use retrying.
    connection.value = err.data?.code === 'suspended' ? 'paused' : 'offline';
  });
  socket.on('stream.ready', ({ cursor: server }) => {
    // A community the page had no number for yet (the connection dropped before the first
    // stream.ready) cannot be caught up event by event: pages load what they show again.
    const unknown = Object.keys(server).some((cid) => cursor[cid] === undefined);
    for (const [cid, seq] of Object.entries(server)) cursor[cid] = Math.max(cursor[cid] ?? 0, seq);
    dispatch('stream.ready', server);
    if (dropped && unknown) dispatch('stream.resumed', server);
  });
  for (const name of [...STREAM, ...PLAIN]) socket.on(name, (p: unknown) => dispatch(name, p));
  socket.on('session.ended', (p) => {
    disconnect();
    onSessionEnded(p);
  });
}

export function disconnect(): void {
  socket?.disconnect();
  socket = null;
  connection.value = 'offline';
}

/** Listens to one server event; returns the function that stops listening. */
export function on<K extends keyof ServerToClientEvents | 'stream.ready' | 'stream.resumed'>(
  name: K,
  fn: K extends keyof ServerToClientEvents ? ServerToClientEvents[K] : (cursor: Record<string, number>) => void,
): () => void {
  const set = handlers.get(name) ?? new Set();
  set.add(fn);
  handlers.set(name, set);
  return () => set.delete(fn);
}

/** A refusal in an ack, with the status code the server gave it (422 is a guidelines warning). */
export class AckError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a client event and waits for its ack. */
export function emit<T>(name: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    if (!socket?.connected)
      return reject(new Error('You are offline just now. Please try again when the connection is back.'));
    (socket.timeout(10_000).emit as (n: string, p: unknown, cb: (err: unknown, ack: unknown) => void) => void)(
      name,
      payload,
      (err, ack) => {
        if (err) return reject(new AckError(0, 'The board did not answer in time. Please try again.'));
        const a = ack as { ok: boolean; data?: T; error?: { statusCode: number; message: string } };
        if (a.ok) resolve(a.data as T);
        else reject(new AckError(a.error?.statusCode ?? 0, a.error?.message ?? 'That did not work. Please try again.'));
      },
    );
  });
}
