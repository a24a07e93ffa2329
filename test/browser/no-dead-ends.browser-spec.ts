import type { Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { testDb, type TestApp } from '../support/app';
import { Given } from '../support/given';
import { PHONE, launchBrowser, openNewThread, seriousA11yProblems, signedIn, startWebApp } from './browser';

jest.setTimeout(120_000);

/** Screens that stop a member say what happens next, keep what they wrote, and offer help now. */
describe('no dead ends, in real browsers', () => {
  let gateway: TestApp;
  let db: DataSource;
  let browser: Browser;
  let given: Given;

  beforeAll(async () => {
    // One post an hour, so the second meets the posting limit.
    [gateway, db, browser] = await Promise.all([startWebApp({ POSTS_PER_HOUR: '1' }), testDb(), launchBrowser()]);
    given = new Given(db);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await db?.destroy();
  });

  it('the posting limit says when, keeps the words across a reload, offers the crisis contacts and the Top 3', async () => {
    const c = await given.community();
    const member = await given.member(c);
    const { context, page } = await signedIn(browser, gateway.url, member, PHONE);
    await page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await openNewThread(page);
    const start = page.getByRole('form', { name: 'Start a thread' });
    await start.getByLabel('Title').fill('First today');
    await start.getByLabel('What would you like to say?').fill('Morning all, a quiet start.');
    await start.getByRole('button', { name: 'Start the thread' }).click();
    // A new thread opens itself; back to the board for the next one.
    await page.getByRole('heading', { name: 'First today' }).waitFor();
    await page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await openNewThread(page);
    await start.getByLabel('Title').fill('One more thing');
    await start.getByLabel('What would you like to say?').fill('I wanted to add something about yesterday.');
    await start.getByRole('button', { name: 'Start the thread' }).click();
    const stopped = start.locator('[data-stopped]');
    await stopped.getByText(/you can post again in about \d+ minutes?/).waitFor();
    await stopped.getByText('What you wrote stays here').waitFor();
    await stopped.getByRole('link', { name: '116 123' }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.reload();
    const again = page.getByRole('form', { name: 'Start a thread' });
    expect(await again.getByLabel('Title').inputValue()).toBe('One more thing');
    expect(await again.getByLabel('What would you like to say?').inputValue()).toBe(
      'I wanted to add something about yesterday.',
    );

    // Or the words go to the Top 3 now: the thread opens with them waiting, and help beside them.
    await again.getByRole('button', { name: 'Start the thread' }).click();
    await again.locator('[data-stopped]').getByRole('button', { name: 'Send it to the Top 3' }).click();
    await page.getByRole('heading', { name: 'One more thing' }).waitFor();
    const held = page.locator('article[data-status="held"]');
    await held.getByText('I wanted to add something about yesterday.').waitFor();
    await held.getByText(/waiting for a Top 3 member/).waitFor();
    await held.getByRole('link', { name: '116 123' }).waitFor();
    const [{ for_top3: asked }] = await db.query<{ for_top3: boolean }[]>(
      `SELECT p.for_top3 FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.title = 'One more thing' AND t.community_id = $1`,
      [c.id],
    );
    expect(asked).toBe(true);
    expect(await seriousA11yProblems(page)).toEqual([]);
    // Sent, the draft is gone from the board's composer.
    await page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await page.getByRole('button', { name: 'Start a thread' }).waitFor();
    await context.close();
  });

  it('a post already flagged says so after a reload, instead of asking again', async () => {
    const c = await given.community();
    const [author, reader] = await Promise.all([given.member(c), given.member(c)]);
    await db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const res = await fetch(`${gateway.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Something to look at', body: 'A post someone may worry about.' }),
    });
    expect(res.status).toBe(202);
    const { thread } = (await res.json()) as { thread: { id: string } };
    for (let i = 0; i < 50; i++) {
      const [row] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM posts WHERE thread_id = $1 AND status = 'published'`,
        [thread.id],
      );
      if (row.n > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const { context, page } = await signedIn(browser, gateway.url, reader);
    await page.goto(`/c/${c.id}/threads/${thread.id}`);
    await page.getByRole('button', { name: /Ask the Top 3 to look at this post/ }).click();
    await page.getByLabel('What worries you about it?').selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Send to the Top 3' }).click();
    await page.getByText('You asked the Top 3 to look at this. Thank you; they will.').waitFor();

    await page.reload();
    await page.getByText('You asked the Top 3 to look at this. Thank you; they will.').waitFor();
    expect(await page.getByRole('button', { name: /Ask the Top 3 to look at this post/ }).count()).toBe(0);
    await context.close();
  });
});
