import type { NotificationView } from './events';

/** Where in the web client a notification leads (after signing in): the same in the app and in an email. */
export function notificationPath(communityId: string, link: NotificationView['link']): string {
  const base = `/c/${communityId}`;
  if (link.page) return `${base}/${link.page === 'reports' ? 'significant-events' : link.page}`;
  if (link.threadId) return `${base}/threads/${link.threadId}`;
  if (link.electionId) return `${base}/elections`;
  return base;
}
