import { Posting } from '../support/posts';
import { seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

describe('the review desk at 2 a.m., in real browsers', () => {
  const web = useBrowserApp();

  it('a waiting count in the menu and title, "I\'m looking at this" seen live by the other, and sharing an urgent post asks twice', async () => {
    const c = await web.given.community('Riverside');
    const [author, first, second] = await Promise.all([web.given.member(c), web.given.top3(c), web.given.top3(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 1 WHERE id = $1`, [c.id]);
    const firstName = (
      await web.db.query<{ display_name: string }[]>(`SELECT display_name FROM users WHERE id = $1`, [first.id])
    )[0].display_name;

    const a = await signedIn(web.browser, web.url, first);
    const b = await signedIn(web.browser, web.url, second);
    await a.page.getByRole('link', { name: 'Review', exact: true }).click();
    await b.page.getByRole('link', { name: 'Review', exact: true }).click();
    await a.page.getByText('Nothing is waiting').waitFor();

    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tonight', body: HARM }),
    });
    expect(res.status).toBe(202);

    const card = a.page.locator('article.review', { hasText: 'going to end it tonight' });
    await card.waitFor();
    await a.page.getByRole('link', { name: 'Review (1)' }).waitFor();
    await a.page.waitForFunction("document.title === '(1) Riverside'");
    await card.getByText('Urgent:').waitFor();
    await card.getByText('Waiting less than a minute. Nobody has taken it yet.').waitFor();
    await card.getByRole('link', { name: 'Open the thread' }).waitFor();
    expect(await seriousA11yProblems(a.page)).toEqual([]);

    // Taken by one, seen by the other without a reload.
    await card.getByRole('button', { name: "I'm looking at this" }).click();
    await card.getByText(`${firstName} is looking at this.`).waitFor();
    const other = b.page.locator('article.review', { hasText: 'going to end it tonight' });
    await other.getByText(`${firstName} is looking at this.`).waitFor();
    expect(await other.getByRole('button', { name: "I'm looking at this" }).count()).toBe(0);

    // Sharing an imminent-harm post: a reason and a second "yes".
    await card.getByRole('button', { name: 'Share it' }).click();
    const confirm = card.getByRole('group', { name: 'Share an urgent post?' });
    await confirm.waitFor();
    expect(await confirm.getByRole('button', { name: 'Yes, share it' }).isDisabled()).toBe(true);
    expect(await seriousA11yProblems(a.page)).toEqual([]);
    await confirm.getByRole('button', { name: 'No, keep it held' }).click();
    await confirm.waitFor({ state: 'detached' });
    await card
      .getByLabel('Your reason or note (kept in the log)')
      .fill('Spoke to them; they are safe and want it shared.');
    await card.getByRole('button', { name: 'Share it' }).click();
    await confirm.getByRole('button', { name: 'Yes, share it' }).click();
    await a.page.getByText('Nothing is waiting').waitFor();
    await a.page.getByRole('link', { name: 'Review', exact: true }).waitFor();
    await b.page.getByRole('link', { name: 'Review', exact: true }).waitFor();
    await a.context.close();
    await b.context.close();
  });

  it('a post members flagged (the guidelines held nothing) is on the desk with who flagged it and why', async () => {
    const c = await web.given.community('Flagged');
    const [author, flagger, top3] = await Promise.all([web.given.member(c), web.given.member(c), web.given.top3(c)]);
    const posting = new Posting(web.url, web.db);
    await posting.setDelay(c.id, 1);
    const { postId } = await posting.publishedThread(author, c.boards.community, 'Plans', 'Meet at the bus stop at 6.');
    const flagged = await fetch(`${web.url}/api/posts/${postId}/flags`, {
      method: 'POST',
      headers: { authorization: `Bearer ${flagger.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'something-else', note: 'Is this safe to share here?' }),
    });
    expect(flagged.status).toBe(201);

    const t = await signedIn(web.browser, web.url, top3);
    await t.page.getByRole('link', { name: 'Review (1)' }).click();
    const card = t.page.locator('article.review', { hasText: 'Meet at the bus stop' });
    await card.getByText('Is this safe to share here?').waitFor();
    expect(await seriousA11yProblems(t.page)).toEqual([]);
    await t.context.close();
  });

  it('the author of a post taken down is told what it means, what happens next, and where help is', async () => {
    const c = await web.given.community();
    const [author, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'A rant', body: 'Everyone here is useless and I am done with the lot of you.' }),
    });
    const { thread, post } = (await res.json()) as { thread: { id: string }; post: { id: string } };
    for (let i = 0; i < 100; i++) {
      const [row] = await web.db.query<{ status: string }[]>(`SELECT status FROM posts WHERE id = $1`, [post.id]);
      if (row.status === 'published') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const down = await fetch(`${web.url}/api/posts/${post.id}/moderation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${top.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'delete', reason: 'Hurtful to others; we will talk at the meeting.' }),
    });
    expect(down.status).toBe(200);

    const a = await signedIn(web.browser, web.url, author);
    await a.page.goto(`/c/${c.id}/threads/${thread.id}`);
    const note = a.page.locator('[data-taken-down]');
    await note.getByText('A Top 3 member took this post down').waitFor();
    await note.getByText('the next community meeting', { exact: false }).waitFor();
    await note.getByText('Samaritans').waitFor();
    expect(await seriousA11yProblems(a.page)).toEqual([]);
    await a.context.close();
  });

  it('"Message the author": the author is told, and reads it from the Top 3 with the crisis contacts', async () => {
    const c = await web.given.community('Riverside');
    const [author, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 1 WHERE id = $1`, [c.id]);
    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tonight', body: HARM }),
    });
    expect(res.status).toBe(202);

    const t = await signedIn(web.browser, web.url, top);
    await t.page.goto(`/c/${c.id}/review`);
    const card = t.page.locator('article.review', { hasText: 'going to end it tonight' });
    await card.getByRole('button', { name: 'Message the author' }).click();
    await card.getByRole('textbox', { name: /A private message to/ }).fill('We are here for you. Can one of us call?');
    await card.getByRole('button', { name: 'Send the message' }).click();
    await card.getByText('Your message went to').waitFor();
    expect(await seriousA11yProblems(t.page)).toEqual([]);
    await t.context.close();

    const a = await signedIn(web.browser, web.url, author);
    await a.page.getByRole('link', { name: 'Notifications (1 new)' }).click();
    await a.page.getByRole('link', { name: 'The Top 3 have sent you a message.' }).click();
    await a.page.getByRole('heading', { name: 'From the Top 3', level: 1 }).waitFor();
    await a.page.getByText('We are here for you. Can one of us call?').waitFor();
    await a.page.getByText('Samaritans').waitFor();
    expect(await seriousA11yProblems(a.page)).toEqual([]);
    await a.context.close();
  });
});
