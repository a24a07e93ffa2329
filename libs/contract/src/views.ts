/**
 * What the HTTP API returns, beyond posts and threads (events.ts): one shape for each, written by
 * the gateway's services and read by the web client.
 */
import type { AuthorView, CrisisContactView, NotificationView, PostView, ThreadView } from './events';

/** A step in the verbatim moderation log, with the entry's exact words at that moment. */
export interface LogRecordView {
  id: string;
  /** Entries from private boards are in a chain of their own, which staff never read. */
  chain: 'open' | 'private';
  seq: number;
  at: string;
  actor: AuthorView | null;
  action: string;
  boardId: string | null;
  postId: string | null;
  entryText: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  forMeeting: boolean;
}

/** What a Top 3 member reported to the staff team, and whether staff have seen it. */
export interface SignificantEventView {
  id: string;
  summary: string;
  postIds: string[];
  reportedBy: AuthorView;
  createdAt: string;
  acknowledgedBy: AuthorView | null;
  acknowledgedAt: string | null;
}

/** One line of a community meeting's pack: a log entry, and what the meeting decided about it. */
export interface PackItem {
  id: string;
  position: number;
  logId: string;
  chain: 'open' | 'private';
  at: string;
  action: string;
  actor: string | null;
  entryText: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  outcome: string | null;
  outcomeAt: string | null;
}

export interface MeetingPack {
  id: string;
  communityId: string;
  communityName: string;
  title: string;
  openedAt: string;
  coversFrom: string | null;
  items: PackItem[];
}

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

/** One of the community's sessions, for which staff record who came. */
export interface CommunitySessionView {
  id: string;
  title: string;
  startsAt: string;
  seriesId: string | null;
  /** How many attendance marks are recorded for it. */
  recorded: number;
}

/** Staff asking to read one community board for a while; two Top 3 approvals open it. */
export interface AccessRequestView {
  id: string;
  boardId: string;
  boardName: string;
  staff: AuthorView;
  reason: string;
  minutes: number;
  status: 'waiting' | 'granted' | 'refused' | 'expired';
  approvals: AuthorView[];
  createdAt: string;
  grantedAt: string | null;
  expiresAt: string | null;
}

/** A board staff may ask to read (never a private one). */
export interface AskableBoardView {
  id: string;
  name: string;
  description: string | null;
}

/**
 * One of the community's guidelines (GET /communities/:cid/guidelines). The same shape as
 * @p2p/guidelines' Guideline, written out here because the web client reads only this lib.
 */
export interface GuidelineView {
  id: string;
  category:
    | 'imminent-harm-self'
    | 'self-harm-thoughts'
    | 'imminent-harm-others'
    | 'self-harm-account'
    | 'contact-details'
    | 'abuse';
  title: string;
  /** The plain words members see. */
  explanation: string;
  /**
   * hold: a Top 3 member looks first; warn: the author is asked to think again; check-in:
   * published, and the Top 3 see it in their check-in list; allow: nothing.
   */
  action: 'hold' | 'warn' | 'check-in' | 'allow';
  /** Only on the imminent-harm-self rule: how carefully it reads posts; none means standard. */
  reading?: 'standard' | 'careful';
}

/** The guidelines in force, with their version (each change by the Top 3 makes a new one). */
export interface GuidelinesView {
  version: number;
  rules: GuidelineView[];
}

/**
 * A published post the guidelines asked the Top 3 to check in on (GET /communities/:cid/check-ins):
 * hard thoughts without intent or plan. Everyone could already read the post; the list only says
 * that someone may want to reach out, and whether a Top 3 member has.
 */
export interface CheckInView {
  post: PostView;
  threadTitle: string;
  /** What the guidelines found, in plain words with the words quoted. */
  reasons: string[];
  /** When it was published and joined the list. */
  since: string;
  done: { by: AuthorView; at: string } | null;
  /** The Top 3 member who said "I'm looking at this", and when. */
  taken: { by: AuthorView; at: string } | null;
}

/** What the guidelines do with a post, as a dry run counts it. */
export type PreviewOutcome = 'hold' | 'check-in' | 'warn' | 'publish';

/**
 * A dry run of proposed guidelines over the community's recent posts
 * (POST /communities/:cid/guidelines/preview): how many each set holds, checks in, warns about or
 * publishes, and the posts whose outcome would change (the first 100; all are counted). Only posts
 * the asking Top 3 member may read are read.
 */
