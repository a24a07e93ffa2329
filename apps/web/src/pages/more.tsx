import type { VNode } from 'preact';
import { Route } from 'preact-iso';
import { lazyPage } from '../lazy-page';
import { PlanPage } from './plan';
import { StatusPage } from './status';
import { YouPage } from './you';

// Each page below is its own file, fetched the first time it is opened: a member's first load
// carries the boards, threads and help only (the service worker then keeps the rest on the device).
const AccessRequestsPage = lazyPage(() => import('./access').then((m) => m.AccessRequestsPage));
const ChatPage = lazyPage(() => import('./chat').then((m) => m.ChatPage));
const ChatRoomPage = lazyPage(() => import('./chat-room').then((m) => m.ChatRoomPage));
const DutyPage = lazyPage(() => import('./duty').then((m) => m.DutyPage));
const ElectionsPage = lazyPage(() => import('./elections').then((m) => m.ElectionsPage));
const HardDaysPage = lazyPage(() => import('./hard-days').then((m) => m.HardDaysPage));
const GuidelinesPage = lazyPage(() => import('./guidelines').then((m) => m.GuidelinesPage));
const MeetingPage = lazyPage(() => import('./meetings').then((m) => m.MeetingPage));
const MeetingsPage = lazyPage(() => import('./meetings').then((m) => m.MeetingsPage));
const MessagesPage = lazyPage(() => import('./messages').then((m) => m.MessagesPage));
const MyDataPage = lazyPage(() => import('./my-data').then((m) => m.MyDataPage));
const NotificationsPage = lazyPage(() => import('./notifications').then((m) => m.NotificationsPage));
const WaitingPage = lazyPage(() => import('./waiting').then((m) => m.WaitingPage));
const PeoplePage = lazyPage(() => import('./people').then((m) => m.PeoplePage));
const SignificantEventsPage = lazyPage(() => import('./reports').then((m) => m.SignificantEventsPage));
const SessionPage = lazyPage(() => import('./sessions').then((m) => m.SessionPage));
const SessionsPage = lazyPage(() => import('./sessions').then((m) => m.SessionsPage));
const TeamPage = lazyPage(() => import('./team').then((m) => m.TeamPage));
const WhoSeesPage = lazyPage(() => import('./who-sees').then((m) => m.WhoSeesPage));

/** Pages beyond the boards, the review queue and the log (nav.ts says who sees which link). */
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
    <Route key="hard-days" path="/hard-days" component={HardDaysPage} />,
    <Route key="data" path="/data" component={MyDataPage} />,
    <Route key="waiting" path="/waiting" component={WaitingPage} />,
    <Route key="duty" path="/duty" component={DutyPage} />,
    <Route key="messages" path="/messages" component={MessagesPage} />,
    <Route key="you" path="/you" component={YouPage} />,
    <Route key="who-sees" path="/who-sees" component={WhoSeesPage} />,
  ];
}
