/**
 * The realtime contract: every socket event name and payload, shared by the gateway, the web
 * client and the tests. See shared API.md, "Realtime".
 */
export interface SessionEndedPayload {
  reason: 'signed-out' | 'revoked' | 'expired' | 'suspended';
  message: string;
}

export interface ServerToClientEvents {
  'session.ended': (payload: SessionEndedPayload) => void;
}

// Client-to-server events arrive with the boards and chat issues; each is validated like an HTTP body.
export type ClientToServerEvents = Record<string, never>;

export const ServerEvents = {
  sessionEnded: 'session.ended',
} as const satisfies Record<string, keyof ServerToClientEvents>;

/** Why a handshake was refused, in `err.data` of the client's connect_error. */
export interface HandshakeRefusal {
  code: 'unauthenticated' | 'origin-not-allowed' | 'suspended';
  message: string;
  suspendedUntil?: string;
}

export const Rooms = {
  session: (id: string) => `session:${id}`,
  user: (id: string) => `user:${id}`,
  community: (id: string) => `community:${id}`,
  board: (id: string) => `board:${id}`,
} as const;
