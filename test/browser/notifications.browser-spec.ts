import { until } from '../support/sockets';
import { seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

describe('notifications in real browsers', () => {
  const web = useBrowserApp();

  it('a Top 3 member sees the count rise live, opens the notification to the review list, and it is read', async () => {
    const c = await web.given.community();
    const [author, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 1 WHERE id = $1`, [c.id]);

    const { context, page } = await signedIn(web.browser, web.url, top);
    await page.getByRole('link', { name: 'Notifications', exact: true }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText('Nothing new for you just now.').waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tonight', body: HARM }),
    });
    expect(res.status).toBe(202);

    // The nav count and the list update by themselves; neither shows the post or its author.
    await page.getByRole('link', { name: 'Notifications (1 new)' }).waitFor();
    const item = page.getByRole('link', { name: /Urgent: Something on the board needs a Top 3 member now/ });
    await item.waitFor();
    expect(await page.getByText('tonight', { exact: false }).count()).toBe(0);
    expect(await seriousA11yProblems(page)).toEqual([]);

    await item.click();
    await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await context.close();
  });

  it('the app icon badge says how many are unread, only a number, and clears once they are read', async () => {
    const c = await web.given.community();
    const [author, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    const { context, page } = await signedIn(web.browser, web.url, top);
    // Headless Chromium keeps no icon to badge: record what the app asks of the Badging API instead.
    await context.addInitScript(`
      globalThis.__badge = [];
      Object.defineProperty(Navigator.prototype, 'setAppBadge', { configurable: true,
        value: (n) => { globalThis.__badge.push(n === undefined ? 'dot' : n); return Promise.resolve(); } });
      Object.defineProperty(Navigator.prototype, 'clearAppBadge', { configurable: true,
        value: () => { globalThis.__badge.push(0); return Promise.resolve(); } });
    `);
    await page.goto(`/c/${c.id}/notifications`);
    await page.getByText('Nothing new for you just now.').waitFor();
    const badge = () => page.evaluate<(number | string)[]>('globalThis.__badge');
    await until(async () => (await badge()).length > 0);
    expect((await badge()).at(-1)).toBe(0);

    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tonight', body: HARM }),
    });
    expect(res.status).toBe(202);
    await until(async () => (await badge()).at(-1) === 1);

    await page.getByRole('link', { name: /Urgent: Something on the board needs a Top 3 member now/ }).click();
    await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    await until(async () => (await badge()).at(-1) === 0);
    expect((await badge()).every((n) => typeof n === 'number')).toBe(true);
    await context.close();
  });

  it('settings: email, quiet hours and time zone are saved, with a clear word when something is wrong', async () => {
    const c = await web.given.community();
    const member = await web.given.member(c);
    const { context, page } = await signedIn(web.browser, web.url, member);
    await page.goto(`/c/${c.id}/notifications`);
    await page.getByRole('heading', { name: 'How you are told' }).waitFor();
    // This test gateway has no SMTP server: the page says so instead of offering email.
    await page.getByText('This board has no email set up yet, so notifications come here only.').waitFor();
    await page.getByLabel('Quiet hours: hold emails until they end').check();
    await page.getByLabel('Your time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'We do not know that time zone' }).waitFor();
    await page.getByLabel('Your time zone').fill('Europe/London');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    const [row] = await web.db.query<{ quiet_from: string; quiet_until: string }[]>(
      `SELECT quiet_from::text, quiet_until::text FROM notification_settings WHERE user_id = $1`,
      [member.id],
    );
    expect(row).toEqual({ quiet_from: '22:00:00', quiet_until: '07:00:00' });
    await context.close();
  });
});
