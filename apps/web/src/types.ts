import type { CrisisContactView } from '@p2p/contract';

export type {
  AccessRequestView,
  AskableBoardView,
  AttendanceMarkView,
  AttendanceView,
  AuthorView,
  CheckInView,
  CommunitySessionView,
  CrisisContactView,
  CrisisPlanView,
  DraftView,
  DeviceSessionView,
  DutyView,
  ElectionListItemView,
  ElectionResultView,
  EscalationSettingsView,
  GuidelineView,
  GuidelinesCheckView,
  GuidelinesView,
  GuidelinesPreviewView,
  MeetingSummaryView,
  MyNotificationSettingsView,
  NotificationSettingsView,
  NotificationsPageView,
  NotificationView,
  OnCallView,
  PreviewOutcome,
  ReviewQueueItemView,
  LogRecordView,
  LogVerifyView,
  MeetingPack,
  PackItem,
  PostView,
  PushDevicesView,
  RoomView,
  SignificantEventView,
  ThreadView,
  Top3MessageView,
  UnreadCountView,
  WaitingForReplyView,
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