export interface GuidelinesPreviewView {
  days: number;
  posts: number;
  today: Record<PreviewOutcome, number>;
  instead: Record<PreviewOutcome, number>;
  changes: number;
  changed: { post: PostView; threadTitle: string; from: PreviewOutcome; to: PreviewOutcome; reasons: string[] }[];
}

/** How a person is told (GET/PUT /me/notification-settings). In the app is always on. */
export interface NotificationSettingsView {
  /** Where email goes; nothing is sent until emailOn. */
  email: string | null;
  emailOn: boolean;
  /** Quiet hours in the person's time zone ("22:00" to "07:00"); both or neither. */
  quietFrom: string | null;
  quietUntil: string | null;
  timeZone: string;
}

/** One shift on the Top 3 rota. */
export interface DutyShiftView {
  id: string;
  who: AuthorView;
  startsAt: string;
  endsAt: string;
}

/**
 * Who of the Top 3 is on duty (GET /communities/:cid/duty): now, the next two weeks, and when a
 * Top 3 member is next expected if nobody is on duty now.
 */
export interface DutyView {
  onDutyNow: DutyShiftView[];
  /** Whether any Top 3 member has the board open now (on any device). */
  someoneOnline: boolean;
  shifts: DutyShiftView[];
  nextExpectedAt: string | null;
}

/**
 * The escalation ladder (GET/PUT /communities/:cid/escalation, Top 3 and staff): an imminent-risk
 * hold nobody has taken goes to every Top 3 member by every channel after escalateAfterMinutes,
 * and a content-free alert goes to the on-call contact after onCallAfterMinutes.
 */
export interface EscalationSettingsView {
  escalateAfterMinutes: number;
  onCallAfterMinutes: number;
  onCallEmail: string | null;
  /** The community's time zone: times in the on-call alert are given in it. */
  timeZone: string;
}

/**
 * A member's own crisis plan (GET/PUT /me/crisis-plan). Private to them; never visible to staff;
 * the Top 3 see it beside a held post of theirs only when showTop3WhenHeld is on.
 */
export interface CrisisPlanView {
  whoToCall: string;
  whatHelps: string;
  whereToGo: string;
  showTop3WhenHeld: boolean;
  updatedAt: string | null;
}

/** A message to me from the Top 3 as a group (GET /me/top3-messages), with the crisis contacts. */
export interface Top3MessageView {
  id: string;
  communityId: string;
  communityName: string;
  body: string;
  createdAt: string;
  crisisContacts: CrisisContactView[];
}

/** GET /me/notifications: a page of them, and how many are unread in all. */
export interface NotificationsPageView {
  items: NotificationView[];
  nextCursor: string | null;
  unread: number;
}

/** How many of my notifications are unread, after marking some read. */
export interface UnreadCountView {
  unread: number;
}

/** My notification settings, and whether this board can send email at all. */
export interface MyNotificationSettingsView extends NotificationSettingsView {
  emailAvailable: boolean;
}

/** The devices where alerts are on, and the board's key for turning them on (absent after a change). */
export interface PushDevicesView {
  publicKey?: string;
  endpoints: string[];
}

/** "I'm looking at this": who took an entry from a list, and when. */
export interface TakenView {
  by: AuthorView;
  at: string;
}

/** How far the caller has read a thread. */
export interface ThreadReadView {
  threadId: string;
  readSeq: number;
}

