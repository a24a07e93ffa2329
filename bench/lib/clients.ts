/** Load clients: many socket.io-client connections in this process, and an open-loop request driver. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Socket, io } from 'socket.io-client';
import { nowMs } from './env';
import { pool } from './stats';

/**
 * Opens one websocket-only socket.io-client connection per `auth`, at most `parallel` handshakes at
 * a time, and resolves once every socket has had `stream.ready` (the gateway's "caught up; live
 * events follow"). Fails if any is refused or times out.
 */
export async function connectAll(
  url: string,
  auths: Record<string, unknown>[],
  listen: (socket: Socket, index: number) => void,
  parallel = 50,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  try {
    await pool(auths, parallel, (auth, i) => {
      const socket = io(url, {
        path: '/socket.io',
        transports: ['websocket'],
        auth,
        reconnection: false,
        forceNew: true,
        timeout: 30_000,
      });
      sockets.push(socket);
      // Listen from the start: events can arrive before stream.ready.
      listen(socket, i);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`socket ${i}: no stream.ready within 30 s`)), 30_000);
        socket.once('stream.ready', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.once('connect_error', (err) => {
          clearTimeout(timer);
          reject(new Error(`socket ${i} refused: ${err.message}`));
        });
      });
    });
  } catch (err) {
    closeAll(sockets);
    throw err;
  }
  return sockets;
}

export function closeAll(sockets: Socket[]): void {
  for (const s of sockets) s.close();
}

export interface DriveStats {
  /** From the first scheduled send to the last response. */
  seconds: number;
  /** How far behind its schedule the driver fell at worst (ms): above a few ms, the offered rate was not met. */
  maxScheduleLagMs: number;
  /** Sends that had to wait because `maxInFlight` requests were outstanding. */
  heldBack: number;
}

/**
 * Open loop: request i is sent at t0 + i / rate whatever the answers so far, so a slow server
 * meets the full offered load (up to `maxInFlight` outstanding, a safety bound).
 */
export async function drive(
  count: number,
  ratePerSecond: number,
  fire: (i: number) => Promise<void>,
  maxInFlight = 256,
): Promise<DriveStats> {
  const t0 = nowMs();
  const inFlight = new Set<Promise<void>>();
  let maxLag = 0;
  let heldBack = 0;
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / ratePerSecond;
    const wait = due - nowMs();
    if (wait > 0) await sleep(wait);
    else maxLag = Math.max(maxLag, -wait);
    if (inFlight.size >= maxInFlight) heldBack++;
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const p: Promise<void> = fire(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { seconds: (nowMs() - t0) / 1000, maxScheduleLagMs: maxLag, heldBack };
}

/** A small deterministic PRNG, so both sides of a comparison get the same plan. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
