import { ENTRY_WORDS_REMOVED, FORMER_MEMBER } from '@p2p/contract';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/given';
import { Posting } from '../support/posts';
import { seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/** "Your data", opened from the menu, as anyone signed in reaches it. */
async function openYourData(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Your data' }).click();
  await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
}

describe('leaving and being forgotten, and how long things are kept, in real browsers', () => {
  const web = useBrowserApp();

  it('a member erases their account: a clear confirmation, a calm goodbye with help, and no way back in', async () => {
    const c = await web.given.community();
    const [leaver, other] = await Promise.all([web.given.member(c), web.given.member(c)]);
    const posting = new Posting(web.url, web.db);
    await posting.setDelay(c.id, 1);
    const words = 'Thank you all for listening on Tuesday.';
    const shared = await posting.publishedThread(leaver, c.boards.community, 'Tuesday', words);

    const m = await signedIn(web.browser, web.url, leaver);
    await openYourData(m.page);
    const leave = m.page.locator('[data-leave]');
    await leave.getByRole('heading', { name: 'Leaving, and being forgotten' }).waitFor();
    await leave.getByText("It can't be undone.").waitFor();
    // The community's choice, in its own words, and the crisis contacts beside it.
    await leave.getByText('What you shared on the boards and in chat loses its words').waitFor();
    await leave.getByText('Samaritans').waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    // The button waits for the password and the words, in any case.
    const erase = m.page.getByRole('button', { name: 'Erase my account' });
    expect(await erase.isDisabled()).toBe(true);
    await m.page.getByLabel('Your password').fill('not my password');
    expect(await erase.isDisabled()).toBe(true);
    await m.page.getByLabel(/^To be sure, type/).fill('erase my');
    expect(await erase.isDisabled()).toBe(true);
    await m.page.getByLabel(/^To be sure, type/).fill('Erase my account ');
    expect(await erase.isDisabled()).toBe(false);

    // A wrong password: the server's words in place, and nothing else changes.
    await erase.click();
    await m.page.getByRole('alert').getByText("That password doesn't match yours. Nothing has been changed.").waitFor();
    await m.page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
    const stillThere = await fetch(`${web.url}/api/me`, { headers: { authorization: `Bearer ${leaver.token}` } });
    expect(stillThere.status).toBe(200);
    await m.page.getByRole('link', { name: 'Boards' }).click();
    await m.page.getByRole('heading', { name: 'Boards' }).waitFor();

    // Words kept in the tab go with the account.
    await m.page.evaluate(`sessionStorage.setItem('p2p-draft:/c/x/threads/y:reply', 'Half a thought')`);
    await openYourData(m.page);
    await m.page.getByLabel('Your password').fill(TEST_PASSWORD);
    await m.page.getByLabel(/^To be sure, type/).fill('erase my account');
    await m.page.getByRole('button', { name: 'Erase my account' }).click();

    await m.page.getByRole('heading', { name: 'Goodbye, and take care', level: 1 }).waitFor();
    await m.page.waitForURL(/\/goodbye$/);
    const goodbye = m.page.locator('[data-goodbye]');
    await goodbye.getByText("It can't be used to sign in again.").waitFor();
    await goodbye
      .locator('[data-erased="removed"]')
      .getByText('The words of 1 entry you wrote have been removed.')
      .waitFor();
    await goodbye.getByText('Samaritans').waitFor();
    await goodbye.getByText('NHS 111').waitFor();
    // Signed out: no menu, the session cookie gone, nothing left in the tab.
    expect(await m.page.getByRole('link', { name: 'Your data' }).count()).toBe(0);
    await m.page.getByRole('link', { name: 'Need help now?' }).waitFor();
    expect(await m.page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(401);
    expect(await m.page.evaluate(`Object.keys(sessionStorage).filter((k) => k.startsWith('p2p-draft:'))`)).toEqual([]);
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    // Not a dead end: the sign-in page, where the old name no longer opens anything.
    await m.page.getByRole('link', { name: 'Go to the sign-in page' }).click();
    await m.page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await m.page.getByText('Your account has been erased.').waitFor();
    await m.page.getByLabel('Username').fill(leaver.username);
    await m.page.getByLabel('Password').fill(TEST_PASSWORD);
    await m.page.getByRole('button', { name: 'Sign in' }).click();
    await m.page.getByRole('alert').getByText("That username and password don't match.").waitFor();
    expect(new URL(m.page.url()).pathname).toBe('/login');
    await m.context.close();

    // The conversation keeps its place for the others: quiet words, from a former member.
    const o = await signedIn(web.browser, web.url, other);
    await o.page.goto(`/c/${c.id}/threads/${shared.threadId}`);
    const opening = o.page.locator(`[data-post-id="${shared.postId}"]`);
    await opening.getByText(ENTRY_WORDS_REMOVED.erasure).waitFor();
    await opening.getByText(FORMER_MEMBER).waitFor();
    expect(await o.page.getByText(words).count()).toBe(0);
    await o.context.close();
  });

  it('a Top 3 member changes how long posts are kept; a member reads it on their data page', async () => {
    const c = await web.given.community();
    const [top, member] = await Promise.all([web.given.top3(c), web.given.member(c)]);

    const t = await signedIn(web.browser, web.url, top);
    await openYourData(t.page);
    const keeping = t.page.locator('[data-keeping]');
    await keeping.getByText('Posts are kept for as long as the community exists.').waitFor();
    await keeping.getByText('brought to the next community meeting', { exact: false }).waitFor();
    expect(await seriousA11yProblems(t.page)).toEqual([]);

    // A number the server would refuse is explained, in plain words, before anything is sent.
    await t.page.getByLabel('Keep posts for as long as the community exists').uncheck();
    await t.page.getByLabel('Days to keep posts').fill('10');
    await t.page.getByRole('button', { name: 'Save' }).click();
    await t.page
      .getByRole('alert')
      .getByText('Please keep posts for a whole number of days from 30 to 36,500.')
      .waitFor();

    await t.page.getByLabel('Days to keep posts').fill('365');
    await t.page.getByRole('radio', { name: /^Keep what they shared/ }).check();
    await t.page.getByText('2 changes to save').waitFor();
    await t.page.getByRole('button', { name: 'Save' }).click();
    await t.page.getByRole('status').getByText('Saved.', { exact: false }).waitFor();
    await keeping.getByText('Posts are kept for 365 days.').waitFor();
    expect(await seriousA11yProblems(t.page)).toEqual([]);
    await t.page.reload();
    await t.page.locator('[data-keeping]').getByText('Posts are kept for 365 days.').waitFor();
    expect(await t.page.getByLabel('Days to keep posts').inputValue()).toBe('365');
    await t.context.close();

    // Written in the log, for the next meeting.
    const log = await fetch(`${web.url}/api/communities/${c.id}/log?limit=20`, {
      headers: { authorization: `Bearer ${top.token}` },
    }).then((r) => r.json() as Promise<{ items: { action: string; forMeeting?: boolean }[] }>);
    expect(log.items.some((r) => r.action === 'keeping-change')).toBe(true);

    // A member reads it, and what it means for leaving, with nothing to change.
    const m = await signedIn(web.browser, web.url, member);
    await openYourData(m.page);
    await m.page.locator('[data-keeping]').getByText('Posts are kept for 365 days.').waitFor();
    await m.page
      .locator('[data-leave]')
      .getByText(`What you shared on the boards and in chat stays, from "${FORMER_MEMBER}".`)
      .waitFor();
    expect(await m.page.getByLabel('Keep posts for as long as the community exists').count()).toBe(0);
    expect(await m.page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await m.context.close();
  });
});
