/**
 * The realtime contract: every socket event name and payload, shared by the gateway, the web
 * client and the tests. See shared API.md, "Realtime", and docs/realtime.md.
 */

export interface AuthorView {
  id: string;
  displayName: string;
}

export interface PostView {
  id: string;
  threadId: string;
  boardId: string;
  communityId: string;
  author: AuthorView;
  isOpening: boolean;
  /** What the author wrote (markdown-lite). */
  body: string;
  /** The same, rendered to safe HTML: paragraphs, emphasis, lists and links only. */
  html: string;
  status: 'pending' | 'published' | 'withdrawn';
  createdAt: string;
  /** When the thinking space ends. Editing does not move it. */
  releaseAt: string;
  releasedAt: string | null;
  editedAt: string | null;
  /** The community sequence number of its publication. */
  seq: number | null;
}

export interface ThreadView {
  id: string;
  boardId: string;
  communityId: string;
  title: string;
  author: AuthorView;
  createdAt: string;
  lastPostAt: string | null;
  postCount: number;
  status: 'pending' | 'published' | 'withdrawn';
}

/** Every board and community event carries its community's sequence number. */
export interface CommunityEvent<T extends string = string, D = unknown> {
  type: T;
  communityId: string;
  seq: number;
  at: string;
  data: D;
}

export type PostReleasedEvent = CommunityEvent<'post.released', { post: PostView; thread: ThreadView }>;

export interface SessionEndedPayload {
  reason: 'signed-out' | 'revoked' | 'expired' | 'suspended';
  message: string;
}

/** Sent once a new socket has caught up: live events follow. `cursor` is where each community stands. */
export interface StreamReadyPayload {
  cursor: Record<string, number>;
}

export interface ServerToClientEvents {
  'stream.ready': (payload: StreamReadyPayload) => void;
  'post.released': (event: PostReleasedEvent) => void;
  'session.ended': (payload: SessionEndedPayload) => void;
}

/** The events that go through the ordered, catch-up-able community stream. */
export type StreamEventName = 'post.released';

// Client-to-server events arrive with chat; each is validated like an HTTP body.
export type ClientToServerEvents = Record<string, never>;

export const ServerEvents = {
  streamReady: 'stream.ready',
  postReleased: 'post.released',
  sessionEnded: 'session.ended',
} as const satisfies Record<string, keyof ServerToClientEvents>;

/**
 * The handshake: `auth: { token, cursor }`, where cursor maps a community id to the last sequence
 * number the client has seen there. Events after it are sent, in order, before live ones.
 */
export interface HandshakeAuth {
  token?: string;
  cursor?: Record<string, number>;
}

/** Why a handshake was refused, in `err.data` of the client's connect_error. */
export interface HandshakeRefusal {
  code: 'unauthenticated' | 'origin-not-allowed' | 'suspended' | 'bad-handshake';
  message: string;
  suspendedUntil?: string;
}

export const Rooms = {
  session: (id: string) => `session:${id}`,
  user: (id: string) => `user:${id}`,
} as const;