/** A flag taken: and whether enough members have flagged the post to hide it. */
export interface FlaggedView {
  flagged: true;
  hidden: boolean;
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

/** A flag on an entry waiting for review: who flagged it, and why. */
export interface FlagView {
  by: AuthorView;
  /** A guideline category, or something-else (then with a note). */
  reason: GuidelineView['category'] | 'something-else';
  note: string | null;
  at: string;
}

/** What one guideline found in a text, quoting the words. */
export interface FindingView {
  /** The id of the guideline that matched. */
  rule: string;
  category: GuidelineView['category'];
  /** That guideline's action. */
  action: GuidelineView['action'];
  /** The exact words that triggered it: the text from start to end. */
  matched: string;
  start: number;
  end: number;
  /** A short phrase saying why, with the words quoted. */
  reason: string;
}

/**
 * What the community's guidelines would do with a text (POST /communities/:cid/guidelines/check),
 * and why.
 */
export interface GuidelinesCheckView {
  /** hold if any finding holds; else warn; else check-in; else publish. */
  outcome: 'publish' | 'check-in' | 'warn' | 'hold';
  /** Every finding, allow ones too, strongest first. */
  findings: FindingView[];
  /** The version of the guidelines that read it. */
  version: number;
}

/** An entry on the Top 3's review list (GET /communities/:cid/review-queue). */
export interface ReviewQueueItemView {
  post: PostView;
  why: 'held' | 'hidden' | 'flagged';
  /** When it started waiting for review. */
  since: string;
  /** What the guidelines found when they held it; null if they never held it. */
  findings: FindingView[] | null;
  /** Flags not yet resolved, oldest first. */
  flags: FlagView[];
  /** The Top 3 member who said "I'm looking at this", and when. */
  taken: TakenView | null;
  /** The author's own crisis plan, beside a held post, if they chose to show it to the Top 3. */
  authorPlan: CrisisPlanView | null;
  /** The author sent it to the Top 3 first, rather than the guidelines holding it. */
  askedByAuthor: boolean;
}

/** One chain of the verbatim log, recomputed from its first record. */
export interface LogChainCheckView {
  ok: boolean;
  /** How many records were checked. */
  entries: number;
  /** The hash of the last record; null for an empty chain. */
  head: string | null;
  /** Only when broken: the first record that does not check out. */
  firstBrokenAt?: number;
  /** Only when broken: what is wrong, in words. */
  problem?: string;
  /** "<entries>:<head>": keep it elsewhere and pass it back to catch a rebuilt chain. */
  checkpoint: string;
}

/**
 * The log recomputed (GET /communities/:cid/log/verify): the open chain's check (its fields), and
 * for the Top 3 the private boards' chain too. `ok` is whether every chain the caller may read
 * checks out.
 */
export interface LogVerifyView extends LogChainCheckView {
  /** Top 3 only: the private boards' chain. */
  private?: LogChainCheckView;
}

/** A community meeting in the list (GET /communities/:cid/meetings); its pack is a MeetingPack. */
export interface MeetingSummaryView {
  id: string;
  title: string;
  openedAt: string;
}

/** One member's mark for a session. */
export interface AttendanceMarkView {
  userId: string;
  displayName: string;
  /** contact: did not attend, but got in touch. */
  mark: 'attended' | 'contact' | 'no-contact';
  recordedAt: string;
}

/** Attendance recorded for a session (GET/PUT /sessions/:sid/attendance), by display name. */
export interface AttendanceView {
  session: CommunitySessionView;
  items: AttendanceMarkView[];
}

/** A member nominated in an election. */
export interface CandidateView {
  id: string;
  displayName: string;
  /** Whether they have accepted, and so stand. */
  accepted: boolean;
  /** The nomination, for its candidate to accept. */
  nominationId: string;
}

/** A Top 3 election as a member sees it: phase, candidates, and whether they have voted. */
export interface ElectionView {
  id: string;
  communityId: string;
  /** full: all three seats; by-election: the empty ones. */
  kind: 'full' | 'by-election';
  seats: number;
  /** closed: voting has closed and the count is still to come. */
  phase: 'nominating' | 'voting' | 'closed' | 'counted';
  nominationsCloseAt: string;
  votingCloseAt: string;
  candidates: CandidateView[];
  youHaveVoted: boolean;
}

/** One candidate's votes in a count. */
export interface TallyView {
  candidateId: string;
  votes: number;
  /** The lot that separates equal votes (lower wins): SHA-256 of "<election id>:<candidate id>". */
  lot: string;
}

/** An election's counted result (GET .../elections/:eid/result), with the tie rule. */
export interface ElectionResultView {
  /** The ids of those elected. */
  elected: string[];
  tallies: TallyView[];
  /** How many ballots were cast. */
  ballots: number;
  /** Candidates level on votes across the last seat, separated by lot. */
  tieBrokenAmong: string[];
  /** The tie rule, in words. */
  rule: string;
}

/** An election in the community's list: as ElectionView, with its result once counted. */
export interface ElectionListItemView extends ElectionView {
  /** The counted result; null until the count. */
  result: ElectionResultView | null;
}

/** A ballot taken. Nothing says what it chose. */
export interface BallotCastView {
  voted: true;
}

/** A Top 3 member has stepped down; the seat waits for a by-election. */
export interface SteppedDownView {
  steppedDown: true;
}

/** The on-call contact alerted (POST /posts/:pid/on-call): the address the alert went to. */
export interface OnCallView {
  sentTo: string;
}
