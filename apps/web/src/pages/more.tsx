import type { VNode } from 'preact';
import { Route } from 'preact-iso';
import { lazyPage } from '../lazy-page';
import { directWaiting } from './chat-waiting';
import { unreadNotifications } from '../notifications';
import { newReports } from './reports-count';
import { PlanPage } from './plan';
import { StatusPage } from './status';

// Each page below is its own file, fetched the first time it is opened: a member's first load
// carries the boards, threads and help only (the service worker then keeps the rest on the device).
const AccessRequestsPage = lazyPage(() => import('./access').then((m) => m.AccessRequestsPage));
const ChatPage = lazyPage(() => import('./chat').then((m) => m.ChatPage));
const ChatRoomPage = lazyPage(() => import('./chat-room').then((m) => m.ChatRoomPage));
const DutyPage = lazyPage(() => import('./duty').then((m) => m.DutyPage));
const ElectionsPage = lazyPage(() => import('./elections').then((m) => m.ElectionsPage));
const GuidelinesPage = lazyPage(() => import('./guidelines').then((m) => m.GuidelinesPage));
const MeetingPage = lazyPage(() => import('./meetings').then((m) => m.MeetingPage));
const MeetingsPage = lazyPage(() => import('./meetings').then((m) => m.MeetingsPage));
const MessagesPage = lazyPage(() => import('./messages').then((m) => m.MessagesPage));
const NotificationsPage = lazyPage(() => import('./notifications').then((m) => m.NotificationsPage));
const WaitingPage = lazyPage(() => import('./waiting').then((m) => m.WaitingPage));
const PeoplePage = lazyPage(() => import('./people').then((m) => m.PeoplePage));
const SignificantEventsPage = lazyPage(() => import('./reports').then((m) => m.SignificantEventsPage));
const SessionPage = lazyPage(() => import('./sessions').then((m) => m.SessionPage));
const SessionsPage = lazyPage(() => import('./sessions').then((m) => m.SessionsPage));
const TeamPage = lazyPage(() => import('./team').then((m) => m.TeamPage));

/** Pages beyond the boards, the review queue and the log; each role sees its own links. */
export interface Roles {
  member: boolean;
  top3: boolean;
  staff: boolean;
}

export function extraRoutes(): VNode[] {
  return [
    <Route key="chat" path="/chat" component={ChatPage} />,
    <Route key="chat-room" path="/chat/:rid" component={ChatRoomPage} />,
    <Route key="elections" path="/elections" component={ElectionsPage} />,
    <Route key="guidelines" path="/guidelines" component={GuidelinesPage} />,
    <Route key="me" path="/me" component={StatusPage} />,
    <Route key="team" path="/team" component={TeamPage} />,
    <Route key="meetings" path="/meetings" component={MeetingsPage} />,
    <Route key="meeting" path="/meetings/:mid" component={MeetingPage} />,
    <Route key="events" path="/significant-events" component={SignificantEventsPage} />,
    <Route key="access" path="/access" component={AccessRequestsPage} />,
    <Route key="sessions" path="/sessions" component={SessionsPage} />,
    <Route key="session" path="/sessions/:sid" component={SessionPage} />,
    <Route key="people" path="/people" component={PeoplePage} />,
    <Route key="notifications" path="/notifications" component={NotificationsPage} />,
    <Route key="plan" path="/plan" component={PlanPage} />,
    <Route key="waiting" path="/waiting" component={WaitingPage} />,
    <Route key="duty" path="/duty" component={DutyPage} />,
    <Route key="messages" path="/messages" component={MessagesPage} />,
  ];
}

export function extraNav(base: string, roles: Roles): [string, string][] {
  const links: [string, string][] = [];
  if (roles.member) links.push([`${base}/waiting`, 'Waiting for a reply'], [`${base}/chat`, chatLabel(roles)]);
  if (roles.member || roles.staff) links.push([`${base}/elections`, 'Elections']);
  // The Top 3 and staff share one way in to their pages; staff also get their day-to-day ones.
  if (roles.top3 || roles.staff) {
    links.push([`${base}/duty`, 'Duty'], [`${base}/team`, roles.staff ? 'Staff pages' : 'Top 3 pages']);
  }
  if (roles.staff) {
    const fresh = newReports.value;
    links.push(
      [`${base}/sessions`, 'Sessions'],
      [`${base}/significant-events`, fresh ? `Reports (${fresh} new)` : 'Reports'],
    );
  }
  // Everyone who can open the community reads its guidelines; the Top 3 also change them there.
  const unread = unreadNotifications.value;
  links.push(
    [`${base}/notifications`, unread > 0 ? `Notifications (${unread} new)` : 'Notifications'],
    [`${base}/guidelines`, 'Guidelines'],
    [`${base}/me`, 'Your place'],
  );
  return links;
}

/** The Top 3 see from any page when someone is waiting to talk one-to-one. */
function chatLabel(roles: Roles): string {
  const n = roles.top3 ? directWaiting.value : 0;
  return n > 0 ? `Chat (${n} waiting)` : 'Chat';
}
