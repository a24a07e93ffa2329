import { seriousA11yProblems, signedIn, useBrowserApp, openNewThread } from './browser';

jest.setTimeout(120_000);

describe('out of hours, honestly, in real browsers', () => {
  const web = useBrowserApp();

  it('with no Top 3 member on duty or online, the composer and the kind reply say when one is next expected; with one online, they do not', async () => {
    const c = await web.given.community();
    const [member, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 60 WHERE id = $1`, [c.id]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setUTCHours(18, 0, 0, 0);
    await web.db.query(
      `INSERT INTO duty_shifts (community_id, user_id, starts_at, ends_at, added_by) VALUES ($1, $2, $3, $4, $2)`,
      [c.id, top.id, tomorrow, new Date(tomorrow.getTime() + 4 * 3_600_000)],
    );

    const m = await signedIn(web.browser, web.url, member);
    await m.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    // The board says so at the top, and the composer again beside the words.
    await m.page
      .locator('[data-on-duty="away"]')
      .getByText(/The next is expected on \w+day/)
      .waitFor();
    await openNewThread(m.page);
    const note = m.page.locator('form.composer [data-cover="away"]');
    await note.waitFor();
    expect(await note.textContent()).toMatch(
      /No Top 3 member is on duty or online just now\. The next is expected on \w+day/,
    );
    await note.getByRole('link', { name: 'the crisis contacts are here' }).waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    await m.page.getByLabel('Title').fill('Tonight');
    await m.page
      .getByLabel('What would you like to say?')
      .fill("I can't do this any more. I am going to kill myself tonight.");
    await m.page.getByRole('button', { name: 'Start the thread' }).click();
    const held = m.page.locator('[data-status="held"]');
    await held.getByText('The people below can help at any time.').waitFor();
    await held.getByText('Samaritans').waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    // A Top 3 member opens the board: someone is around, and the note goes.
    const t = await signedIn(web.browser, web.url, top);
    await t.page.locator('[data-connection="live"]').waitFor();
    const dutyRead = () => m.page.waitForResponse((r) => r.url().endsWith(`/api/communities/${c.id}/duty`));
    await Promise.all([dutyRead(), m.page.reload()]);
    await m.page.locator('[data-status="held"]').getByText('Samaritans').waitFor();
    expect(await m.page.locator('[data-cover="away"]').count()).toBe(0);
    await Promise.all([dutyRead(), m.page.goto(`/c/${c.id}/boards/${c.boards.community}`)]);
    await m.page.locator('[data-on-duty="online"]').getByText('A Top 3 member has the board open now.').waitFor();
    await openNewThread(m.page);
    await m.page.getByLabel('What would you like to say?').waitFor();
    expect(await m.page.locator('[data-cover="away"]').count()).toBe(0);
    await t.context.close();
    await m.context.close();
  });
});
