import type { Page } from 'playwright-core';
import type { GivenUser } from '../support/given';
import { until } from '../support/sockets';
import { signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/** Each tries to run script in a reader's browser; all must show as plain words or nothing. */
const ATTACKS = [
  `<img src=x onerror="window.__xss=(window.__xss||0)+1">`,
  `<script>window.__xss=(window.__xss||0)+1</script>`,
  `[click me](javascript:window.__xss=1)`,
  `<a href="javascript:window.__xss=1">link</a>`,
  `<svg onload="window.__xss=1"></svg>`,
  `"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
];
const attack = (where: string) => `${where}: ${ATTACKS.join(' ')}`;

describe('stored XSS: every field the web client shows is inert', () => {
  const web = useBrowserApp();

  const as = (who: GivenUser) => async (method: string, path: string, body?: object) => {
    const res = await fetch(`${web.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; thread: { id: string } };
  };

  /** Opens a page, waits for it, and reports whether any attack ran or any dialog opened. */
  async function visit(page: Page, path: string, ready: (p: Page) => Promise<unknown>): Promise<void> {
    let dialogs = 0;
    const onDialog = () => dialogs++;
    page.on('dialog', onDialog);
    await page.goto(path);
    await ready(page);
    // Click every link an attack might have made, in case a javascript: URL got through.
    for (const link of await page.locator('main a[href^="javascript:"]').all()) await link.click();
    expect({
      path,
      ran: await page.evaluate(() => (globalThis as { __xss?: number }).__xss ?? 0),
      dialogs,
    }).toEqual({
      path,
      ran: 0,
      dialogs: 0,
    });
    expect(await page.locator('main script, main iframe, main svg[onload], main img[onerror]').count()).toBe(0);
    page.off('dialog', onDialog);
  }

  it('thread titles, posts, display names, info pages, log reasons, meeting packs and reports', async () => {
    const c = await web.given.community();
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0, chat_delay_seconds = 0 WHERE id = $1`, [
      c.id,
    ]);
    const [member, top3, staff] = await Promise.all([web.given.member(c), web.given.top3(c), web.given.staff(c)]);
    await web.db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [
      member.id,
      `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`,
    ]);
    const m = as(member);
    const tp = as(top3);

    const thread = await m('POST', `/boards/${c.boards.community}/threads`, {
      title: attack('title').slice(0, 200),
      body: attack('body'),
    });
    const threadId = thread.thread.id;
    await new Promise((r) => setTimeout(r, 500));
    const reply = await m('POST', `/threads/${threadId}/posts`, { body: attack('reply') });
    // Shared before the Top 3 act on it (no thinking space here, but the release is still a step).
    await until(
      async () =>
        (await web.db.query(`SELECT 1 FROM posts WHERE id = $1 AND status = 'published'`, [reply.id])).length > 0,
    );
    await tp('PUT', `/boards/${c.boards.info}/pages/about`, {
      title: attack('page').slice(0, 120),
      body: attack('page body'),
    });
    await tp('POST', `/posts/${reply.id}/moderation`, {
      action: 'annotate',
      reason: attack('reason'),
      forMeeting: true,
    });
    await tp('POST', `/communities/${c.id}/significant-events`, { summary: attack('report') });
    const meeting = await tp('POST', `/communities/${c.id}/meetings`, { title: attack('meeting').slice(0, 120) });

    const reader = await signedIn(web.browser, web.url, await web.given.member(c));
    await visit(reader.page, `/c/${c.id}/boards/${c.boards.community}`, (p) =>
      p.locator('.threads li').first().waitFor(),
    );
    await visit(reader.page, `/c/${c.id}/threads/${threadId}`, (p) =>
      p.getByText('reply:', { exact: false }).first().waitFor(),
    );
    await visit(reader.page, `/c/${c.id}/boards/${c.boards.info}`, (p) => p.getByText('page body:').waitFor());
    await reader.context.close();

    const top = await signedIn(web.browser, web.url, top3);
    await visit(top.page, `/c/${c.id}/log`, (p) => p.locator('[data-log-action="annotate"]').waitFor());
    await visit(top.page, `/c/${c.id}/meetings/${meeting.id}`, (p) =>
      p.getByText('reason:', { exact: false }).first().waitFor(),
    );
    await top.context.close();

    const st = await signedIn(web.browser, web.url, staff);
    await visit(st.page, `/c/${c.id}/significant-events`, (p) =>
      p.getByText('report:', { exact: false }).first().waitFor(),
    );
    await st.context.close();
  });
});
