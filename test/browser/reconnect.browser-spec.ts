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

  it('a connection that drops before the page first caught up loads the board again on reconnecting', async () => {
    const c = await web.given.community();
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const [reader, writer] = await Promise.all([web.given.member(c), web.given.member(c)]);
    const r = await signedIn(web.browser, web.url, reader);
    // The first connection never hears stream.ready, as when it drops a moment after connecting.
    let firstConnection = true;
    await r.page.routeWebSocket(/socket\.io/, (ws) => {
      const server = ws.connectToServer();
      const dropReady = firstConnection;
      server.onMessage((m) => {
        if (dropReady && typeof m === 'string' && m.includes('"stream.ready"')) return;
        ws.send(m);
      });
      ws.onMessage((m) => server.send(m));
    });
    await r.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await r.page.locator('[data-connection="live"]').waitFor();
    await r.page.getByRole('button', { name: 'Start a thread' }).waitFor();

    firstConnection = false;
    await r.context.setOffline(true);
    await r.page.locator('[data-connection="offline"]').waitFor();
    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Shared before the page caught up', body: 'Hello again.' }),
    });
    expect(res.status).toBe(202);
    await until(
      async () =>
        (
          await web.db.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM posts WHERE board_id = $1 AND status = 'published'`,
            [c.boards.community],
          )
        )[0].n === 1,
    );
    await r.context.setOffline(false);
    await r.page.locator('[data-connection="live"]').waitFor({ timeout: 30_000 });
    await r.page.getByRole('link', { name: 'Shared before the page caught up' }).waitFor();
    await r.context.close();
  });
});
