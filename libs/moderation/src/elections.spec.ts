import { BallotError, countBallots, lotFor } from './elections';

const E = 'election-1';
const candidates = ['ann', 'bea', 'cal', 'dev', 'eli'];

describe('counting a Top 3 election', () => {
  it('the three with most votes win', () => {
    const result = countBallots(E, candidates, [
      ['ann', 'bea', 'cal'],
      ['ann', 'bea', 'dev'],
      ['ann', 'cal'],
      ['bea'],
      ['eli'],
    ]);
    expect(result.elected).toEqual(['ann', 'bea', 'cal']);
    expect(result.tallies.map((t) => [t.candidateId, t.votes])).toEqual(
      expect.arrayContaining([
        ['ann', 3],
        ['bea', 3],
        ['cal', 2],
        ['dev', 1],
        ['eli', 1],
      ]),
    );
    expect(result.tieBrokenAmong).toEqual([]);
  });

  it('a tie across the last seat is broken by the stated lot, the same way every time', () => {
    const ballots = [['ann', 'bea', 'cal'], ['ann', 'bea', 'dev'], ['eli']];
    const first = countBallots(E, candidates, ballots);
    const lotOrder = ['cal', 'dev', 'eli'].sort((a, b) => (lotFor(E, a) < lotFor(E, b) ? -1 : 1));
    expect(first.elected).toEqual(['ann', 'bea', lotOrder[0]]);
    expect([...first.tieBrokenAmong].sort()).toEqual(['cal', 'dev', 'eli']);
    expect(countBallots(E, [...candidates].reverse(), [...ballots].reverse())).toEqual({
      ...first,
      tallies: expect.any(Array),
    });
  });

  it('ties within the winners need no lot', () => {
    const result = countBallots(E, candidates, [
      ['ann', 'bea', 'cal'],
      ['ann', 'bea', 'cal'],
    ]);
    expect(result.elected.sort()).toEqual(['ann', 'bea', 'cal']);
    expect(result.tieBrokenAmong).toEqual([]);
  });

  it('abstentions and empty ballots elect nobody; fewer seats are filled if fewer people got votes', () => {
    expect(countBallots(E, candidates, [[], [], []]).elected).toEqual([]);
    expect(countBallots(E, candidates, [['ann'], []]).elected).toEqual(['ann']);
  });

  it('a by-election fills one seat', () => {
    expect(countBallots(E, candidates, [['dev'], ['dev'], ['eli']], 1).elected).toEqual(['dev']);
  });

  it('many ballots count the same whatever their order', () => {
    const ballots = Array.from({ length: 500 }, (_, i) =>
      [candidates[i % 5], candidates[(i * 7 + 1) % 5]].filter((c, j, a) => a.indexOf(c) === j),
    );
    const a = countBallots(E, candidates, ballots);
    const b = countBallots(E, candidates, [...ballots].reverse());
    expect(a.elected).toEqual(b.elected);
    expect(a.tallies.reduce((n, t) => n + t.votes, 0)).toBe(ballots.reduce((n, x) => n + x.length, 0));
  });

  it.each([
    [[['ann', 'bea', 'cal', 'dev']], /at most 3/],
    [[['ann', 'ann']], /once/],
    [[['zed']], /not a candidate/],
  ])('a spoilt ballot is refused: %j', (ballots, why) => {
    expect(() => countBallots(E, candidates, ballots)).toThrow(BallotError);
    expect(() => countBallots(E, candidates, ballots)).toThrow(why);
  });
});
