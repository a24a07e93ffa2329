import { seriousA11yProblems, signedIn, useBrowserApp, openNewThread } from './browser';

jest.setTimeout(120_000);

describe("a member's own crisis plan, in real browsers", () => {
  const web = useBrowserApp();

  it('written one tap from any page, shown with the kind reply when a post is held, and to the Top 3 only if chosen', async () => {
    const c = await web.given.community();
    const [member, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 60 WHERE id = $1`, [c.id]);

    const m = await signedIn(web.browser, web.url, member);
    await m.page.getByRole('link', { name: 'Your plan' }).click();
    await m.page.getByRole('heading', { name: 'Your crisis plan', level: 1 }).waitFor();
    await m.page.getByLabel('Who I can call').fill('My sister Jo');
    await m.page.getByLabel('What helps me').fill('A bath and the radio');
    await m.page.getByLabel('Show my plan to the Top 3 when something I write is held').check();
    await m.page.getByRole('button', { name: 'Save my plan' }).click();
    await m.page.getByText('Saved.').waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    await m.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await openNewThread(m.page);
    await m.page.getByLabel('Title').fill('Tonight');
    await m.page
      .getByLabel('What would you like to say?')
      .fill("I can't do this any more. I am going to kill myself tonight.");
    await m.page.getByRole('button', { name: 'Start the thread' }).click();
    const held = m.page.locator('[data-status="held"]');
    await held.getByText('Samaritans').waitFor();
    const plan = held.getByRole('region', { name: 'Your crisis plan' });
    await plan.getByText('My sister Jo').waitFor();
    await plan.getByText('A bath and the radio').waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    const t = await signedIn(web.browser, web.url, top);
    await t.page.goto(`/c/${c.id}/review`);
    const card = t.page.locator('article.review', { hasText: 'kill myself tonight' });
    await card.getByText('My sister Jo').waitFor();
    expect(await seriousA11yProblems(t.page)).toEqual([]);
    await t.context.close();
    await m.context.close();
  });
});
