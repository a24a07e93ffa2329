import {
  Actor,
  BoardKind,
  CommunityRole,
  MembershipStatus,
  Permission,
  can,
  canCreateBoard,
  canManageParticipants,
  canReadBoard,
} from '.';

const actor = (
  kind: 'member' | 'top3' | 'staff' | 'suspended' | 'left' | 'outsider' | 'operator',
  userId = 'u1',
): Actor => {
  const m = (role: CommunityRole, status = MembershipStatus.Active, isTop3 = false) => ({
    userId,
    isOperator: false,
    membership: { role, status, isTop3 },
  });
  switch (kind) {
    case 'member':
      return m(CommunityRole.Member);
    case 'top3':
      return m(CommunityRole.Member, MembershipStatus.Active, true);
    case 'staff':
      return m(CommunityRole.Staff);
    case 'suspended':
      return m(CommunityRole.Member, MembershipStatus.Suspended, true);
    case 'left':
      return m(CommunityRole.Member, MembershipStatus.Left);
    case 'outsider':
      return { userId, isOperator: false, membership: null };
    case 'operator':
      return { userId, isOperator: true, membership: null };
  }
};

type Who = Parameters<typeof actor>[0];
const everyone: Who[] = ['member', 'top3', 'staff', 'suspended', 'left', 'outsider', 'operator'];

const allowed: Record<Permission, Who[]> = {
  [Permission.ReadCommunity]: ['member', 'top3', 'staff'],
  [Permission.ChangeSettings]: ['staff'],
  [Permission.ListMembers]: ['staff'],
  [Permission.AdmitMember]: ['staff'],
  [Permission.AddStaff]: ['staff', 'operator'],
  [Permission.ListBoards]: ['member', 'top3', 'staff'],
  [Permission.WritePosts]: ['member', 'top3'],
  [Permission.CreateBoard]: ['top3', 'staff'],
  [Permission.EditInfoPages]: ['top3', 'staff'],
  [Permission.ReviewEntries]: ['top3'],
  [Permission.ChangeGuidelines]: ['top3'],
  [Permission.ReadModerationLog]: ['top3', 'staff'],
  [Permission.ReadPrivateBoardLog]: ['top3'],
  [Permission.RecordAttendance]: ['staff'],
  [Permission.ReportSignificantEvent]: ['top3'],
  [Permission.AcknowledgeSignificantEvent]: ['staff'],
  [Permission.RequestBoardAccess]: ['staff'],
  [Permission.ApproveBoardAccess]: ['top3'],
  [Permission.OpenElection]: ['top3', 'staff'],
  [Permission.Vote]: ['member', 'top3'],
  [Permission.KeepRota]: ['top3'],
  [Permission.ChangeEscalation]: ['top3', 'staff'],
  [Permission.ChangeKeeping]: ['top3', 'staff'],
};

describe('who may do what in a community', () => {
  const cases = Object.values(Permission).flatMap((p) =>
    everyone.map((who) => [p, who, allowed[p].includes(who)] as const),
  );
  it.each(cases)('%s by %s -> %s', (permission, who, expected) => {
    expect(can(actor(who), permission)).toBe(expected);
  });

  it('the table above names every permission', () => {
    expect(Object.keys(allowed).sort()).toEqual(Object.values(Permission).sort());
  });

  it('an operator holds no right over a community beyond adding its staff', () => {
    const granted = Object.values(Permission).filter((p) => can(actor('operator'), p));
    expect(granted).toEqual([Permission.AddStaff]);
  });

  it('a suspended Top 3 member loses moderation rights while suspended', () => {
    expect(can(actor('suspended'), Permission.ReviewEntries)).toBe(false);
  });
});

