import { openNewThread, signedIn, useBrowserApp } from './browser';

jest.setTimeout(90_000);

describe('members and the Top 3 in real browsers', () => {
  const web = useBrowserApp();

  it('a member composes, sees the countdown, edits, and the post reaches a second member live after release', async () => {
    const c = await web.given.community();
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 6 WHERE id = $1`, [c.id]);
    const [alex, sam] = await Promise.all([web.given.member(c), web.given.member(c)]);
    const a = await signedIn(web.browser, web.url, alex);
    const s = await signedIn(web.browser, web.url, sam);

    await s.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await s.page.getByRole('heading', { name: 'Threads' }).waitFor();
    await s.page.locator('[data-connection="live"]').waitFor();

    await a.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await openNewThread(a.page);
    await a.page.getByLabel('Title').fill('Sunday walk');
    await a.page.getByLabel('What would you like to say?').fill('Is anyone going to the park on Sunday?');
    await a.page.getByRole('button', { name: 'Start the thread' }).click();

    // The thinking space: only the author sees it, with the time left, and can change it.
    await a.page.getByText('Only you can see this for now').waitFor();
    await a.page.locator('[data-countdown]').waitFor();
    await a.page.getByRole('button', { name: 'Change it' }).click();
    await a.page.getByLabel('Change your post').fill('Is anyone going to the park on Sunday? I could bring a flask.');
    await a.page.getByRole('button', { name: 'Save changes' }).click();
    await a.page.getByText('I could bring a flask.').waitFor();

    // Not on the other member's board yet.
    expect(await s.page.getByRole('link', { name: 'Sunday walk' }).count()).toBe(0);

    // After release it arrives on the other member's open board without a reload, with the edit.
    await s.page.getByRole('link', { name: 'Sunday walk' }).waitFor({ timeout: 30_000 });
    await s.page.getByRole('link', { name: 'Sunday walk' }).click();
    await s.page.getByText('I could bring a flask.').waitFor();

    // And the author's own view turned from waiting into shared.
    await a.page.locator('[data-status="published"]').waitFor({ timeout: 30_000 });
    await a.context.close();
    await s.context.close();
  });

  it('a post that breaks the guidelines gets the kind message and crisis contacts, reaches the Top 3 queue live, and its deletion is in the log word for word', async () => {
    const c = await web.given.community();
    const [member, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    const m = await signedIn(web.browser, web.url, member);
    const top3 = await signedIn(web.browser, web.url, top);

    await top3.page.goto(`/c/${c.id}/review`);
    await top3.page.getByText('Nothing is waiting').waitFor();
    await top3.page.locator('[data-connection="live"]').waitFor();

    const words = "I can't do this any more. I am going to kill myself tonight.";
    await m.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await openNewThread(m.page);
    await m.page.getByLabel('Title').fill('Tonight');
    await m.page.getByLabel('What would you like to say?').fill(words);
    // While composing: a gentle note with the crisis contacts, not an alarm.
    await m.page.locator('[data-guidelines="hold"]').waitFor();
    await m.page.getByRole('button', { name: 'Start the thread' }).click();

    await m.page.getByText('waiting for a Top 3 member to look at it').waitFor();
    await m.page.locator('[data-status="held"]').getByText('Samaritans').waitFor();
    await m.page.locator('[data-status="held"]').getByRole('link', { name: '116 123' }).waitFor();

    // The Top 3 queue, already open, shows it without a reload.
    const item = top3.page.locator('article.review', { hasText: 'going to kill myself tonight' });
    await item.waitFor();
    await item.getByLabel('Your reason or note (kept in the log)').fill('Reached out to them by phone.');
    await item.getByRole('button', { name: 'Take it down' }).click();
    await top3.page.getByText('Nothing is waiting').waitFor();

    await top3.page.getByRole('link', { name: 'Log' }).click();
    const record = top3.page.locator('[data-log-action="delete"]');
    await record.waitFor();
    expect(await record.locator('blockquote.verbatim').textContent()).toBe(words);
    await record.getByText('Reached out to them by phone.').waitFor();
    await m.context.close();
    await top3.context.close();
  });

  it('after a guidelines warning a member can send it as it is, from the board composer and in the chat room', async () => {
    const c = await web.given.community();
    await web.db.query(`UPDATE communities SET chat_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const member = await web.given.member(c);
    const m = await signedIn(web.browser, web.url, member);
    const words = 'Text me on 07700 900123 if you want to talk outside of here.';
    const warning = m.page.getByRole('alert').filter({ hasText: 'have another look' });

    await m.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await openNewThread(m.page);
    await m.page.getByLabel('Title').fill('Talking');
    await m.page.getByLabel('What would you like to say?').fill(words);
    await m.page.getByRole('button', { name: 'Start the thread' }).click();
    await warning.waitFor();
    await m.page.getByRole('button', { name: 'Send it as it is' }).click();
    await m.page.getByText('Only you can see this for now').waitFor();
    expect(await warning.count()).toBe(0);

    const rooms = await fetch(`${web.url}/api/communities/${c.id}/chat/rooms`, {
      headers: { authorization: `Bearer ${member.token}` },
    }).then((r) => r.json() as Promise<{ items: { id: string; kind: string }[] }>);
    await m.page.goto(`/c/${c.id}/chat/${rooms.items.find((r) => r.kind === 'chat')!.id}`);
    await m.page.locator('[data-connection="live"]').waitFor();
    await m.page.getByLabel('Your message').fill(words);
    await m.page.getByRole('button', { name: 'Send', exact: true }).click();
    await warning.waitFor();
    await m.page.getByRole('button', { name: 'Send it as it is' }).click();
    await m.page.getByRole('log').getByText('07700 900123').waitFor();
    expect(await warning.count()).toBe(0);
    await m.context.close();
  });

  it('a staff browser cannot reach a private board, or a thread on it, by URL', async () => {
    const c = await web.given.community();
    const [top, staff] = await Promise.all([web.given.top3(c), web.given.staff(c)]);
    const [thread] = await web.db.query<{ id: string }[]>(
      `INSERT INTO threads (board_id, community_id, author_id, title) VALUES ($1, $2, $3, 'Top 3 only: rota') RETURNING id`,
      [c.boards.top3, c.id, top.id],
    );
    const s = await signedIn(web.browser, web.url, staff);

    await s.page.goto(`/c/${c.id}/boards/${c.boards.top3}`);
    await s.page.getByText("We couldn't find that board, or it isn't one you can read.").waitFor();
    await s.page.goto(`/c/${c.id}/threads/${thread.id}`);
    await s.page.getByText("We couldn't find that thread, or it isn't one you can read.").waitFor();
    await s.page.goto(`/c/${c.id}`);
    await s.page.getByRole('heading', { name: 'Boards' }).waitFor();
    const html = await s.page.content();
    expect(html).not.toContain('Top 3 only');
    expect(html).not.toContain(c.boards.top3);
    await s.context.close();
  });
});
