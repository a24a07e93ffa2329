/** What the HTTP API returns about sessions and attendance, staff access and elections. */
import type { AuthorView } from './events';

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
