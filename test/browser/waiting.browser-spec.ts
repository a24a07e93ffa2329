import { seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

describe('waiting for a reply, in real browsers', () => {
  const web = useBrowserApp();

  it('a member finds the threads nobody has answered, oldest first, one tap from the menu', async () => {
    const c = await web.given.community();
    const [author, reader] = await Promise.all([web.given.member(c), web.given.member(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Anyone about tonight?', body: 'Bit of a rough evening.' }),
    });
    const { post } = (await res.json()) as { post: { id: string } };
    for (let i = 0; i < 100; i++) {
      const [row] = await web.db.query<{ status: string }[]>(`SELECT status FROM posts WHERE id = $1`, [post.id]);
      if (row.status === 'published') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await web.db.query(
      `UPDATE posts SET created_at = now() - interval '13 hours', release_at = now() - interval '13 hours',
                        released_at = now() - interval '13 hours' WHERE id = $1`,
      [post.id],
    );

    const r = await signedIn(web.browser, web.url, reader);
    await r.page.getByRole('link', { name: 'Waiting for a reply' }).click();
    await r.page.getByRole('heading', { name: 'Waiting for a reply', level: 1 }).waitFor();
    await r.page.getByText('after 12 hours', { exact: false }).waitFor();
    await r.page.getByRole('link', { name: 'Anyone about tonight?' }).click();
    await r.page.getByText('Bit of a rough evening.').waitFor();
    await r.page.goBack();
    await r.page.getByRole('link', { name: 'Anyone about tonight?' }).waitFor();
    expect(await seriousA11yProblems(r.page)).toEqual([]);
    await r.context.close();
  });
});
