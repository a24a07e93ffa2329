import { Actor, BoardFacts, BoardKind, CommunityRole, MembershipStatus, canReadBoard } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { readableBoard } from '../../apps/gateway/src/boards/board-access.sql';
import { Given } from '../support/given';
import { testDb } from '../support/app';

/**
 * The SQL that filters board rows and the rule in libs/moderation must agree for every kind of
 * person and board. Any drift between them is a leak or a lock-out.
 */
describe('the board-reading rule, in SQL and in code', () => {
  let db: DataSource;
  let given: Given;
  beforeAll(async () => {
    db = await testDb();
    given = new Given(db);
  });
  afterAll(() => db.destroy());

  it('agrees for every role, status and board kind', async () => {
    const c = await given.community();
    const other = await given.community();
    const smallGroup = await given.privateBoard(c);
    const people = {
      member: await given.member(c),
      participant: await given.member(c),
      top3: await given.top3(c),
      staff: await given.staff(c),
      grantedStaff: await given.staff(c),
      suspended: await given.suspended(c),
      left: await given.member(c),
      outsider: await given.member(other),
      operator: await given.operator(),
    };
    await db.query(`UPDATE memberships SET status = 'left' WHERE user_id = $1`, [people.left.id]);
    await given.participant(smallGroup, people.participant);
    await given.participant(smallGroup, people.suspended);
    await db.query(
      `INSERT INTO access_requests (community_id, board_id, staff_id, reason, minutes, status, granted_at, expires_at)
       VALUES ($1, $2, $3, 'to help', 60, 'granted', now(), now() + interval '1 hour')`,
      [c.id, c.boards.community, people.grantedStaff.id],
    );

    const boards = await db.query<
      { id: string; kind: BoardKind; top3_only: boolean; participants: string[]; granted: string[] }[]
    >(
      `SELECT b.id, b.kind, b.top3_only, coalesce(array_agg(p.user_id) FILTER (WHERE p.user_id IS NOT NULL), '{}') AS participants,
              coalesce((SELECT array_agg(g.staff_id) FROM access_requests g
                         WHERE g.board_id = b.id AND g.status = 'granted' AND g.expires_at > now()), '{}') AS granted
         FROM boards b LEFT JOIN board_participants p ON p.board_id = b.id
        WHERE b.community_id = $1 GROUP BY b.id`,
      [c.id],
    );
    expect(boards).toHaveLength(4);

    let checked = 0;
    for (const [who, person] of Object.entries(people)) {
      const [m] = await db.query<{ role: CommunityRole; status: MembershipStatus; is_top3: boolean }[]>(
        `SELECT role, status, is_top3 FROM memberships WHERE user_id = $1 AND community_id = $2`,
        [person.id, c.id],
      );
      const [u] = await db.query<
        {
          is_operator: boolean;
        }[]
      >(`SELECT is_operator FROM users WHERE id = $1`, [person.id]);
      const actor: Actor = {
        userId: person.id,
        isOperator: u.is_operator,
        membership: m ? { role: m.role, status: m.status, isTop3: m.is_top3 } : null,
      };
      for (const b of boards) {
        const facts: BoardFacts = {
          kind: b.kind,
          top3Only: b.top3_only,
          participantIds: b.participants,
          grantedStaffIds: b.granted,
        };
        const [{ readable }] = await db.query<{ readable: boolean }[]>(
          `SELECT ${readableBoard('b', '$2')} AS readable FROM boards b WHERE b.id = $1`,
          [b.id, person.id],
        );
        expect({ who, board: b.kind, top3Only: b.top3_only, readable }).toEqual({
          who,
          board: b.kind,
          top3Only: b.top3_only,
          readable: canReadBoard(actor, facts),
        });
        checked++;
      }
    }
    expect(checked).toBe(36);
  });
});
