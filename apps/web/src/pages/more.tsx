import type { VNode } from 'preact';
import { Route } from 'preact-iso';
import { ChatPage } from './chat';
import { ChatRoomPage } from './chat-room';
import { directWaiting } from './chat-waiting';
import { ElectionsPage } from './elections';
import { StatusPage } from './status';

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
    <Route key="me" path="/me" component={StatusPage} />,
  ];
}

export function extraNav(base: string, roles: Roles): [string, string][] {
  return [
    ...(roles.member ? ([[`${base}/chat`, chatLabel(roles)]] as [string, string][]) : []),
    ...(roles.member || roles.staff ? ([[`${base}/elections`, 'Elections']] as [string, string][]) : []),
    [`${base}/me`, 'Your place'],
  ];
}

/** The Top 3 see from any page when someone is waiting to talk one-to-one. */
function chatLabel(roles: Roles): string {
  const n = roles.top3 ? directWaiting.value : 0;
  return n > 0 ? `Chat (${n} waiting)` : 'Chat';
}
