import type { BrowserContext } from 'playwright-core';
import { TEST_PASSWORD } from '../support/given';
import { browserWithProfile, seriousA11yProblems, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/**
 * Alerts on a device, in Chromium with a profile of its own (a fresh Playwright context is
 * incognito, where Chromium has no Push API at all).
 *
 * What this machine cannot do: complete a subscription. Chromium subscribes through Google's push
 * service, which cannot be reached from here; pushManager.subscribe() then never answers (tried:
 * no answer in 30 s, permission granted). So the button's honest failure is what is tested here,
 * and a push is delivered to the board's service worker through the DevTools protocol
 * (ServiceWorker.deliverPushMessage) with the payload the gateway sends. Sending itself, with
 * VAPID and encryption, is tested against a push service on 127.0.0.1 in test/e2e/web-push.e2e-spec.ts.
 */
describe('alerts on this device (Web Push), in real browsers', () => {
  const web = useBrowserApp();
  let context: BrowserContext;
  let close: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function signedInWithProfile(): Promise<{ page: import('playwright-core').Page; communityId: string }> {
    const c = await web.given.community();
    const top = await web.given.top3(c);
    ({ context, close } = await browserWithProfile(web.url));
    await context.grantPermissions(['notifications'], { origin: web.url });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill(top.username);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/c\//);
    return { page, communityId: c.id };
  }

  it('the board’s service worker shows a pushed alert with no text and no name, and keeps where it leads', async () => {
    const { page, communityId } = await signedInWithProfile();
    const cdp = await context.newCDPSession(page);
    const registrations: string[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string }[] }) =>
      registrations.push(...e.registrations.map((r) => r.registrationId)),
    );
    await cdp.send('ServiceWorker.enable');
    await page.evaluate(
      "navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(() => navigator.serviceWorker.ready)",
    );
    for (let i = 0; i < 50 && registrations.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    // The payload the gateway sends (NotificationSender, test/e2e/web-push.e2e-spec.ts).
    const payload = {
      title: 'P2P Board',
      body: 'Something on the board needs a Top 3 member now. Please sign in and look at the review list.',
      url: `/c/${communityId}/review`,
      tag: 'send-1',
      urgent: true,
    };
    const shown = () =>
      page.evaluate<{ title: string; body: string; tag: string; url: string; sticky: boolean }[]>(
        'navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((ns) => ns.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data.url, sticky: n.requireInteraction })))',
      );
    // DevTools' delivery is sometimes dropped while the worker starts; the tag makes a repeat
    // replace, not add, the alert.
    for (let attempt = 0; attempt < 5 && (await shown()).length === 0; attempt++) {
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: web.url,
        registrationId: registrations[0],
        data: JSON.stringify(payload),
      });
      for (let i = 0; i < 20 && (await shown()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    }
    expect(await shown()).toEqual([
      { title: payload.title, body: payload.body, tag: payload.tag, url: payload.url, sticky: true },
    ]);
  });
  it('turning alerts on says plainly when the browser’s push service does not answer', async () => {
    const { page, communityId } = await signedInWithProfile();
    await page.goto(`/c/${communityId}/notifications`);
    await page.getByRole('heading', { name: 'Alerts on this device' }).waitFor();
    await page.getByText('Alerts are off for this device.').waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Turn on alerts on this device' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: "This browser could not reach its push service just now, so alerts can't be turned on here." })
      .waitFor({ timeout: 30_000 });
    await page.getByText('Alerts are off for this device.').waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
