import type { Page } from 'playwright-core';
import { Posting } from '../support/posts';
import { DESKTOP, PHONE, seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/** Supportive reactions, live between members' browsers: counts only, your own remembered. */
describe('supportive reactions, in real browsers', () => {
  const web = useBrowserApp();

  const reaction = (page: Page, postId: string, kind: string) =>
    page.locator(`[data-post-id="${postId}"] button[data-reaction="${kind}"]`);
  /** Waits until a post's reaction button (or, for the author, the quiet line) reads exactly so. */
  const reads = (page: Page, postId: string, selector: string, text: string) =>
    page
      .locator(`[data-post-id="${postId}"] ${selector}`, {
        hasText: new RegExp(`^${text.replace(/[.?*+]/g, '\\$&')}$`),
      })
      .waitFor();

  it('reactions live between two members, on a phone and a desktop, each keeping their own', async () => {
    const c = await web.given.community();
    const [author, first, second] = await Promise.all([web.given.member(c), web.given.member(c), web.given.member(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const { threadId, postId } = await new Posting(web.url, web.db).publishedThread(
      author,
      c.boards.community,
      'Rough night',
      "Couldn't sleep again. Just saying it somewhere.",
    );
    const [{ display_name: secondName }] = await web.db.query<{ display_name: string }[]>(
      `SELECT display_name FROM users WHERE id = $1`,
      [second.id],
    );

    const phone = await signedIn(web.browser, web.url, first, PHONE);
    const desk = await signedIn(web.browser, web.url, second, DESKTOP);
    const writer = await signedIn(web.browser, web.url, author, PHONE);
    for (const s of [phone, desk, writer]) {
      await s.page.goto(`/c/${c.id}/threads/${threadId}`);
      await s.page.locator('[data-connection="live"]').waitFor();
    }
    await reaction(phone.page, postId, 'hear-you').waitFor();
    await reaction(desk.page, postId, 'hear-you').waitFor();
    // No buttons on the author's own post.
    await writer.page.locator(`[data-post-id="${postId}"] .body`).waitFor();
    expect(await writer.page.locator(`[data-post-id="${postId}"] button[data-reaction]`).count()).toBe(0);

    await reaction(phone.page, postId, 'hear-you').click();
    await reads(phone.page, postId, '[data-reaction="hear-you"]', 'I hear you 1');
    expect(await reaction(phone.page, postId, 'hear-you').getAttribute('aria-pressed')).toBe('true');
    // Live on the other member's screen, and on the author's as a quiet count.
    await reads(desk.page, postId, '[data-reaction="hear-you"]', 'I hear you 1');
    expect(await reaction(desk.page, postId, 'hear-you').getAttribute('aria-pressed')).toBe('false');
    await reads(writer.page, postId, '[data-reactions]', 'I hear you: 1');

    await reaction(desk.page, postId, 'hear-you').click();
    await reads(desk.page, postId, '[data-reaction="hear-you"]', 'I hear you 2');
    await reaction(desk.page, postId, 'strength').click();
    await reads(phone.page, postId, '[data-reaction="strength"]', 'Sending strength 1');
    await reads(phone.page, postId, '[data-reaction="hear-you"]', 'I hear you 2');
    await reads(writer.page, postId, '[data-reactions]', 'I hear you: 2 · Sending strength: 1');

    // After a reload each member's own are still marked, and nobody's name is on the post.
    await phone.page.reload();
    await reads(phone.page, postId, '[data-reaction="hear-you"]', 'I hear you 2');
    expect(await reaction(phone.page, postId, 'hear-you').getAttribute('aria-pressed')).toBe('true');
    expect(await reaction(phone.page, postId, 'strength').getAttribute('aria-pressed')).toBe('false');
    expect(await phone.page.locator(`[data-post-id="${postId}"]`).textContent()).not.toContain(secondName);

    // Taking one back lowers the count for everyone.
    await phone.page.locator('[data-connection="live"]').waitFor();
    await reaction(phone.page, postId, 'hear-you').click();
    await reads(desk.page, postId, '[data-reaction="hear-you"]', 'I hear you 1');
    expect(await reaction(phone.page, postId, 'hear-you').getAttribute('aria-pressed')).toBe('false');

    const box = await reaction(phone.page, postId, 'thanks').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    for (const s of [phone, desk, writer]) expect(await seriousA11yProblems(s.page)).toEqual([]);
    for (const s of [phone, desk, writer]) await s.context.close();
  });
});
