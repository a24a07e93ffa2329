import { Posting } from '../support/posts';
import { until } from '../support/sockets';
import { DESKTOP, PHONE, seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/** The board on a phone: help always in view, a tab bar at the thumb, everything else under "You". */
describe('the phone shell, in real browsers', () => {
  const web = useBrowserApp();

  it('a member has a tab bar, "Need help now?" that never scrolls away, and the rest under "You"', async () => {
    const c = await web.given.community();
    const [member, other] = await Promise.all([web.given.member(c), web.given.member(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    // Forty threads, twenty by each (a member may post thirty times an hour).
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${(i % 2 ? other : member).token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Thread ${i}`, body: 'Something to talk about.' }),
      });
      expect(res.status).toBe(202);
    }
    const { context, page } = await signedIn(web.browser, web.url, member, PHONE);
    await page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    const tabs = page.getByRole('navigation', { name: 'Tabs' });
    await tabs.getByRole('link', { name: 'You' }).waitFor();
    expect(await tabs.getByRole('link').allTextContents()).toEqual(['Boards', 'Chat', 'You']);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    for (const box of await tabs.getByRole('link').evaluateAll((as) => as.map((a) => a.getBoundingClientRect()))) {
      expect(box.height).toBeGreaterThanOrEqual(44);
    }

    // "Start a thread" sits above the threads, not under fifty of them.
    await page.locator('li[data-thread-id]').nth(39).waitFor({ state: 'attached' });
    const start = await page.getByRole('button', { name: 'Start a thread' }).boundingBox();
    const firstThread = await page.locator('li[data-thread-id]').first().boundingBox();
    expect(start!.y).toBeLessThan(firstThread!.y);
    expect(start!.y + start!.height).toBeLessThan(PHONE.height);

    // Scrolled to the bottom of the board, help and the tabs are still on the screen.
    await page.mouse.wheel(0, 20_000);
    await page.waitForFunction(() => (globalThis as unknown as { scrollY: number }).scrollY > 1000);
    const help = await page.getByRole('link', { name: 'Need help now?' }).boundingBox();
    expect(help!.y).toBeGreaterThanOrEqual(0);
    expect(help!.y + help!.height).toBeLessThanOrEqual(PHONE.height);
    const bar = await tabs.boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(await seriousA11yProblems(page)).toEqual([]);

    await tabs.getByRole('link', { name: 'You' }).click();
    const more = page.getByRole('navigation', { name: 'Everything else' });
    for (const name of [
      'Waiting for a reply',
      'Elections',
      'Notifications',
      'Guidelines',
      'Your place',
      'Your plan',
      'Your data',
    ]) {
      await more.getByRole('link', { name, exact: true }).waitFor();
    }
    await more.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await more.getByRole('link', { name: 'Guidelines' }).click();
    await page.locator('[data-rule="imminent-harm-self"]').waitFor();
    await context.close();
  });

  it('a Top 3 member has Review in the tab bar, with its count; a wide screen has the menu instead', async () => {
    const c = await web.given.community();
    const [member, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tonight', body: 'I am going to kill myself tonight.' }),
    });
    expect(res.status).toBe(202);

    const phone = await signedIn(web.browser, web.url, top, PHONE);
    const tabs = phone.page.getByRole('navigation', { name: 'Tabs' });
    await tabs.getByRole('link', { name: 'Review (1)' }).waitFor();
    await tabs.getByRole('link', { name: 'You (1 new)' }).waitFor();
    // "You" carries the count of new notifications (the hold is one).
    expect(await tabs.getByRole('link').allTextContents()).toEqual(['Boards', 'Chat', 'Review (1)', 'You (1 new)']);
    await phone.context.close();

    const wide = await signedIn(web.browser, web.url, top, DESKTOP);
    await wide.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review (1)' }).waitFor();
    expect(await wide.page.getByRole('navigation', { name: 'Tabs' }).count()).toBe(0);
    await wide.context.close();
  });

  it('every board page says who of the Top 3 is on duty now', async () => {
    const c = await web.given.community();
    const [member, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    await web.db.query(
      `INSERT INTO duty_shifts (community_id, user_id, starts_at, ends_at, added_by)
       VALUES ($1, $2, now() - interval '1 hour', now() + interval '3 hours', $2)`,
      [c.id, top.id],
    );
    const [{ display_name: name }] = await web.db.query<{ display_name: string }[]>(
      `SELECT display_name FROM users WHERE id = $1`,
      [top.id],
    );
    const { context, page } = await signedIn(web.browser, web.url, member, PHONE);
    await page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await page.locator('[data-on-duty="yes"]').getByText(`Top 3 on duty now: ${name}.`).waitFor();
    await context.close();
  });

  it('thread rows show a line of the latest post and a "new" mark that goes once the thread is read', async () => {
    const c = await web.given.community();
    const [member, other] = await Promise.all([web.given.member(c), web.given.member(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const posting = new Posting(web.url, web.db);
    const { threadId } = await posting.publishedThread(
      other,
      c.boards.community,
      'After group',
      'Today was a *lot*. I said the thing I had been holding on to for weeks, and nobody laughed, and then I went home and slept for three hours.',
    );
    const { page, context } = await signedIn(web.browser, web.url, member, PHONE);
    // The list of boards counts the threads with something new.
    await page.goto(`/c/${c.id}`);
    expect(await page.locator('[data-new-threads]').textContent()).toBe(' 1 new');
    await page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    const row = page.locator(`li[data-thread-id="${threadId}"]`);
    await row.locator('.new').waitFor();
    expect(await row.getByRole('link').textContent()).toBe('After group new');
    const preview = row.locator('.preview');
    expect(await preview.textContent()).toMatch(/^Today was a lot\. I said the thing .*…$/);
    // One line, cut to the screen.
    const line = await preview.evaluate((el) => [el.scrollWidth > el.clientWidth, el.getBoundingClientRect().height]);
    expect(line[0]).toBe(true);
    expect(line[1]).toBeLessThan(40);

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'After group' }).waitFor();
    await until(
      async () => (await web.db.query(`SELECT 1 FROM thread_reads WHERE user_id = $1`, [member.id])).length > 0,
    );
    await page.getByRole('link', { name: 'Back to the board' }).click();
    await row.getByRole('link', { name: 'After group', exact: true }).waitFor();
    expect(await row.getAttribute('data-unread')).toBeNull();
    await page.goto(`/c/${c.id}`);
    await page.getByRole('link', { name: 'Community board', exact: true }).waitFor();
    expect(await page.locator('[data-new-threads]').count()).toBe(0);
    await page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await row.getByRole('link', { name: 'After group', exact: true }).waitFor();

    // A reply arriving live puts the row at the top, new again, with the reply's words.
    const reply = await posting.reply(other, threadId, 'Glad you said it.');
    await posting.waitForStatus(reply.body.id, 'published');
    await row.locator('.new').waitFor();
    expect(await row.locator('.preview').textContent()).toBe('Glad you said it.');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await context.close();
  });
});
