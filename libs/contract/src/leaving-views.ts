/**
 * Leaving and being forgotten (erasure), and how long the community keeps things (retention):
 * what the API takes and answers, and the quiet words shown where something was removed.
 */

/** How an account's entries are treated when it is erased: the community's choice. */
export type ErasedEntriesPolicy = 'placeholder' | 'former-member';

/** The name shown wherever an erased account appears. */
export const FORMER_MEMBER = 'a former member';

/** What a reader sees in place of an entry whose words were removed. */
export const ENTRY_WORDS_REMOVED: Readonly<Record<'erasure' | 'retention', string>> = {
  erasure: 'This entry was removed when the member who wrote it left.',
  retention: "This entry was removed under the community's retention policy.",
};

/** What a thread is called once its title was removed. */
export const THREAD_TITLE_REMOVED: Readonly<Record<'erasure' | 'retention', string>> = {
  erasure: 'A conversation from a former member',
  retention: 'An earlier conversation',
};

/** POST /me/erasure: the member confirms, with their password and the words, that they mean it. */
export interface ErasureRequest {
  password: string;
  /** Exactly ERASURE_CONFIRMATION, typed by the member. */
  confirm: string;
}

export const ERASURE_CONFIRMATION = 'erase my account';

/** What an erasure did: counts only (the account it was is gone). */
export interface ErasureView {
  erased: true;
  /** Communities the account belonged to. */
  communities: number;
  /** Entries (posts, replies, chat messages) whose words were removed. */
  entriesRemoved: number;
  /** Entries whose words stay on the board, from "a former member", by the community's policy. */
  entriesKept: number;
  /** Records of the verbatim log whose words were removed (the records stay; the log verifies). */
  logRecordsCleared: number;
}

/** How long the community keeps things (null: as long as the community exists). */
export interface KeepingView {
  /** What happens to a leaver's shared entries when their account is erased. */
  erasedEntries: ErasedEntriesPolicy;
  /** Days the words of posts on the boards are kept, counted from when they were written. */
  postsDays: number | null;
  /** Days chat and direct-conversation messages are kept. */
  chatDays: number | null;
  /** Days the words of the verbatim log's records are kept (the records themselves stay). */
  logDays: number | null;
}

/** The bounds the database also enforces. */
export const KEEPING_BOUNDS = {
  postsDays: { min: 30, max: 36500 },
  chatDays: { min: 7, max: 36500 },
  logDays: { min: 90, max: 36500 },
} as const;
