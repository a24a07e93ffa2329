/**
 * How each moderation-log action is named to people: one table, so the printable meeting pack
 * (rendered by the gateway) and the meeting page in the web client say the same words.
 */
export const LOG_ACTION_WORDS: Readonly<Record<string, string>> = {
  hold: 'Held for a Top 3 member to look at',
  flag: 'Flagged by a member',
  hide: 'Hidden after flags',
  approve: 'Approved',
  delete: 'Taken down',
  restore: 'Restored',
  annotate: 'Note',
  'guidelines-change': 'Guidelines changed',
  suspension: 'Membership paused',
  return: 'Membership resumed',
  'access-request': 'Staff asked for access',
  'access-grant': 'Staff access granted',
  'election-result': 'Election result',
  'significant-event': 'Significant event reported to staff',
  'significant-event-ack': 'Staff acknowledged a report',
  'meeting-outcome': 'Meeting outcome',
  take: 'A Top 3 member is looking at it',
  escalate: 'Escalated: waited with nobody looking',
  'duty-change': 'Top 3 rota changed',
  'escalation-settings': 'Escalation settings changed',
  'message-author': 'The Top 3 messaged the author',
  'keeping-change': 'How long things are kept changed',
  erasure: "Words removed at a member's request",
  retention: 'Words removed under the retention policy',
  reseal: 'The log was re-sealed',
};

/** What the log, the pack and the meeting page say where a record's words have gone. */
export const WORDS_REMOVED: Readonly<Record<'erasure' | 'retention', string>> = {
  erasure: "The words were removed at a member's request.",
  retention: 'The words were removed under the retention policy.',
};
