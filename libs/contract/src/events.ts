/**
 * The realtime contract: every socket event name and payload, shared by the gateway, the web
 * client and the tests. See shared API.md, "Realtime", and docs/realtime.md.
 */

import type { ReactionCounts } from './reactions';

export interface AuthorView {
  id: string;
  displayName: string;
}

export type PostStatus = 'pending' | 'published' | 'withdrawn' | 'held' | 'hidden' | 'removed';

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
  status: PostStatus;
  /** For entries others cannot read (hidden, removed): the quiet words shown in their place. */
  notice: string | null;
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
  status: PostStatus;
  /** In a board's list: one plain line from the thread's latest post on the board. */
  preview?: string;
  /** In a board's list: something new from others since the reader last opened the thread. */
  unread?: boolean;
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
/** A post changed for its readers: shown again after review, restored, or its writer left (erasure). */
export type PostUpdatedEvent = CommunityEvent<'post.updated', { post: PostView }>;
/** A post left the board (deleted by a Top 3 member, or hidden after flags): show its notice instead. */
export type PostRemovedEvent = CommunityEvent<
  'post.removed',
  { postId: string; threadId: string; boardId: string; status: 'hidden' | 'removed'; notice: string }
>;

/** To readers of the board: a post's supportive reaction counts changed. Counts only, no names. */
export type PostReactionsEvent = CommunityEvent<
  'post.reactions',
  { postId: string; threadId: string; boardId: string; counts: ReactionCounts }
>;

export interface CrisisContactView {
  name: string;
  phone?: string;
  url?: string;
  note?: string;
}

/** To the author only: their post is waiting for a Top 3 member, with the crisis contacts at once. */
export type PostHeldEvent = CommunityEvent<
  'post.held',
  { post: PostView; message: string; crisisContacts: CrisisContactView[] }
>;

/** To the Top 3: the review queue changed. */
export type ReviewChangedEvent = CommunityEvent<
  'review.changed',
  {
    postId: string;
    status: PostStatus;
    inQueue: boolean;
    why: 'held' | 'flagged' | 'hidden' | 'reviewed' | 'taken';
    /** With why 'taken': the Top 3 member who is looking at it. */
    takenBy?: AuthorView;
  }
>;

/**
 * To the Top 3: the check-in list changed. A post with hard thoughts in it was published (open),
 * or a Top 3 member has checked in with its author (done).
 */
export type CheckInChangedEvent = CommunityEvent<
  'check-in.changed',
  {
    postId: string;
    threadId: string;
    boardId: string;
    open: boolean;
    /** When a Top 3 member took it: who is looking at it. */
    takenBy?: AuthorView;
  }
>;

/** To staff: a Top 3 member reported a significant event. */
export type SignificantEventCreatedEvent = CommunityEvent<
  'significant-event.created',
  { id: string; summary: string; reportedBy: AuthorView; createdAt: string }
>;

/** To the Top 3: staff have read a significant-event report they sent. */
export type SignificantEventAcknowledgedEvent = CommunityEvent<
  'significant-event.acknowledged',
  { id: string; acknowledgedAt: string }
>;

/** To everyone in the community: an election has opened for nominations. */
export type ElectionOpenedEvent = CommunityEvent<
  'election.opened',
  { electionId: string; kind: 'full' | 'by-election'; nominationsCloseAt: string; votingCloseAt: string }
>;

/** What a notification is about. */
export type NotificationKind =
  | 'held'
  | 'held-waiting'
  | 'hidden'
  | 'check-in'
  | 'significant-event-read'
  | 'reply'
  | 'reviewed'
  | 'election'
  | 'unanswered'
  | 'top3-message';

/**
 * Something for one person (GET /me/notifications). It says what happened and where to look,
 * never what anyone wrote nor who wrote it: the post is read where it lives, by the usual rules.
 */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** An imminent-risk hold: it needs a Top 3 member soon. */
  urgent: boolean;
  communityId: string;
  communityName: string;
  /** One plain sentence, with no post text and no member's name. */
  text: string;
  /** Where to look: a thread, or the review list, or the elections page. */
  link: {
    threadId?: string;
    postId?: string;
    electionId?: string;
    page?: 'review' | 'check-ins' | 'reports' | 'messages';
  };
  createdAt: string;
  readAt: string | null;
}

/**
 * To one person, on every device they are signed in on: something for them, and how many they
 * have not read. Not part of a community's stream (it is theirs, across communities); a client
 * that was away reads the list over HTTP.
 */
