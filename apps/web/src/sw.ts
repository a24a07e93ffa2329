/// <reference lib="webworker" />
/*
 * The board's service worker (Workbox, built by vite-plugin-pwa with the list of the build's files).
 *
 * - The app's shell and the no-script help page are kept on the device, so the board opens at
 *   once on a slow connection and **the help page opens even offline**.
 * - Pages come from the network when it answers within a few seconds (nothing of them is stored);
 *   offline, or on a connection too slow to answer, the kept shell. A help page asked for offline is the kept
 *   help page, whatever the community.
 * - Nothing from /api is kept: members' words stay on the server and in the page that shows them.
 * - A push carries no post text and no name (docs/notifications.md): only a sentence and a path on
 *   this board, shown as it is.
 */
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { showBadge } from './badge';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/** How long a page may take on the network before the kept copy is shown instead. */
const NETWORK_WAIT_S = 4;

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

const isHelp = (path: string): boolean => path === '/help' || /^\/c\/[^/]+\/help\/?$/.test(path);

const pages = new NetworkOnly({ networkTimeoutSeconds: NETWORK_WAIT_S });

registerRoute(
  new NavigationRoute(
    async (options) => {
      const path = new URL(options.request.url).pathname;
      try {
        const fresh = await pages.handle(options);
        if (fresh && fresh.ok) return fresh;
      } catch {
        // Offline or too slow: the kept copy below.
      }
      const kept = await matchPrecache(isHelp(path) ? '/help.html' : '/index.html');
      return kept ?? Response.error();
    },
    { denylist: [/^\/api\//, /^\/socket\.io\//] },
  ),
);

// A new version takes over as soon as it is installed: the shell is small and every page reloads
// its data from the server, so nobody loses what they were writing (drafts live in the page).
self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

interface PushData {
  title: string;
  body: string;
  url: string;
  tag: string;
  urgent?: boolean;
  unread?: number;
}

self.addEventListener('push', (event) => {
  let data: PushData = {
    title: 'P2P Board',
    body: 'There is something new for you on the board.',
    url: '/',
    tag: 'p2p',
  };
  try {
    data = { ...data, ...(event.data?.json() as Partial<PushData>) };
  } catch {
    // An empty or unreadable push still says there is something to look at.
  }
  event.waitUntil(
    Promise.all([
      self.registration.showNotification(data.title, {
        body: data.body,
        tag: data.tag,
        data: { url: data.url },
        requireInteraction: Boolean(data.urgent),
      }),
      showBadge(self.navigator, data.unread),
    ]),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = (event.notification.data as { url?: string } | null)?.url ?? '/';
  const url = new URL(target.startsWith('/') ? target : '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((w) => 'focus' in w);
      if (open) return ((await open.navigate(url)) ?? open).focus();
      return self.clients.openWindow(url);
    }),
  );
});
