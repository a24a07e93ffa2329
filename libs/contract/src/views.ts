/**
 * What the HTTP API returns, beyond posts and threads (events.ts): one shape for each, written by
 * the gateway's services and read by the web client. By room: moderation-views.ts (the review,
 * the log, meetings, guidelines), governance-views.ts (sessions, access, elections),
 * notification-views.ts (notifications, duty, the crisis plan).
 */
import type { AuthorView, ThreadView } from './events';

/** A chat room or a direct conversation, as GET .../chat/rooms and chat.join give it. */
export interface RoomView {
  id: string;
  communityId: string;
  kind: 'chat' | 'direct';
  name: string;
  members: AuthorView[];
  monitors: AuthorView[];
  open: boolean;
  ended: boolean;
}

/** A signed-in device of the caller's (GET /auth/sessions). */
export interface DeviceSessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  current: boolean;
}

/** How far the caller has read a thread. */
export interface ThreadReadView {
  threadId: string;
  readSeq: number;
}

/** Threads nobody else has replied to for `afterHours` hours, oldest first. */
export interface WaitingForReplyView {
  items: ThreadView[];
  afterHours: number;
}

/** Something made: its id. */
export interface CreatedView {
  id: string;
}

/** Who is on a private board (PUT /boards/:bid/participants), as the list was saved. */
export interface ParticipantsView {
  participantIds: string[];
}
