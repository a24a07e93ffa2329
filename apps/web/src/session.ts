import { computed, signal } from '@preact/signals';
import { api, whenSignedOut } from './api';
import { connect, connection, disconnect } from './realtime';
import type { SessionEndedPayload } from '@p2p/contract';
import type { Community, Me, Membership } from './types';

/** Who is signed in, and the community they are looking at. */
export const me = signal<Me | null | undefined>(undefined);
export const community = signal<Community | null>(null);
export const signedOutMessage = signal<string | null>(null);

export const membership = computed<Membership | null>(
  () => me.value?.memberships.find((m) => m.communityId === community.value?.id) ?? null,
);
export const isTop3 = computed(() => membership.value?.isTop3 ?? false);
export const isStaff = computed(() => membership.value?.role === 'staff');

/** Who is signed in (again, after a pause starts, say), and live updates unless every membership is paused. */
export async function loadMe(): Promise<void> {
  try {
    const user = await api.get<Me>('/me');
    me.value = user;
    // While every membership is paused the server refuses live updates, so don't ask for them.
    if (user.memberships.length > 0 && user.memberships.every((m) => m.status === 'suspended')) {
      disconnect();
      connection.value = 'paused';
    } else connect(sessionEnded);
  } catch {
    me.value = null;
  }
}

/** The server closed the socket: a paused membership keeps the session; anything else ends it. */
function sessionEnded(ended: SessionEndedPayload): void {
  if (ended.reason === 'suspended') void loadMe();
  else endSession(ended.message);
}

export async function openCommunity(cid: string): Promise<void> {
  if (community.value?.id === cid) return;
  community.value = await api.get<Community>(`/communities/${cid}`);
}

export async function signIn(username: string, password: string): Promise<void> {
  await api.post('/auth/login', { username, password });
  signedOutMessage.value = null;
  await loadMe();
}

export async function signOut(): Promise<void> {
  await api.post('/auth/logout').catch(() => undefined);
  endSession('You have signed out. Take care.');
}

function endSession(message: string): void {
  disconnect();
  me.value = null;
  community.value = null;
  signedOutMessage.value = message;
}

whenSignedOut(() => {
  if (me.value) endSession('Your session has ended. Please sign in again.');
});
