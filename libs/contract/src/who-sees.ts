/**
 * Who can see what, in one table: the web client's "Who can see what" page shows it, and an
 * end-to-end test (test/e2e/who-sees.e2e-spec.ts) checks every cell against what the API does,
 * so the page and the code cannot say different things.
 */

export type SeeingRole = 'member' | 'top3' | 'staff' | 'operator';

export interface Seeing {
  /** yes: always; no: never; some: only as the words say (the test checks both sides). */
  can: 'yes' | 'no' | 'some';
  words: string;
}

export interface WhoSeesRow {
  id: string;
  thing: string;
  member: Seeing;
  top3: Seeing;
  staff: Seeing;
  operator: Seeing;
}

const NO_SCREEN: Seeing = {
  can: 'no',
  words: 'No. The operator runs the server and could read its database, but the board gives them no way in.',
};

export const WHO_SEES: readonly WhoSeesRow[] = [
  {
    id: 'community-boards',
    thing: "Posts on the community's boards",
    member: { can: 'yes', words: 'Yes.' },
    top3: { can: 'yes', words: 'Yes.' },
    staff: {
      can: 'some',
      words:
        'Only a board the community has opened to them: they ask, two Top 3 members agree, it closes by itself, and every read is logged.',
    },
    operator: NO_SCREEN,
  },
  {
    id: 'private-boards',
    thing: 'Posts on a private board',
    member: { can: 'some', words: 'Only the people on it.' },
    top3: { can: 'some', words: 'Only if they are on it (the Top 3 board: all of them).' },
    staff: { can: 'no', words: 'Never, not even with the community’s agreement.' },
    operator: NO_SCREEN,
  },
  {
    id: 'direct-conversations',
    thing: 'Direct conversations (one to one)',
    member: { can: 'some', words: 'The two people in it.' },
    top3: { can: 'some', words: 'The Top 3 members monitoring it (it is open only while two do).' },
    staff: { can: 'no', words: 'Never.' },
    operator: NO_SCREEN,
  },
  {
    id: 'held-words',
    thing: 'The words of an entry that was held or taken down',
    member: { can: 'some', words: 'Their own.' },
    top3: { can: 'yes', words: 'Yes, in the review list and the verbatim log.' },
    staff: {
      can: 'some',
      words:
        'From the community’s boards, in the verbatim log, which goes back to the community meeting. Never from a private board.',
    },
    operator: NO_SCREEN,
  },
  {
    id: 'verbatim-log',
    thing: 'The verbatim log of what the Top 3 and the guidelines did',
    member: { can: 'no', words: 'No. The records about them and their entries are in their own data.' },
    top3: { can: 'yes', words: 'All of it.' },
    staff: { can: 'some', words: 'All of it except the records about private boards.' },
    operator: NO_SCREEN,
  },
  {
    id: 'crisis-plan',
    thing: "A member's own crisis plan",
    member: { can: 'some', words: 'Their own.' },
    top3: {
      can: 'some',
      words: 'Only beside a held post of its author, and only if the author chose that.',
    },
    staff: { can: 'no', words: 'Never.' },
    operator: NO_SCREEN,
  },
  {
    id: 'drafts',
    thing: 'Words a member is still writing (their drafts)',
    member: { can: 'some', words: 'Their own, on any device they sign in on.' },
    top3: { can: 'no', words: 'Never: a draft is not sent until its writer sends it.' },
    staff: { can: 'no', words: 'Never.' },
    operator: NO_SCREEN,
  },
  {
    id: 'ballots',
    thing: 'Who voted for whom in an election',
    member: { can: 'no', words: 'Nobody can: ballots are kept apart from voters. Each member sees that they voted.' },
    top3: { can: 'no', words: 'Nobody can.' },
    staff: { can: 'no', words: 'Nobody can.' },
    operator: { can: 'no', words: 'Nobody can, not even with the database: nothing links a ballot to a voter.' },
  },
  {
    id: 'members-list',
    thing: 'The members list, with everyone’s standing',
    member: { can: 'no', words: 'No. They see the names of the people in the community.' },
    top3: { can: 'no', words: 'No. They see the names of the people in the community.' },
    staff: { can: 'yes', words: 'Yes: they admit members and keep the list.' },
    operator: NO_SCREEN,
  },
  {
    id: 'significant-events',
    thing: 'Significant-event reports',
    member: { can: 'no', words: 'No.' },
    top3: { can: 'yes', words: 'Yes: they write them.' },
    staff: { can: 'yes', words: 'Yes: they are written for staff.' },
    operator: NO_SCREEN,
  },
  {
    id: 'keeping',
    thing: 'How long the community keeps things, and what erasing an account leaves',
    member: { can: 'yes', words: 'Yes, on their "Your data" page.' },
    top3: { can: 'yes', words: 'Yes, and they can change it (the change goes to the community meeting).' },
    staff: { can: 'yes', words: 'Yes, and they can change it (the change goes to the community meeting).' },
    operator: NO_SCREEN,
  },
  {
    id: 'erased-words',
    thing: 'Words removed when a member erased their account, or when their time was up',
    member: { can: 'no', words: 'Nobody: a quiet note keeps their place.' },
    top3: { can: 'no', words: 'Nobody: the log keeps its records without them, and still checks.' },
    staff: { can: 'no', words: 'Nobody.' },
    operator: { can: 'no', words: 'Nobody: they are gone from the database too.' },
  },
  {
    id: 'my-data',
    thing: 'Everything held about a person',
    member: { can: 'some', words: 'Their own, to download at any time.' },
    top3: { can: 'some', words: 'Their own.' },
    staff: { can: 'some', words: 'Their own.' },
    operator: {
      can: 'some',
      words: 'Only on a documented request from the person, and the request is kept in the operator’s log.',
    },
  },
];