describe('who may read a board', () => {
  const community = { kind: BoardKind.Community, top3Only: false, participantIds: [] };
  const info = { kind: BoardKind.Info, top3Only: false, participantIds: [] };
  const top3Board = { kind: BoardKind.Private, top3Only: true, participantIds: [] };
  const smallGroup = { kind: BoardKind.Private, top3Only: false, participantIds: ['u1'] };

  it.each([
    ['community', community, ['member', 'top3']],
    ['info', info, ['member', 'top3', 'staff']],
    ['Top 3 board', top3Board, ['top3']],
  ] as const)('the %s board is read by %j only', (_name, board, readers) => {
    for (const who of everyone) {
      expect([who, canReadBoard(actor(who), board)]).toEqual([who, (readers as readonly string[]).includes(who)]);
    }
  });

  it('a private board is read by its named participants who are active members', () => {
    expect(canReadBoard(actor('member', 'u1'), smallGroup)).toBe(true);
    expect(canReadBoard(actor('member', 'u2'), smallGroup)).toBe(false);
    expect(canReadBoard(actor('staff', 'u1'), smallGroup)).toBe(false);
    expect(canReadBoard(actor('suspended', 'u1'), smallGroup)).toBe(false);
  });
});

describe('who may open boards', () => {
  it.each([
    ['top3', BoardKind.Private, true],
    ['top3', BoardKind.Community, true],
    ['top3', BoardKind.Info, true],
    ['staff', BoardKind.Community, true],
    ['staff', BoardKind.Info, true],
    ['staff', BoardKind.Private, false],
    ['member', BoardKind.Community, false],
    ['suspended', BoardKind.Private, false],
    ['operator', BoardKind.Info, false],
  ] as const)('%s opening a %s board -> %s', (who, kind, expected) => {
    expect(canCreateBoard(actor(who), kind)).toBe(expected);
  });

  it('only the Top 3 change who is on a private board', () => {
    expect(everyone.filter((who) => canManageParticipants(actor(who)))).toEqual(['top3']);
  });
});

describe('staff reading a board by the community’s consent', () => {
  const board = (kind: BoardKind, granted: string[]) => ({
    kind,
    top3Only: false,
    participantIds: [],
    grantedStaffIds: granted,
  });
  it('an open grant lets that staff member read that community board, and nobody else gains anything', () => {
    expect(canReadBoard(actor('staff', 'u1'), board(BoardKind.Community, ['u1']))).toBe(true);
    expect(canReadBoard(actor('staff', 'u2'), board(BoardKind.Community, ['u1']))).toBe(false);
    expect(canReadBoard(actor('operator', 'u1'), board(BoardKind.Community, ['u1']))).toBe(false);
  });
  it('a grant never opens a private board', () => {
    expect(canReadBoard(actor('staff', 'u1'), board(BoardKind.Private, ['u1']))).toBe(false);
  });
});

describe('who may read chat', () => {
  const room = { kind: BoardKind.Chat, top3Only: false, participantIds: [], grantedStaffIds: ['u1'] };
  const direct = (monitors: string[]) => ({
    kind: BoardKind.Direct,
    top3Only: false,
    participantIds: ['a', 'b'],
    monitorIds: monitors,
  });
  it('the community chat room is read like the community board, staff only by grant', () => {
    expect(canReadBoard(actor('member'), room)).toBe(true);
    expect(canReadBoard(actor('staff', 'u1'), room)).toBe(true);
    expect(canReadBoard(actor('staff', 'u2'), room)).toBe(false);
    expect(canReadBoard(actor('suspended'), room)).toBe(false);
  });
  it('a direct conversation is read by its two members and the Top 3 members monitoring it, never by staff', () => {
    expect(canReadBoard(actor('member', 'a'), direct([]))).toBe(true);
    expect(canReadBoard(actor('member', 'c'), direct([]))).toBe(false);
    expect(canReadBoard(actor('top3', 't'), direct([]))).toBe(false);
    expect(canReadBoard(actor('top3', 't'), direct(['t']))).toBe(true);
    expect(canReadBoard(actor('staff', 't'), { ...direct(['t']), grantedStaffIds: ['t'] })).toBe(false);
  });
});
