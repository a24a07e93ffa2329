import { AttendanceMark, SessionMark, suspensionEnds, suspensionTrigger } from './attendance';

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 10));
const marks = (...ms: (AttendanceMark | null)[]): SessionMark[] =>
  ms.map((mark, i) => ({ sessionId: `s${i + 1}`, startsAt: day(i + 1), mark }));

describe('when a member is suspended for not attending', () => {
  it.each([
    ['three no-contact sessions in a row', marks('no-contact', 'no-contact', 'no-contact'), 's3'],
    ['after attending, three in a row', marks('attended', 'no-contact', 'no-contact', 'no-contact'), 's4'],
    ['two in a row is not enough', marks('attended', 'no-contact', 'no-contact'), null],
    ['making contact breaks the run', marks('no-contact', 'contact', 'no-contact', 'no-contact'), null],
    ['attending breaks the run', marks('no-contact', 'no-contact', 'attended', 'no-contact'), null],
    [
      'unrecorded sessions neither count nor break it',
      marks('no-contact', null, 'no-contact', null, 'no-contact'),
      's5',
    ],
    [
      'an old run followed by attendance does not count',
      marks('no-contact', 'no-contact', 'no-contact', 'attended'),
      null,
    ],
    ['nothing recorded', marks(null, null, null), null],
  ])('%s', (_name, history, expected) => {
    expect(suspensionTrigger(history, 3)).toBe(expected);
  });

  it('the order of the record does not matter, only the dates', () => {
    expect(suspensionTrigger([...marks('attended', 'no-contact', 'no-contact', 'no-contact')].reverse(), 3)).toBe('s4');
  });

  it("a member who came back starts again: sessions before their return don't count", () => {
    const history = marks('no-contact', 'no-contact', 'no-contact', 'no-contact', 'no-contact');
    expect(suspensionTrigger(history, 3, day(3))).toBeNull();
    expect(suspensionTrigger(history, 3, day(2))).toBe('s5');
  });

  it('the community sets the number', () => {
    expect(suspensionTrigger(marks('no-contact', 'no-contact'), 2)).toBe('s2');
    expect(suspensionTrigger(marks('no-contact', 'no-contact', 'no-contact'), 4)).toBeNull();
  });

  it.each([
    ['2026-01-15T10:00:00.000Z', 3, '2026-04-15T10:00:00.000Z'],
    ['2026-11-30T10:00:00.000Z', 3, '2027-02-28T10:00:00.000Z'],
    ['2027-11-30T10:00:00.000Z', 3, '2028-02-29T10:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
  ])('a suspension from %s for %i months ends %s', (start, months, end) => {
    expect(suspensionEnds(new Date(start), months).toISOString()).toBe(end);
  });
});
