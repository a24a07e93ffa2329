import { createHash } from 'node:crypto';

/** One ballot: up to `seats` different candidates, in no order (each gets one vote). */
export type Ballot = readonly string[];

export interface Tally {
  candidateId: string;
  votes: number;
  /** The drawn lot used only to separate equal votes: lower wins. */
  lot: string;
}

export interface ElectionResult {
  elected: string[];
  tallies: Tally[];
  ballots: number;
  /** Candidates who were level on votes across the last seat, resolved by lot. */
  tieBrokenAmong: string[];
}

export class BallotError extends Error {}

/**
 * The stated tie-break: the lot of a candidate is SHA-256(electionId + ":" + candidateId), and
 * the lower lot wins. It is fixed before anyone votes (ids are drawn when the election opens),
 * anyone can recompute it, and nobody can steer it.
 */
export function lotFor(electionId: string, candidateId: string): string {
  return createHash('sha256').update(`${electionId}:${candidateId}`).digest('hex');
}

/** Counts the ballots: most votes win the seats; a level tie across the last seat goes by lot. */
export function countBallots(
  electionId: string,
  candidates: readonly string[],
  ballots: readonly Ballot[],
  seats = 3,
): ElectionResult {
  const votes = new Map(candidates.map((c) => [c, 0]));
  for (const ballot of ballots) {
    if (ballot.length > seats) throw new BallotError(`A ballot can name at most ${seats} candidates.`);
    if (new Set(ballot).size !== ballot.length) throw new BallotError('A ballot names each candidate once.');
    for (const choice of ballot) {
      if (!votes.has(choice)) throw new BallotError('A ballot names someone who is not a candidate.');
      votes.set(choice, votes.get(choice)! + 1);
    }
  }
  const tallies = [...votes.entries()]
    .map(([candidateId, v]) => ({ candidateId, votes: v, lot: lotFor(electionId, candidateId) }))
    .sort((a, b) => b.votes - a.votes || (a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0));
  // Abstentions count for nobody: a candidate with no votes is not elected.
  const eligible = tallies.filter((t) => t.votes > 0);
  const elected = eligible.slice(0, seats).map((t) => t.candidateId);
  const cut = eligible[seats - 1];
  const tieBrokenAmong =
    cut && eligible.length > seats && eligible[seats].votes === cut.votes
      ? eligible.filter((t) => t.votes === cut.votes).map((t) => t.candidateId)
      : [];
  return { elected, tallies, ballots: ballots.length, tieBrokenAmong };
}
