import { Actor, BoardFacts, BoardKind, CommunityRole, MembershipStatus } from './roles';

/** Everything someone may be allowed to do within a community, named once. */
export enum Permission {
  ReadCommunity = 'community:read',
  ChangeSettings = 'community:settings',
  ListMembers = 'members:list',
  AdmitMember = 'members:admit',
  AddStaff = 'members:add-staff',
  ListBoards = 'boards:list',
  WritePosts = 'posts:write',
  CreateBoard = 'boards:create',
  EditInfoPages = 'info:edit',
  ReviewEntries = 'entries:review',
  ChangeGuidelines = 'guidelines:change',
  ReadModerationLog = 'log:read',
  ReadPrivateBoardLog = 'log:read-private',
  RecordAttendance = 'attendance:record',
  ReportSignificantEvent = 'significant-event:report',
  AcknowledgeSignificantEvent = 'significant-event:ack',
  RequestBoardAccess = 'access:request',
  ApproveBoardAccess = 'access:approve',
  OpenElection = 'election:open',
  Vote = 'election:vote',
  /** Add and remove shifts on the Top 3 rota. */
  KeepRota = 'rota:keep',
  /** See and change the escalation ladder and the on-call contact (agreed with staff). */
  ChangeEscalation = 'escalation:change',
  /** How long the community keeps posts, chat and the log's words, and what erasure leaves. */
  ChangeKeeping = 'keeping:change',
}

const activeMember = (a: Actor): boolean =>
  a.membership?.role === CommunityRole.Member && a.membership.status === MembershipStatus.Active;
const activeTop3 = (a: Actor): boolean => activeMember(a) && a.membership!.isTop3;
const activeStaff = (a: Actor): boolean =>
  a.membership?.role === CommunityRole.Staff && a.membership.status === MembershipStatus.Active;

/**
 * Who may do what. Operators run the deployment and may add the first staff to a community, but
 * hold no rights over its content. Staff never get board content from this table: that takes a
 * grant from the community, which is decided per board, not here.
 */
const rules: Record<Permission, (a: Actor) => boolean> = {
  [Permission.ReadCommunity]: (a) => activeMember(a) || activeStaff(a),
  [Permission.ChangeSettings]: activeStaff,
  [Permission.ListMembers]: activeStaff,
  [Permission.AdmitMember]: activeStaff,
  [Permission.AddStaff]: (a) => activeStaff(a) || a.isOperator,
  [Permission.ListBoards]: (a) => activeMember(a) || activeStaff(a),
  [Permission.WritePosts]: activeMember,
  [Permission.CreateBoard]: (a) => activeStaff(a) || activeTop3(a),
  [Permission.EditInfoPages]: (a) => activeStaff(a) || activeTop3(a),
  [Permission.ReviewEntries]: activeTop3,
  [Permission.ChangeGuidelines]: activeTop3,
  [Permission.ReadModerationLog]: (a) => activeTop3(a) || activeStaff(a),
  [Permission.ReadPrivateBoardLog]: activeTop3,
  [Permission.RecordAttendance]: activeStaff,
  [Permission.ReportSignificantEvent]: activeTop3,
  [Permission.AcknowledgeSignificantEvent]: activeStaff,
  [Permission.RequestBoardAccess]: activeStaff,
  [Permission.ApproveBoardAccess]: activeTop3,
  [Permission.OpenElection]: (a) => activeStaff(a) || activeTop3(a),
  [Permission.Vote]: activeMember,
  [Permission.KeepRota]: activeTop3,
  [Permission.ChangeEscalation]: (a) => activeStaff(a) || activeTop3(a),
  [Permission.ChangeKeeping]: (a) => activeStaff(a) || activeTop3(a),
};

export function can(actor: Actor, permission: Permission): boolean {
  return rules[permission](actor);
}

/**
 * Whether an actor may read a board's content. Mirrors the SQL predicate the gateway uses to
 * filter rows (apps/gateway/src/boards/board-access.sql.ts); the two are tested against each other.
 */
export function canReadBoard(actor: Actor, board: BoardFacts): boolean {
  if (board.kind === BoardKind.Info) return activeMember(actor) || activeStaff(actor);
  const grantable = board.kind === BoardKind.Community || board.kind === BoardKind.Chat;
  if (grantable && activeStaff(actor)) return board.grantedStaffIds?.includes(actor.userId) ?? false;
  if (!activeMember(actor)) return false;
  if (grantable) return true;
  if (board.kind === BoardKind.Direct) {
    const monitoring = activeTop3(actor) && (board.monitorIds ?? []).includes(actor.userId);
    return board.participantIds.includes(actor.userId) || monitoring;
  }
  return board.top3Only ? activeTop3(actor) : board.participantIds.includes(actor.userId);
}

/**
 * Staff can open community and info boards; only the Top 3 open private ones, because what is said
 * there is never theirs to see.
 */
export function canCreateBoard(actor: Actor, kind: BoardKind): boolean {
  if (activeTop3(actor)) return true;
  return activeStaff(actor) && kind !== BoardKind.Private;
}

/** Who may change who is on a private board: the Top 3. */
export function canManageParticipants(actor: Actor): boolean {
  return activeTop3(actor);
}
