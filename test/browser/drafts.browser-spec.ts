import { Posting } from '../support/posts';
import { PHONE, seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/** Words being written are kept on the server too: another device finds them waiting. */
describe('drafts kept on the server, in real browsers', () => {
  const web = useBrowserApp();

  it('a reply started on one device is waiting on another, and goes once it is sent', async () => {
    const c = await web.given.community();
    const [author, member] = await Promise.all([web.given.member(c), web.given.member(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const { threadId } = await new Posting(web.url, web.db).publishedThread(
      author,
      c.boards.community,
      'Long Sundays',
      'Does anyone else find Sundays long?',
    );
    const words = 'Sundays are long for me too. I go for a walk by the canal, even a short one.';

    const phone = await signedIn(web.browser, web.url, member, PHONE);
    await phone.page.goto(`/c/${c.id}/threads/${threadId}`);
    let saves = 0;
    phone.page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/me/drafts/')) saves += 1;
    });
    const saved = phone.page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().includes(`/api/me/drafts/thread:${threadId}`),
    );
    await phone.page.getByLabel('Your reply').pressSequentially(words.slice(0, 20));
    await phone.page.getByLabel('Your reply').fill(words);
    expect((await saved).status()).toBe(200);
    // One save a short while after typing stopped, not one a keystroke.
    expect(saves).toBe(1);
    const [draft] = await web.db.query<{ body: string }[]>(`SELECT body FROM drafts WHERE user_id = $1`, [member.id]);
    expect(draft.body).toBe(words);
    await phone.context.close();

    // Another device: a new browser, signed in afresh, with nothing in its session storage.
    const desk = await signedIn(web.browser, web.url, member);
    await desk.page.goto(`/c/${c.id}/threads/${threadId}`);
    const reply = desk.page.getByLabel('Your reply');
    // The composer opens, then fills with the server's draft.
    for (let i = 0; i < 100 && (await reply.inputValue()) !== words; i++) await desk.page.waitForTimeout(100);
    expect(await reply.inputValue()).toBe(words);
    expect(await seriousA11yProblems(desk.page)).toEqual([]);

    const gone = desk.page.waitForResponse(
      (r) => r.request().method() === 'DELETE' && r.url().includes(`/api/me/drafts/thread:${threadId}`),
    );
    await desk.page.getByRole('button', { name: 'Send reply' }).click();
    expect((await gone).status()).toBe(204);
    expect(await reply.inputValue()).toBe('');
    const left = await web.db.query(`SELECT 1 FROM drafts WHERE user_id = $1`, [member.id]);
    expect(left).toEqual([]);
    await desk.context.close();
  });

  it('words typed just before the tab is closed are saved as it closes', async () => {
    const c = await web.given.community();
    const [author, member] = await Promise.all([web.given.member(c), web.given.member(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const { threadId } = await new Posting(web.url, web.db).publishedThread(author, c.boards.community, 'Tuesdays');
    const words = 'I was going to say something about Tuesdays, and then the bus came.';
    const phone = await signedIn(web.browser, web.url, member, PHONE);
    await phone.page.goto(`/c/${c.id}/threads/${threadId}`);
    await phone.page.getByLabel('Your reply').fill(words);
    // Closed at once: well before the pause after which a draft is saved while the page is open.
    await phone.page.close({ runBeforeUnload: true });
    let saved: { body: string }[] = [];
    for (let i = 0; i < 50 && saved.length === 0; i++) {
      saved = await web.db.query<{ body: string }[]>(`SELECT body FROM drafts WHERE user_id = $1`, [member.id]);
      if (saved.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(saved).toEqual([{ body: words }]);
    await phone.context.close();
  });
});
