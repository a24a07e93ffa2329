import { api } from './api';
import type { PushDevicesView } from './types';

/** How long the browser's push service has to answer a subscription. */
const SUBSCRIBE_WAIT_MS = 15_000;

/** Whether this browser can show alerts from the board at all. */
export const pushSupported = (): boolean =>
  typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof PushManager !== 'undefined';

const fromBase64Url = (s: string): Uint8Array<ArrayBuffer> => {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(b, (ch) => ch.charCodeAt(0));
};

async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** This device's subscription, if alerts are on here. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration('/');
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Asks the browser for permission, subscribes with the board's key, and tells the board. */
export async function turnOnAlerts(): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new Error('Your browser was not allowed to show alerts. You can change that in its site settings.');
  }
  const { publicKey } = await api.get<PushDevicesView>('/me/push-subscriptions');
  if (!publicKey)
    throw new Error("The board couldn't give this browser its key for alerts just now. Please try again later.");
  const reg = await registration();
  let sub: PushSubscription;
  try {
    // A browser whose push service cannot be reached may never answer: give up after a while.
    sub = await Promise.race([
      reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), SUBSCRIBE_WAIT_MS)),
    ]);
  } catch {
    throw new Error(
      "This browser could not reach its push service just now, so alerts can't be turned on here. Please try again later.",
    );
  }
  await api.post('/me/push-subscriptions', sub.toJSON());
}

export async function turnOffAlerts(): Promise<void> {
  const sub = await currentSubscription();
  if (!sub) return;
  await api.del(`/me/push-subscriptions?endpoint=${encodeURIComponent(sub.endpoint)}`);
  await sub.unsubscribe();
}
