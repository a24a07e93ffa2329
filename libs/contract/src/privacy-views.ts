/**
 * What the HTTP API returns about a member's own data: everything held about them (subject
 * access, UK GDPR art. 15), as JSON (GET /me/export) and as a page to read (GET /me/export/page).
 */

/** A community, board or thread named in the export, as the member could see it. */
export interface NamedRef {
  id: string;
  name: string;
}

/** An entry the member wrote (a post, a reply or a chat message), with what happened to it. */
export interface ExportedEntryView {
  id: string;
  community: NamedRef;
  board: NamedRef & { kind: string };
  thread: NamedRef;
  /** The entry that opened its thread. */
  isOpening: boolean;
  /** The words as they are held now. */
  body: string;
  status: string;
  /** What happened to it, in plain words. */
  whatHappened: string;
  createdAt: string;
  editedAt: string | null;
  sharedAt: string | null;
  withdrawnAt: string | null;
  /** The member sent it to the Top 3 first. */
  sentToTop3First: boolean;
}

/** A record of the verbatim log that names the member: as the one who acted, or about their entry. */
export interface ExportedLogRecordView {
  community: NamedRef;
  at: string;
  action: string;
  /** The action in words, as the meeting pack says it. */
  actionWords: string;
  /** "you", or "a Top 3 member", "a staff member", "the board" (another person is not named here). */
  by: string;
  /** The entry's words at that moment, when the entry is the member's own (never another person's). */
  entryText: string | null;
  reason: string | null;
}

/** Everything P2P Board holds about one person. */
export interface MyDataView {
  /** "p2p-board/subject-access/1": the shape of this file. */
  format: string;
  exportedAt: string;
  /** What this is, what is not in it and why, in plain words. */
  about: string[];
  profile: { id: string; username: string; displayName: string; isOperator: boolean; createdAt: string };
  signIns: {
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    endedAt: string | null;
    device: string | null;
  }[];
  memberships: {
    community: NamedRef;
    role: string;
    status: string;
    isTop3: boolean;
    joinedAt: string;
    suspendedUntil: string | null;
  }[];
  entries: ExportedEntryView[];
  threadsStarted: { id: string; community: NamedRef; board: NamedRef; title: string; createdAt: string }[];
  flagsRaised: { postId: string; reason: string; note: string | null; at: string; resolvedAt: string | null }[];
  reactionsLeft: { postId: string; kind: string; at: string }[];
  /** Where the member has read up to in each thread (what makes "something new for me"). */
  threadsRead: { threadId: string; readAt: string }[];
  privateBoardsAndConversations: {
    board: NamedRef & { kind: string };
    community: NamedRef;
    /** For a direct conversation: the people in it (whom the member talked with). */
    with: string[];
  }[];
  conversationsMonitored: { board: NamedRef; community: NamedRef; joinedAt: string }[];
  attendance: { community: NamedRef; session: string; startsAt: string; mark: string; recordedAt: string }[];
  suspensions: {
    community: NamedRef;
    startsAt: string;
    endsAt: string;
    endedAt: string | null;
    endedReason: string | null;
  }[];
  elections: {
    /** The elections the member voted in. Never for whom: the ballot box cannot tell whose a ballot is. */
    votedIn: { electionId: string; community: NamedRef; openedAt: string }[];
    nominations: { electionId: string; community: NamedRef; accepted: boolean; selfNominated: boolean; at: string }[];
  };
  logRecords: ExportedLogRecordView[];
  notifications: { kind: string; community: NamedRef; createdAt: string; readAt: string | null }[];
  notificationSettings: {
    email: string | null;
    emailOn: boolean;
    quietFrom: string | null;
    quietUntil: string | null;
    timeZone: string;
  } | null;
  /** Emails and pushes sent to the member: where to, and when. */
  messagesSent: { channel: string; address: string; status: string; sentAt: string | null }[];
  pushDevices: { createdAt: string; service: string }[];
  crisisPlan: { whoToCall: string; whatHelps: string; whereToGo: string; showTop3WhenHeld: boolean } | null;
  /** The member's controls for hard days: the words they muted, and the end of a break they took. */
  hardDays: { mutedWords: string[]; breakUntil: string | null } | null;
  /** Words the member was writing and has not sent yet, kept so they are not lost, and where each would go. */
  drafts: { place: string; title: string | null; body: string; updatedAt: string }[];
  messagesFromTheTop3: { community: NamedRef; postId: string | null; body: string; at: string }[];
  /** Exports of this data the operator made on a documented request (the request's reference). */
  operatorRequests: { action: string; reference: string; at: string }[];
  /** Events of the live stream addressed to the member alone (a held post's kind reply, for one). */
  streamEventsForYou: { community: NamedRef; type: string; at: string }[];
  /** What the member did for the community in a role (Top 3, staff, a meeting's secretary). */
  forTheCommunity: {
    messagesToAuthors: { community: NamedRef; body: string; at: string }[];
    dutyShifts: { community: NamedRef; startsAt: string; endsAt: string }[];
    dutyShiftsAdded: number;
    accessRequests: { community: NamedRef; reason: string; status: string; at: string }[];
    accessApprovals: { requestId: string; approvedAt: string }[];
    significantEventsReported: { community: NamedRef; summary: string; at: string }[];
    significantEventsAcknowledged: { community: NamedRef; at: string }[];
    meetingsOpened: { community: NamedRef; title: string; openedAt: string }[];
    meetingOutcomesRecorded: { outcome: string; at: string }[];
    checkInsDone: { postId: string; at: string }[];
    entriesTaken: { postId: string; at: string }[];
    guidelinesVersionsSaved: { community: NamedRef; version: number; at: string }[];
    infoPagesEdited: { title: string; at: string }[];
    sessionsAdded: { community: NamedRef; title: string; startsAt: string }[];
    electionsOpened: { electionId: string; community: NamedRef; openedAt: string }[];
    nominationsMade: { electionId: string; candidate: string; at: string }[];
    attendanceRecorded: number;
    suspensionsEnded: number;
  };
}
