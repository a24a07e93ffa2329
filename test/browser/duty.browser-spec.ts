import { seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

describe('duty: the rota and the ladder, in real browsers', () => {
  const web = useBrowserApp();

  it('a Top 3 member puts themselves on duty and sets the on-call contact; members see who is on duty', async () => {
    const c = await web.given.community();
    const [top, member] = await Promise.all([web.given.top3(c), web.given.member(c)]);
    const topName = (
      await web.db.query<{ display_name: string }[]>(`SELECT display_name FROM users WHERE id = $1`, [top.id])
    )[0].display_name;

    const t = await signedIn(web.browser, web.url, top);
    await t.page.getByRole('link', { name: 'Duty' }).click();
    await t.page.getByRole('heading', { name: 'Duty', level: 1 }).waitFor();
    await t.page.getByText('Nobody is on duty now. No shift is on the rota yet.').waitFor();
    await t.page.locator('[data-no-on-call]').waitFor();
    expect(await seriousA11yProblems(t.page)).toEqual([]);

    // A shift from a minute ago for four hours, in the browser's own time.
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = (d: Date) =>
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    await t.page.getByLabel('From').fill(local(new Date(Date.now() - 60_000)));
    await t.page.getByLabel('Until').fill(local(new Date(Date.now() + 4 * 3_600_000)));
    await t.page.getByRole('button', { name: 'Add the shift' }).click();
    await t.page.getByText(`On duty now: ${topName}.`).waitFor();

    await t.page.getByLabel("On-call contact's email").fill('on-call@example.org');
    await t.page.getByRole('button', { name: 'Save' }).click();
    await t.page.getByText('Saved.').waitFor();
    await t.page.locator('[data-no-on-call]').waitFor({ state: 'detached' });
    expect(await seriousA11yProblems(t.page)).toEqual([]);
    await t.context.close();

    const [row] = await web.db.query<{ on_call_email: string }[]>(
      `SELECT on_call_email FROM communities WHERE id = $1`,
      [c.id],
    );
    expect(row.on_call_email).toBe('on-call@example.org');

    // A member sees who is on duty, and nothing of the ladder's settings.
    const m = await signedIn(web.browser, web.url, member);
    await m.page.goto(`/c/${c.id}/duty`);
    await m.page.getByText(`On duty now: ${topName}.`).waitFor();
    expect(await m.page.getByLabel("On-call contact's email").count()).toBe(0);
    expect(await m.page.getByRole('button', { name: 'Add the shift' }).count()).toBe(0);
    await m.context.close();
  });
});