export interface NotificationCreatedPayload {
  notification: NotificationView;
  unread: number;
}

/** A chat message, released after the (short) chat delay, to everyone who may read the room. */
export type ChatMessageEvent = CommunityEvent<'chat.message', { roomId: string; message: PostView }>;

/** Who monitors a direct conversation now; it is open only while two Top 3 members are there. */
export type ChatMonitorsEvent = CommunityEvent<
  'chat.monitors',
  { roomId: string; monitors: AuthorView[]; open: boolean; ended: boolean }
>;

/** To the Top 3: a member asked to talk one-to-one; two of them must join before it opens. */
export type DirectRequestedEvent = CommunityEvent<'chat.direct-requested', { roomId: string; members: AuthorView[] }>;

/** Who is in a chat room now (not a stream event: it is sent again every few seconds). */
export interface PresencePayload {
  roomId: string;
  here: AuthorView[];
}

export interface TypingPayload {
  roomId: string;
  user: AuthorView;
}

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
  'post.updated': (event: PostUpdatedEvent) => void;
  'post.removed': (event: PostRemovedEvent) => void;
  'post.held': (event: PostHeldEvent) => void;
  'post.reactions': (event: PostReactionsEvent) => void;
  'review.changed': (event: ReviewChangedEvent) => void;
  'check-in.changed': (event: CheckInChangedEvent) => void;
  'significant-event.created': (event: SignificantEventCreatedEvent) => void;
  'significant-event.acknowledged': (event: SignificantEventAcknowledgedEvent) => void;
  'election.opened': (event: ElectionOpenedEvent) => void;
  'notification.created': (payload: NotificationCreatedPayload) => void;
  'chat.message': (event: ChatMessageEvent) => void;
  'chat.monitors': (event: ChatMonitorsEvent) => void;
  'chat.direct-requested': (event: DirectRequestedEvent) => void;
  presence: (payload: PresencePayload) => void;
  typing: (payload: TypingPayload) => void;
  'session.ended': (payload: SessionEndedPayload) => void;
}

/** The events that go through the ordered, catch-up-able community stream. */
export type StreamEventName =
  | 'post.released'
  | 'post.updated'
  | 'post.removed'
  | 'post.held'
  | 'post.reactions'
  | 'review.changed'
  | 'check-in.changed'
  | 'significant-event.created'
  | 'significant-event.acknowledged'
  | 'election.opened'
  | 'chat.message'
  | 'chat.monitors'
  | 'chat.direct-requested';

/** What a client sends (each with an ack); every payload is validated like an HTTP body. */
export interface ChatSendPayload {
  roomId: string;
  body: string;
  idempotencyKey: string;
  /** Sent again after the guidelines' warning, having read it. */
  guidelinesAcknowledged?: boolean;
}
export interface RoomPayload {
  roomId: string;
}

/** Every ack: ok with a result, or not ok with the same error shape as HTTP. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { statusCode: number; message: string } };

export const ClientEvents = {
  chatSend: 'chat.send',
  chatJoin: 'chat.join',
  chatLeave: 'chat.leave',
  typing: 'typing',
} as const;

export const ServerEvents = {
  streamReady: 'stream.ready',
  postReleased: 'post.released',
  postUpdated: 'post.updated',
  postRemoved: 'post.removed',
  postHeld: 'post.held',
  postReactions: 'post.reactions',
  reviewChanged: 'review.changed',
  checkInChanged: 'check-in.changed',
  significantEventCreated: 'significant-event.created',
  significantEventAcknowledged: 'significant-event.acknowledged',
  electionOpened: 'election.opened',
  notificationCreated: 'notification.created',
  chatMessage: 'chat.message',
  chatMonitors: 'chat.monitors',
  directRequested: 'chat.direct-requested',
  presence: 'presence',
  typing: 'typing',
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

/** What a client may send, each with an ack. */
export interface ClientToServerEvents {
  'chat.send': (payload: ChatSendPayload, ack: (ack: Ack<unknown>) => void) => void;
  'chat.join': (payload: RoomPayload, ack: (ack: Ack<unknown>) => void) => void;
  'chat.leave': (payload: RoomPayload, ack: (ack: Ack<unknown>) => void) => void;
  typing: (payload: RoomPayload, ack: (ack: Ack<unknown>) => void) => void;
}
