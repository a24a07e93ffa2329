import { computed, signal } from '@preact/signals';
import { api, whenSignedOut } from './api';
import { connect, disconnect } from './realtime';
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

export async function loadMe(): Promise<void> {
  try {
    me.value = await api.get<Me>('/me');
    connect(endSession);
  } catch {
    me.value = null;
  }
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
