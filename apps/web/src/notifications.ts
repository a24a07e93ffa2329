import { effect, signal } from '@preact/signals';
import { api } from './api';
import { showBadge } from './badge';
import { on } from './realtime';
import { me } from './session';
import type { NotificationsPageView } from './types';

/** How many of my notifications I have not read: the nav shows it, and it updates live. */
export const unreadNotifications = signal(0);

// The app icon says the same number (where the browser keeps a badge for installed apps); signed
// out, it says nothing.
effect(() => void showBadge(navigator, me.value ? unreadNotifications.value : 0));

/** Reads the count again (at sign-in, and after a reconnect in case something came meanwhile). */
export async function refreshUnread(): Promise<void> {
  const page = await api.get<NotificationsPageView>('/me/notifications?limit=1').catch(() => null);
  if (page) unreadNotifications.value = page.unread;
}

on('notification.created', (p) => {
  unreadNotifications.value = p.unread;
});
on('stream.ready', () => void refreshUnread());
