import { seriousA11yProblems, signedIn, useBrowserApp } from './browser';
import { Posting } from '../support/posts';

jest.setTimeout(120_000);

describe('controls for hard days, in real browsers', () => {
  const web = useBrowserApp();

  it('a member mutes a word: a post and a thread that mention it are folded, and one tap opens each', async () => {
    const c = await web.given.community();
    const [member, other] = await Promise.all([web.given.member(c), web.given.member(c)]);
    const posting = new Posting(web.url, web.db);
    await posting.setDelay(c.id, 1);
    const calm = await posting.publishedThread(other, c.boards.community, 'Garden update', 'The tomatoes are in.');
    const reply = await posting.reply(other, calm.threadId, 'The hospital visit went badly today.');
    await posting.waitForStatus(reply.body.id, 'published');
    // The board's row previews the latest post: this one, so the row itself stays open.
    const last = await posting.reply(other, calm.threadId, 'Sending love to all.');
    await posting.waitForStatus(last.body.id, 'published');
    await posting.publishedThread(other, c.boards.community, 'After the hospital', 'Still thinking about it.');

    const m = await signedIn(web.browser, web.url, member);
    await m.page.getByRole('link', { name: 'For hard days' }).click();
    await m.page.getByRole('heading', { name: 'For hard days', level: 1 }).waitFor();
    await m.page.getByLabel('A word to mute').fill('Hospital');
    await m.page.getByRole('button', { name: 'Mute this word' }).click();
    await m.page.getByText('“Hospital” is muted.').waitFor();
    await m.page.getByRole('list', { name: 'Your muted words' }).getByText('hospital').waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    await m.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await m.page.getByRole('link', { name: 'Garden update' }).waitFor();
    expect(await m.page.getByRole('link', { name: 'After the hospital' }).count()).toBe(0);
    await m.page.getByRole('button', { name: 'Show this thread' }).click();
    await m.page.getByRole('link', { name: 'After the hospital' }).waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    await m.page.goto(`/c/${c.id}/threads/${calm.threadId}`);
    await m.page.getByText('The tomatoes are in.').waitFor();
    await m.page.locator('[data-folded]').getByText('mentions a word you muted').waitFor();
    expect(await m.page.getByText('The hospital visit went badly today.').count()).toBe(0);
    expect(await seriousA11yProblems(m.page)).toEqual([]);
    await m.page.getByRole('button', { name: 'Show this post' }).click();
    await m.page.getByText('The hospital visit went badly today.').waitFor();
    await m.context.close();
  });

  it('a member takes a break: a gentle page with the crisis contacts, then they end it and the board is back', async () => {
    const c = await web.given.community();
    const member = await web.given.member(c);
    const m = await signedIn(web.browser, web.url, member);
    await m.page.getByRole('link', { name: 'For hard days' }).click();
    await m.page.getByRole('radio', { name: 'Three days' }).check();
    await m.page.getByRole('button', { name: 'Start my break' }).click();

    await m.page.getByRole('heading', { name: "You're taking a break", level: 1 }).waitFor();
    await m.page.getByText(/You're taking a break until/).waitFor();
    await m.page.getByText('Samaritans').waitFor();
    expect(await m.page.getByRole('link', { name: 'Boards' }).count()).toBe(0);
    expect(await seriousA11yProblems(m.page)).toEqual([]);

    // Every page of the community is the same gentle page, on any device, until the break ends.
    await m.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await m.page.getByRole('heading', { name: "You're taking a break", level: 1 }).waitFor();
    await m.page.goto(`/c/${c.id}`);
    await m.page.getByRole('button', { name: 'End my break now' }).click();
    await m.page.getByText('Welcome back.').waitFor();
    await m.page.getByRole('heading', { name: 'Boards' }).waitFor();
    expect(await seriousA11yProblems(m.page)).toEqual([]);
    await m.context.close();
  });
});
