/**
 * Supportive reactions: a small fixed set a member can leave on another member's post. Readers
 * see how many of each, never who; nothing can be left on an entry that is not on the board.
 */
export const REACTION_KINDS = ['hear-you', 'strength', 'thanks'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

/** The words on each reaction, as the board shows them. */
export const REACTION_WORDS: Record<ReactionKind, string> = {
  'hear-you': 'I hear you',
  strength: 'Sending strength',
  thanks: 'Thank you',
};

export type ReactionCounts = Record<ReactionKind, number>;

/** One post's reactions for one reader: how many of each, and which the reader left. */
export interface PostReactionsView {
  postId: string;
  counts: ReactionCounts;
  mine: ReactionKind[];
}

export function noReactions(): ReactionCounts {
  return { 'hear-you': 0, strength: 0, thanks: 0 };
}
