import type { CrisisContactView } from '@p2p/contract';

export type {
  AccessRequestView,
  AskableBoardView,
  AuthorView,
  CheckInView,
  CommunitySessionView,
  CrisisContactView,
  CrisisPlanView,
  DeviceSessionView,
  DutyView,
  EscalationSettingsView,
  GuidelineView,
  GuidelinesCheckView,
  GuidelinesView,
  GuidelinesPreviewView,
  NotificationSettingsView,
  NotificationView,
  PreviewOutcome,
  ReviewQueueItemView,
  LogRecordView,
  MeetingPack,
  PackItem,
  PostView,
  RoomView,
  SignificantEventView,
  ThreadView,
  Top3MessageView,
} from '@p2p/contract';

export interface Membership {
  communityId: string;
  communitySlug: string;
  communityName: string;
  role: 'member' | 'staff';
  status: string;
  isTop3: boolean;
  suspendedUntil: string | null;
  outreachContact: string | null;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  isOperator: boolean;
  memberships: Membership[];
}

export interface Community {
  id: string;
  slug: string;
  name: string;
  postingDelaySeconds: number;
  chatDelaySeconds: number;
  flagThreshold: number;
  suspensionAfterNoContact: number;
  suspensionMonths: number;
  crisisContacts: CrisisContactView[];
  outreachContact: string | null;
  directConversations: boolean;
}

export interface Board {
  id: string;
  communityId: string;
  kind: 'community' | 'private' | 'info' | 'chat' | 'direct';
  slug: string;
  name: string;
  description: string | null;
  top3Only: boolean;
  /** In the list of boards: recent threads with something new for me (at most 100 counted). */
  newThreads?: number;
}

export interface InfoPage {
  id: string;
  slug: string;
  title: string;
  body: string;
  html: string;
}

export interface Person {
  id: string;
  displayName: string;
  isTop3: boolean;
}

export interface Candidate {
  id: string;
  displayName: string;
  accepted: boolean;
  nominationId: string;
}

export interface ElectionResult {
  elected: string[];
  tallies: { candidateId: string; votes: number; lot: string }[];
  ballots: number;
  tieBrokenAmong: string[];
  rule: string;
}

export interface Election {
  id: string;
  communityId: string;
  kind: 'full' | 'by-election';
  seats: number;
  phase: 'nominating' | 'voting' | 'closed' | 'counted';
  nominationsCloseAt: string;
  votingCloseAt: string;
  candidates: Candidate[];
  youHaveVoted: boolean;
  result?: ElectionResult | null;
}
