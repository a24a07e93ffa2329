import { computed, signal } from '@preact/signals';
import { api, whenSignedOut } from './api';
import { DRAFT_KEY_PREFIX } from './components/drafts';
import { hardDays, welcomeBack } from './hard-days';
import { connect, connection, disconnect } from './realtime';
import type { ErasureView, SessionEndedPayload } from '@p2p/contract';
import type { Community, CrisisContactView, Me, Membership } from './types';

/** Who is signed in, and the community they are looking at. */
export const me = signal<Me | null | undefined>(undefined);
export const community = signal<Community | null>(null);
export const signedOutMessage = signal<string | null>(null);
/** What an erasure did, and the crisis contacts the person had then: the goodbye page shows them. */
export const farewell = signal<(ErasureView & { contacts: CrisisContactView[] }) | null>(null);

/**
 * Set while an erasure is asked for: the server ends every sign-in of the account before it
 * answers, and that end waits here, so the answer (the goodbye, or what went wrong) is shown first.
 */
let leaving: { ended: string | null } | null = null;

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

/**
 * The server closed the socket: a paused membership keeps the session; anything else ends it
 * (once: an erasure already ended it, or holds the end until its answer comes).
 */
function sessionEnded(ended: SessionEndedPayload): void {
  if (leaving) leaving.ended = ended.message;
  else if (!me.value) return;
  else if (ended.reason === 'suspended') void loadMe();
  else endSession(ended.message);
}

export async function openCommunity(cid: string): Promise<void> {
  if (community.value?.id === cid) return;
  community.value = await api.get<Community>(`/communities/${cid}`);
}

export async function signIn(username: string, password: string): Promise<void> {
  await api.post('/auth/login', { username, password });
  signedOutMessage.value = null;
  farewell.value = null;
  await loadMe();
}

export async function signOut(): Promise<void> {
  await api.post('/auth/logout').catch(() => undefined);
  endSession('You have signed out. Take care.');
}

/**
 * Erases the account, for good (POST /me/erasure). On success this tab forgets the person too:
 * the session, their words kept in the tab, their hard-days settings and this device's alerts;
 * `farewell` then holds what was done, for the goodbye page. If it fails, nothing has changed.
 */
export async function eraseAccount(password: string, confirm: string): Promise<void> {
  const contacts = community.value?.crisisContacts ?? [];
  leaving = { ended: null };
  let done: ErasureView;
  try {
    done = await api.post<ErasureView>('/me/erasure', { password, confirm });
  } catch (e) {
    const ended = leaving.ended;
    leaving = null;
    if (ended) endSession(ended);
    throw e;
  }
  leaving = null;
  farewell.value = { ...done, contacts };
  forgetThisTab();
  endSession('Your account has been erased. Take care of yourself.');
}

/** Words being written, kept in this tab (components/drafts.ts), and this device's alerts. */
function forgetThisTab(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(DRAFT_KEY_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Storage may be off: then nothing was kept in it.
  }
  void import('./push')
    .then((push) => push.currentSubscription())
    .then((sub) => sub?.unsubscribe())
    .catch(() => undefined);
}

function endSession(message: string): void {
  disconnect();
  me.value = null;
  community.value = null;
  // The next person to sign in on this device starts with their own settings, not these.
  hardDays.value = null;
  welcomeBack.value = false;
  signedOutMessage.value = message;
}

whenSignedOut(() => {
  if (leaving) leaving.ended = 'Your session has ended. Please sign in again.';
  else if (me.value) endSession('Your session has ended. Please sign in again.');
});
