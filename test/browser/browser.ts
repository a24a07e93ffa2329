import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { startApp, testDb, type TestApp } from '../support/app';
import { Given, TEST_PASSWORD, type GivenUser } from '../support/given';
import { NO_BROWSER, findChromium } from './chromium';

/**
 * The browser to drive (Debian's `chromium`, which `npm test` installs, or another that
 * findChromium() finds), or a failure that is one plain line in jest's report, not a stack trace.
 */
function chromiumOrExplain(): string {
  const found = findChromium();
  if (found) return found;
  const missing = new Error(NO_BROWSER);
  missing.stack = NO_BROWSER;
  throw missing;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumOrExplain(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** The real gateway serving the built web client, with its own origin allowed for sockets. */
export async function startWebApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  if (!existsSync(path.resolve(__dirname, '../../dist/web/index.html'))) {
    throw new Error('Build the web client first: npm run build:web (npm test does it).');
  }
  const port = await freePort();
  return startApp({ PORT: String(port), ALLOWED_ORIGINS: `http://127.0.0.1:${port}`, ...overrides });
}

export interface BrowserApp {
  /** The gateway serving the built web client. */
  gateway: TestApp;
  /** Its address, for the browser and for calls behind the client's back. */
  url: string;
  db: DataSource;
  given: Given;
  browser: Browser;
}

/**
 * For one describe block: the gateway serving the web client, this run's database and a
 * Chromium, up before its tests (and before its own beforeAll) and closed after them.
 */
export function useBrowserApp(): BrowserApp {
  const web = {} as BrowserApp;
  beforeAll(async () => {
    chromiumOrExplain();
    [web.gateway, web.db, web.browser] = await Promise.all([startWebApp(), testDb(), launchBrowser()]);
    web.url = web.gateway.url;
    web.given = new Given(web.db);
  });
  afterAll(async () => {
    await web.browser?.close();
    await web.gateway?.close();
    await web.db?.destroy();
  });
  return web;
}

/** A phone (the size of most members' screens) and a desktop, for tests of the layout. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
/** A phone set to the dark theme (the board follows the system's choice). */
export const PHONE_DARK = { ...PHONE, colorScheme: 'dark' as const };

type Screen = { width: number; height: number; colorScheme?: 'light' | 'dark' };

/**
 * A signed-in browser for one person, through the sign-in page like anyone else. Flows are driven
 * at desktop size, where every page is one click from the menu; the phone's shell (tab bar, "You")
 * has its own tests (phone-shell.browser-spec.ts), and every page is checked at both sizes.
 */
export async function signedIn(
  browser: Browser,
  url: string,
  user: GivenUser,
  screen: Screen = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const { colorScheme = 'light', ...viewport } = screen;
  const context = await browser.newContext({ baseURL: url, viewport, colorScheme });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Need help now?' }).waitFor();
  await page.waitForURL(/\/c\//);
  return { context, page };
}

/** Serious and critical accessibility problems axe-core finds on the page as it is now. */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Opens the board's "Start a thread" composer (it waits, folded, at the top of the board). */
export async function openNewThread(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start a thread' }).click();
  await page.getByRole('form', { name: 'Start a thread' }).waitFor();
}

/**
 * A phone-sized Chromium with a profile of its own on disk: what service workers, installability
 * and the Push API need (a fresh Playwright context is incognito, where Chromium offers none of
 * them). Not --disable-component-update: without it Chromium shows no notifications here.
 * close() also removes the profile.
 */
export async function browserWithProfile(url: string): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'p2p-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumOrExplain(),
    baseURL: url,
    viewport: PHONE,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
