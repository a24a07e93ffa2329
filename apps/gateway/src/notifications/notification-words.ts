import { NotificationKind, NotificationView } from '@p2p/contract';

/**
 * What a notification says, in the app and in an email: what happened and where to look. Never a
 * word of any post and never a member's name: an email can be read over a shoulder or on a lock
 * screen, and a notification is read where the post lives, after signing in.
 */
export function notificationSentence(kind: NotificationKind, urgent: boolean): string {
  switch (kind) {
    case 'held':
      return urgent
        ? 'Something on the board needs a Top 3 member now. Please sign in and look at the review list.'
        : 'A post is waiting for a Top 3 member on the review list.';
    case 'held-waiting':
      return 'An urgent post has been waiting for a while and no Top 3 member has taken it yet. Please sign in and look at the review list.';
    case 'hidden':
      return 'Members flagged a post, so it is hidden until a Top 3 member looks at it.';
    case 'check-in':
      return 'Someone might like a quiet word. There is a new post on the check-in list.';
    case 'significant-event-read':
      return 'Staff have read a significant-event report from the Top 3.';
    case 'reply':
      return 'Someone replied in your thread.';
    case 'reviewed':
      return 'A Top 3 member has looked at your post that was waiting.';
    case 'unanswered':
      return 'Your thread is on the "waiting for a reply" list now, where everyone can see it. Someone will be along.';
    case 'top3-message':
      return 'The Top 3 have sent you a message.';
    case 'election':
      return 'An election for the Top 3 has opened. Nominations are open now.';
  }
}

/** The email: a subject and a few plain lines, with one link and how to stop them. */
export function notificationEmail(
  n: Pick<NotificationView, 'kind' | 'urgent' | 'communityName'>,
  url: string,
): { subject: string; text: string } {
  const subject =
    (n.kind === 'held' || n.kind === 'held-waiting') && n.urgent
      ? `${n.communityName}: something on the board needs a Top 3 member`
      : `${n.communityName}: something new on the board for you`;
  const text = [
    notificationSentence(n.kind, n.urgent),
    '',
    `Sign in to see it: ${url}`,
    '',
    'This email never carries what anyone wrote. You get these emails because you turned them on',
    'in your notification settings on the board, where you can turn them off or set quiet hours.',
  ].join('\n');
  return { subject, text };
}

/**
 * The alert to the community's on-call contact when an urgent review has waited too long: when,
 * and where, and nothing else. Staff and the on-call contact never see board content.
 */
export function onCallEmail(communityName: string, since: Date, timeZone: string): { subject: string; text: string } {
  let time: string;
  try {
    time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(since);
  } catch {
    time = `${since.toISOString().slice(11, 16)} UTC`;
    timeZone = 'UTC';
  }
  return {
    subject: `${communityName}: an urgent review has been waiting since ${time}`,
    text: [
      `An urgent review has been waiting in ${communityName} since ${time} (${timeZone} time), and no Top 3 member has taken it yet.`,
      '',
      'This message carries nothing of what was written or who wrote it. Please do what your community agreed for these alerts.',
      'The Top 3 have been told by every channel they have.',
    ].join('\n'),
  };
}
