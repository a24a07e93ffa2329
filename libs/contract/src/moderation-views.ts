/** What the HTTP API returns about the review, the verbatim log, meetings and the guidelines. */
import type { AuthorView, CrisisContactView, PostView } from './events';
import type { CrisisPlanView } from './notification-views';

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
  /**
   * Set when the record's words (entry text, reason, details) were removed: at a member's
   * request ('erasure') or under the community's retention policy ('retention'). The record
   * itself stays, and the log still verifies.
   */
  wordsRemoved: 'erasure' | 'retention' | null;
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
  /** As LogRecordView.wordsRemoved: why this item's words are no longer in the pack. */
  wordsRemoved: 'erasure' | 'retention' | null;
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

/** A message to me from the Top 3 as a group (GET /me/top3-messages), with the crisis contacts. */
export interface Top3MessageView {
  id: string;
  communityId: string;
  communityName: string;
  body: string;
  createdAt: string;
  crisisContacts: CrisisContactView[];
}

/** "I'm looking at this": who took an entry from a list, and when. */
export interface TakenView {
  by: AuthorView;
  at: string;
}

/** A flag taken: and whether enough members have flagged the post to hide it. */
export interface FlaggedView {
  flagged: true;
  hidden: boolean;
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
