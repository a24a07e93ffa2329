/*
 * The board's service worker: shows a push and opens the board where it points. A push carries
 * no post text and no name (docs/notifications.md): only a sentence and a path on this board.
 */
self.addEventListener('push', (event) => {
  let data = { title: 'P2P Board', body: 'There is something new for you on the board.', url: '/', tag: 'p2p' };
  try {
    data = { ...data, ...event.data.json() };
  } catch {
    // An empty or unreadable push still says there is something to look at.
  }
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      tag: data.tag,
      data: { url: data.url },
      requireInteraction: Boolean(data.urgent),
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data && event.notification.data.url) || '/';
  const url = new URL(path.startsWith('/') ? path : '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => 'focus' in w);
      if (open) return open.navigate(url).then((w) => (w ?? open).focus());
      return self.clients.openWindow(url);
    }),
  );
});
