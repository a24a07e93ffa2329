import { openNewThread, seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

const THOUGHTS = 'Honestly I wish I was dead. Everything feels too much this week.';

describe('the Top 3 check-in list in real browsers', () => {
  const web = useBrowserApp();

  it('a post with hard thoughts appears live for the Top 3, who say someone has checked in; members never see the list', async () => {
    const c = await web.given.community();
    const [author, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 1 WHERE id = $1`, [c.id]);
    const nameOf = async (id: string) =>
      (await web.db.query<{ display_name: string }[]>(`SELECT display_name FROM users WHERE id = $1`, [id]))[0]
        .display_name;
    const [authorName, topName] = [await nameOf(author.id), await nameOf(top.id)];

    const { context, page } = await signedIn(web.browser, web.url, top);
    await page.getByRole('link', { name: 'Check in' }).click();
    await page.getByRole('heading', { name: 'Check in', level: 1 }).waitFor();
    await page.getByText('No one is waiting for a check-in right now.').waitFor();

    // Shared while the page is open: it arrives by itself once it is published.
    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'A hard week', body: THOUGHTS }),
    });
    expect(res.status).toBe(202);
    const item = page.locator('article.review').filter({ hasText: THOUGHTS });
    await item.waitFor();
    await item.getByText(`${authorName} in “A hard week”`).waitFor();
    await item.getByText('a wish to be dead: "I wish I was dead"').waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await item.getByText('Nobody has taken it yet.').waitFor();
    await item.getByRole('button', { name: "I'm looking at this" }).click();
    await item.getByText(`${topName} is looking at this.`).waitFor();
    await item.getByRole('button', { name: 'Someone has checked in' }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByText('No one is waiting for a check-in right now.').waitFor();
    await page.getByText(`${topName} checked in`).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await context.close();

    // The author's post is simply out, and a member has no way in to the list.
    const member = await signedIn(web.browser, web.url, author);
    expect(await member.page.getByRole('link', { name: 'Check in' }).count()).toBe(0);
    await member.page.goto(`/c/${c.id}/check-ins`);
    await member.page.getByRole('alert').waitFor();
    expect(await member.page.getByText(THOUGHTS).count()).toBe(0);
    await member.context.close();
  });

  it('while writing hard thoughts, a member is told the post will be shared as usual, with help one tap away', async () => {
    const c = await web.given.community();
    const author = await web.given.member(c);
    const m = await signedIn(web.browser, web.url, author);
    await m.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await openNewThread(m.page);
    await m.page.getByLabel('Title').fill('A hard week');
    await m.page.getByLabel('What would you like to say?').fill(THOUGHTS);

    // The guidelines say check-in: nothing waits for the Top 3, so the note must not say it does.
    const note = m.page.locator('[data-guidelines="check-in"]');
    await note.getByText('This will be shared as usual').waitFor();
    await note.getByText('Samaritans').waitFor();
    expect(await m.page.getByText('a Top 3 member will read it first').count()).toBe(0);
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    await m.page.getByRole('button', { name: 'Start the thread' }).click();
    await m.page.getByText('Only you can see this for now').waitFor();
    await m.context.close();
  });
});
