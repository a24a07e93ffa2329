import { DataSource } from 'typeorm';
import { testDb } from '../support/app';

/** notification_due(): when something made at a moment may be emailed, by a person's quiet hours. */
describe('quiet hours (notification_due)', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(() => db.destroy());

  const due = async (at: string, tz: string, from: string | null, until: string | null): Promise<string> => {
    const [row] = await db.query<{ due: string }[]>(
      `SELECT to_char(notification_due($1::timestamptz, $2, $3::time, $4::time) AT TIME ZONE 'UTC',
                      'YYYY-MM-DD"T"HH24:MI"Z"') AS due`,
      [at, tz, from, until],
    );
    return row.due;
  };

  it.each([
    ['no quiet hours: at once', '2026-12-07T23:30Z', 'Europe/London', null, null, '2026-12-07T23:30Z'],
    ['outside overnight hours: at once', '2026-12-07T12:00Z', 'Europe/London', '22:00', '07:00', '2026-12-07T12:00Z'],
    ['late evening: next morning', '2026-12-07T23:30Z', 'Europe/London', '22:00', '07:00', '2026-12-08T07:00Z'],
    ['small hours: this morning', '2026-12-08T03:00Z', 'Europe/London', '22:00', '07:00', '2026-12-08T07:00Z'],
    ['at the very end: at once', '2026-12-08T07:00Z', 'Europe/London', '22:00', '07:00', '2026-12-08T07:00Z'],
    ['London in summer time', '2026-07-01T22:30Z', 'Europe/London', '22:00', '07:00', '2026-07-02T06:00Z'],
    ['a daytime nap', '2026-12-07T13:30Z', 'UTC', '13:00', '14:00', '2026-12-07T14:00Z'],
    ['another time zone', '2026-12-08T03:30Z', 'America/New_York', '22:00', '07:00', '2026-12-08T12:00Z'],
    ['equal ends mean none', '2026-12-07T23:30Z', 'UTC', '07:00', '07:00', '2026-12-07T23:30Z'],
  ])('%s', async (_what, at, tz, from, until, want) => {
    expect(await due(at, tz, from, until)).toBe(want);
  });
});
