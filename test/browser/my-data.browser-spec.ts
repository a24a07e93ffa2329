import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { MyDataView } from '@p2p/contract';
import { TEST_PASSWORD } from '../support/given';
import { DESKTOP, seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

describe('"Your data": a copy of everything the board holds about you, in real browsers', () => {
  const web = useBrowserApp();

  it('a member opens it from the menu, downloads the file and opens the page, with the session cookie', async () => {
    const c = await web.given.community();
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const member = await web.given.member(c);
    const words = 'Thank you all for Tuesday, it helped more than I said.';
    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tuesday', body: words }),
    });
    expect(res.ok).toBe(true);

    const m = await signedIn(web.browser, web.url, member);
    await m.page.getByRole('link', { name: 'Your data' }).click();
    await m.page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
    await m.page.getByText('never who you voted for').waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    // The file: a plain link the browser downloads, its cookie going with it.
    const [download] = await Promise.all([
      m.page.waitForEvent('download'),
      m.page.getByRole('link', { name: 'Download as a file (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('p2p-board-my-data.json');
    const data = JSON.parse(await readFile(await download.path(), 'utf8')) as MyDataView;
    expect(data.profile.id).toBe(member.id);
    expect(data.entries.map((e) => e.body)).toContain(words);

    // The page to read or print, in a tab of its own.
    const [tab] = await Promise.all([
      m.context.waitForEvent('page'),
      m.page.getByRole('link', { name: /^Open as a page to read or print/ }).click(),
    ]);
    await tab.getByRole('heading', { name: 'Everything P2P Board holds about you', level: 1 }).waitFor();
    await tab.getByText(words).waitFor();
    await m.context.close();
  });

  it('every signed-in person can reach it: the Top 3, staff, a member whose access is paused, the operator', async () => {
    const c = await web.given.community();
    const [top, staff, paused, operator] = await Promise.all([
      web.given.top3(c),
      web.given.staff(c),
      web.given.suspended(c),
      web.given.operator(),
    ]);
    for (const who of [top, staff]) {
      const s = await signedIn(web.browser, web.url, who);
      await s.page.getByRole('link', { name: 'Your data' }).click();
      await s.page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
      await s.context.close();
    }

    // Neither has a community's menu: the paused page and the welcome page link to it.
    const opensData = async (page: Page, id: string) => {
      await page.getByRole('link', { name: 'Your data' }).click();
      await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
      expect(await seriousA11yProblems(page)).toEqual([]);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download as a file (JSON)' }).click(),
      ]);
      const data = JSON.parse(await readFile(await download.path(), 'utf8')) as MyDataView;
      expect(data.profile.id).toBe(id);
    };
    const p = await signedIn(web.browser, web.url, paused);
    await p.page.locator('[data-membership-status="suspended"]').waitFor();
    await opensData(p.page, paused.id);
    await p.context.close();

    const context = await web.browser.newContext({ baseURL: web.url, viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill(operator.username);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await opensData(page, operator.id);
    await context.close();
  });
});
