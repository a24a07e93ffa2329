import type { BrowserContext, Page } from 'playwright-core';
import { NATIONAL_CRISIS_CONTACTS } from '@p2p/contract';
import { browserWithProfile, seriousA11yProblems, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/**
 * The board as an app on a phone: installable, help that opens offline once the board has been
 * opened, and help that needs no script at all.
 */
describe('the board as an installable app, and help without the script', () => {
  const web = useBrowserApp();
  let context: BrowserContext | undefined;
  let close: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await close?.();
    [context, close] = [undefined, undefined];
  });

  /** A phone-sized Chromium with a profile of its own (installability is never offered incognito). */
  async function phone(): Promise<Page> {
    ({ context, close } = await browserWithProfile(web.url));
    return context.pages()[0] ?? context.newPage();
  }

  /** Waits until the service worker controls the page and has kept the shell and the help page. */
  async function workerReady(page: Page): Promise<void> {
    await page.evaluate(
      `navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller || new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })))`,
    );
  }

  it('has a valid manifest and Chromium finds nothing stopping an install', async () => {
    const page = await phone();
    await page.goto('/login');
    await workerReady(page);
    const cdp = await context!.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
    expect(manifest.url).toBe(`${web.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
  });

  it('opens the help page offline, from any page that asks for help, once the board has been opened', async () => {
    const page = await phone();
    await page.goto('/login');
    await workerReady(page);
    await context!.setOffline(true);
    for (const where of ['/help', '/c/any-community/help']) {
      await page.goto(where);
      await page.getByRole('heading', { name: 'Need help now?' }).waitFor();
      for (const c of NATIONAL_CRISIS_CONTACTS)
        await page.getByRole('list').getByRole('link', { name: c.phone! }).waitFor();
    }
    // Any other page offline still opens the board's shell, with the way to help at the top.
    await page.goto('/c/any-community/boards/any-board');
    await page.getByRole('link', { name: 'Need help now?' }).waitFor();
    await context!.setOffline(false);

    // The control: a browser that never opened the board has nothing to show offline.
    const fresh = await web.browser.newContext({ baseURL: web.url, offline: true });
    try {
      await expect((await fresh.newPage()).goto('/help')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    } finally {
      await fresh.close();
    }
  });

  it('shows the way to help, and the help page, with JavaScript switched off', async () => {
    const off = await web.browser.newContext({
      baseURL: web.url,
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    try {
      const page = await off.newPage();
      await page.goto('/login');
      await page.getByRole('link', { name: '116 123' }).waitFor();
      await page.getByRole('link', { name: 'Need help now?' }).click();
      await page.waitForURL(/\/help$/);
      await page.getByRole('heading', { name: 'Need help now?' }).waitFor();
      for (const c of NATIONAL_CRISIS_CONTACTS) {
        await page.getByText(c.name, { exact: true }).waitFor();
      }
    } finally {
      await off.close();
    }
  });

  it('the no-script help page is accessible at phone and desktop sizes', async () => {
    const desktop = await web.browser.newContext({ baseURL: web.url, viewport: { width: 1280, height: 800 } });
    try {
      const page = await desktop.newPage();
      await page.goto('/help');
      expect(await seriousA11yProblems(page)).toEqual([]);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await seriousA11yProblems(page)).toEqual([]);
    } finally {
      await desktop.close();
    }
  });
});
