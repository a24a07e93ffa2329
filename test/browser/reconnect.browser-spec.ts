import { until } from '../support/sockets';
import { signedIn, useBrowserApp } from './browser';

jest.setTimeout(90_000);

describe('when the connection drops', () => {
  const web = useBrowserApp();

  it('the page says so, and on reconnecting it catches up with what was shared meanwhile', async () => {
    const c = await web.given.community();
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const [reader, writer] = await Promise.all([web.given.member(c), web.given.member(c)]);
    const r = await signedIn(web.browser, web.url, reader);
    await r.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await r.page.locator('[data-connection="live"]').waitFor();

    await r.context.setOffline(true);
    await r.page.locator('[data-connection="offline"]').waitFor();
    await r.page.getByText("You're offline just now").waitFor();

    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Shared while you were away', body: 'Hello from the other side.' }),
    });
    expect(res.status).toBe(202);
    // Released (delay 0) while the reader was away: the database says when.
    const published = async () =>
      (
        await web.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM posts WHERE board_id = $1 AND status = 'published'`,
          [c.boards.community],
        )
      )[0].n;
    await until(async () => (await published()) === 1);
    expect(await r.page.getByRole('link', { name: 'Shared while you were away' }).count()).toBe(0);

    await r.context.setOffline(false);
    await r.page.locator('[data-connection="live"]').waitFor({ timeout: 30_000 });
    await r.page.getByRole('link', { name: 'Shared while you were away' }).waitFor();
    expect(await r.page.getByRole('link', { name: 'Shared while you were away' }).count()).toBe(1);
    await r.context.close();
  });
});
