import { hardDays } from './hard-days';
import { unreadNotifications } from './notifications';
import { directWaiting } from './pages/chat-waiting';
import { newReports } from './pages/reports-count';
import { reviewWaiting } from './review-count';
import { community, isStaff, isTop3, membership } from './session';

/** A link in the app's navigation: where, its words (with any count), and a short tab label. */
export interface NavLink {
  href: string;
  label: string;
}

/** Which pages a person has, by their place in the community. */
export interface Roles {
  member: boolean;
  top3: boolean;
  staff: boolean;
}

/** The Top 3 see from any page when someone is waiting to talk one-to-one. */
function chatLabel(roles: Roles): string {
  const n = roles.top3 ? directWaiting.value : 0;
  return n > 0 ? `Chat (${n} waiting)` : 'Chat';
}

export function roles(): Roles {
  return { member: membership.value?.role === 'member', top3: isTop3.value, staff: isStaff.value };
}

/** Every page of the community a person can open, in the order the wide menu shows them. */
export function allLinks(): NavLink[] {
  const c = community.value;
  // On a break the board is put away: no menu, only the way to help and signing out.
  if (!c || hardDays.value?.onBreak) return [];
  const base = `/c/${c.id}`;
  const r = roles();
  const links: NavLink[] = [{ href: base, label: 'Boards' }];
  if (r.top3) {
    const waiting = reviewWaiting.value;
    links.push(
      { href: `${base}/review`, label: waiting > 0 ? `Review (${waiting})` : 'Review' },
      { href: `${base}/check-ins`, label: 'Check in' },
    );
  }
  if (r.member) {
    links.push(
      { href: `${base}/waiting`, label: 'Waiting for a reply' },
      { href: `${base}/chat`, label: chatLabel(r) },
    );
  }
  if (r.member || r.staff) links.push({ href: `${base}/elections`, label: 'Elections' });
  // The Top 3 and staff share one way in to their pages; staff also get their day-to-day ones.
  if (r.top3 || r.staff) {
    links.push(
      { href: `${base}/duty`, label: 'Duty' },
      { href: `${base}/team`, label: r.staff ? 'Staff pages' : 'Top 3 pages' },
    );
  }
  if (r.staff) {
    const fresh = newReports.value;
    links.push(
      { href: `${base}/sessions`, label: 'Sessions' },
      { href: `${base}/significant-events`, label: fresh ? `Reports (${fresh} new)` : 'Reports' },
    );
  }
  // Everyone who can open the community reads its guidelines; the Top 3 also change them there.
  const unread = unreadNotifications.value;
  links.push(
    { href: `${base}/notifications`, label: unread > 0 ? `Notifications (${unread} new)` : 'Notifications' },
    { href: `${base}/guidelines`, label: 'Guidelines' },
    { href: `${base}/me`, label: 'Your place' },
  );
  if (r.member) links.push({ href: `${base}/plan`, label: 'Your plan' });
  links.push({ href: `${base}/hard-days`, label: 'For hard days' });
  links.push({ href: `${base}/data`, label: 'Your data' });
  if (r.top3 || r.staff) links.push({ href: `${base}/log`, label: 'Log' });
  return links;
}

/**
 * The phone's tab bar: the boards, the one or two pages each role opens most, and "You" for the
 * rest. A tab's label carries its count, as the wide menu's does.
 */
export function tabLinks(): NavLink[] {
  const c = community.value;
  if (!c || hardDays.value?.onBreak) return [];
  const base = `/c/${c.id}`;
  const all = allLinks();
  const find = (href: string) => all.find((l) => l.href === href);
  const r = roles();
  const tabs = [find(base)];
  if (r.member) tabs.push(find(`${base}/chat`));
  if (r.top3) tabs.push(find(`${base}/review`));
  if (r.staff) tabs.push(find(`${base}/significant-events`));
  const unread = unreadNotifications.value;
  tabs.push({ href: `${base}/you`, label: unread > 0 ? `You (${unread} new)` : 'You' });
  return tabs.filter((t): t is NavLink => Boolean(t));
}

/** What "You" lists: every page not already a tab. */
export function moreLinks(): NavLink[] {
  const tabs = new Set(tabLinks().map((t) => t.href));
  return allLinks().filter((l) => !tabs.has(l.href));
}
