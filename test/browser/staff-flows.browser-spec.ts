import { readFileSync } from 'node:fs';
import type { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import type { GivenUser } from '../support/given';
import { signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

describe('the Top 3 and staff in real browsers', () => {
  const web = useBrowserApp();

  /** A member's entry that the guidelines hold for the Top 3: it is in the log word for word. */
  async function heldEntry(c: ProvisionedCommunity, member: GivenUser, body: string): Promise<string> {
    const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tonight', body }),
    });
    const sent = (await res.json()) as { post: { id: string; status: string } };
    expect(sent.post.status).toBe('held');
    return sent.post.id;
  }

  it('a Top 3 member reports a significant event; a staff browser already open gets it live and acknowledges it', async () => {
    const c = await web.given.community();
    const [member, top, staffer] = await Promise.all([web.given.member(c), web.given.top3(c), web.given.staff(c)]);
    const words = 'I am going to kill myself tonight.';
    const postId = await heldEntry(c, member, words);
    const s = await signedIn(web.browser, web.url, staffer);
    const top3 = await signedIn(web.browser, web.url, top);

    await s.page.getByRole('heading', { name: 'Boards' }).waitFor();
    await s.page.locator('[data-connection="live"]').waitFor();

    await top3.page.getByRole('link', { name: 'Top 3 pages' }).click();
    await top3.page.getByRole('link', { name: 'Significant events' }).click();
    await top3.page.getByLabel('What happened').fill('A member wrote about ending their life. We phoned them.');
    await top3.page.getByRole('checkbox', { name: /going to kill myself tonight/ }).check();
    await top3.page.getByRole('button', { name: 'Send to the staff team' }).click();
    await top3.page.getByText('Sent. The staff team has been told').waitFor();

    // Wherever staff are, the nav tells them, without a reload.
    await s.page.getByRole('link', { name: 'Reports (1 new)' }).click();
    const report = s.page.locator('[data-report-id]', { hasText: 'We phoned them.' });
    await report.getByText('It concerns 1 entry on the board.').waitFor();
    await s.page.getByRole('link', { name: 'Reports', exact: true }).waitFor();

    // With the reports page open, the next one appears on it by itself.
    await top3.page.getByLabel('What happened').fill('Two members argued on the board; we have talked to both.');
    await top3.page.getByRole('button', { name: 'Send to the staff team' }).click();
    const second = s.page.locator('[data-report-id]', { hasText: 'we have talked to both' });
    await second.waitFor();
    await s.page.getByText(/A new report from .* has just arrived/).waitFor();
    await s.page.getByText('2 waiting to be acknowledged.').waitFor();

    await report.getByRole('button', { name: /Acknowledge the report/ }).click();
    await report.getByText(/Acknowledged by /).waitFor();
    await second.getByRole('button', { name: /Acknowledge the report/ }).click();
    await second.getByText(/Acknowledged by /).waitFor();
    await s.page.getByText('Every report has been seen.').waitFor();

    const stored = await web.db.query<{ post_ids: string[]; acknowledged_by: string }[]>(
      `SELECT post_ids, acknowledged_by FROM significant_events WHERE community_id = $1 ORDER BY created_at`,
      [c.id],
    );
    expect(stored).toEqual([
      { post_ids: [postId], acknowledged_by: staffer.id },
      { post_ids: [], acknowledged_by: staffer.id },
    ]);

    // The Top 3 see that it was acknowledged.
    await top3.page.reload();
    await top3.page
      .locator('[data-report-id]')
      .first()
      .getByText(/Acknowledged by /)
      .waitFor();
    expect(await top3.page.getByText(/Acknowledged by /).count()).toBe(2);
    await s.context.close();
    await top3.context.close();
  });

  it('a Top 3 member opens a meeting whose pack shows an entry marked for it, records an outcome, and the pack keeps it', async () => {
    const c = await web.given.community();
    const [member, top, staffer] = await Promise.all([web.given.member(c), web.given.top3(c), web.given.staff(c)]);
    const words = 'I want to hurt myself again tonight.';
    await heldEntry(c, member, words);
    const top3 = await signedIn(web.browser, web.url, top);

    // Marked for the meeting from the log page.
    await top3.page.getByRole('link', { name: 'Log' }).click();
    const record = top3.page.locator('[data-log-action="hold"]');
    await record.getByRole('button', { name: 'Bring to the meeting' }).click();
    await top3.page.locator('[data-log-action="mark-for-meeting"]').waitFor();

    await top3.page.getByRole('link', { name: 'Top 3 pages' }).click();
    await top3.page.getByRole('link', { name: 'Community meetings' }).click();
    await top3.page.getByLabel(/Name of the meeting/).fill('December meeting');
    await top3.page.getByRole('button', { name: 'Open the meeting' }).click();
    await top3.page.getByRole('heading', { name: 'December meeting', level: 1 }).waitFor();

    const item = top3.page.locator('[data-log-action="hold"]');
    expect(await item.locator('blockquote.verbatim').textContent()).toBe(words);
    const decided = 'We agreed to check in with them every day this week.';
    await item.getByLabel('What the meeting decided').fill(decided);
    await item.getByRole('button', { name: 'Save the outcome' }).click();
    await item.getByText('Saved. The pack and the log keep it.').waitFor();

    // After a reload the pack still has it.
    await top3.page.reload();
    await top3.page.locator('[data-log-action="hold"]').getByLabel('What the meeting decided').waitFor();
    expect(
      await top3.page.locator('[data-log-action="hold"]').getByLabel('What the meeting decided').inputValue(),
    ).toBe(decided);

    // The printable pack opens in its own tab, with the outcome.
    const [printable] = await Promise.all([
      top3.context.waitForEvent('page'),
      top3.page.getByRole('link', { name: /Printable pack/ }).click(),
    ]);
    await printable.waitForLoadState();
    const printed = await printable.locator('body').innerText();
    expect(printed).toContain('December meeting');
    expect(printed).toContain(words);
    expect(printed).toContain(decided);

    // And as Markdown, downloaded from the page.
    const [download] = await Promise.all([
      top3.page.waitForEvent('download'),
      top3.page.getByRole('button', { name: 'Download as Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('December meeting.md');
    const markdown = readFileSync(await download.path(), 'utf8');
    expect(markdown).toContain('# December meeting');
    expect(markdown).toContain(`> ${words}`);
    expect(markdown).toContain(`Outcome: ${decided}`);

    // Staff read the same pack, outcome included, and cannot change it.
    const s = await signedIn(web.browser, web.url, staffer);
    await s.page.getByRole('link', { name: 'Staff pages' }).click();
    await s.page.getByRole('link', { name: 'Community meetings' }).click();
    await s.page.getByRole('link', { name: 'December meeting' }).click();
    await s.page.locator('[data-log-action="hold"] [data-outcome]').getByText(decided).waitFor();
    expect(await s.page.getByLabel('What the meeting decided').count()).toBe(0);
    await top3.context.close();
    await s.context.close();
  });

  it('staff add a session and record attendance for each member', async () => {
    const c = await web.given.community();
    const [alex, sam, staffer] = await Promise.all([web.given.member(c), web.given.member(c), web.given.staff(c)]);
    const s = await signedIn(web.browser, web.url, staffer);

    await s.page.getByRole('link', { name: 'Sessions' }).click();
    await s.page.getByRole('heading', { name: 'Sessions and attendance' }).waitFor();
    await s.page.getByLabel('Name (you can leave this empty)').fill('Monday group');
    await s.page.getByLabel('Date and time').fill('2026-11-30T10:00');
    await s.page.getByRole('button', { name: 'Add the session' }).click();
    await s.page.getByText('Added. It is in the list below.').waitFor();
    await s.page.getByRole('link', { name: /Monday group/ }).click();

    const alexMarks = s.page.getByRole('group', { name: alex.username });
    const samMarks = s.page.getByRole('group', { name: sam.username });
    await alexMarks.getByLabel('Came').check();
    await samMarks.getByLabel('Didn’t come, got in touch').check();
    await s.page.getByRole('button', { name: 'Save attendance' }).click();
    await s.page.getByText('Attendance saved.').waitFor();

    const rows = await web.db.query<{ user_id: string; mark: string }[]>(
      `SELECT a.user_id, a.mark FROM attendance a JOIN community_sessions cs ON cs.id = a.session_id
        WHERE cs.community_id = $1 ORDER BY a.mark`,
      [c.id],
    );
    expect(rows).toEqual([
      { user_id: alex.id, mark: 'attended' },
      { user_id: sam.id, mark: 'contact' },
    ]);

    // A mark can be corrected, and the page shows what is recorded.
    await s.page.reload();
    expect(await s.page.getByRole('group', { name: alex.username }).getByLabel('Came').isChecked()).toBe(true);
    await s.page.getByRole('group', { name: sam.username }).getByLabel('Came').check();
    await s.page.getByRole('button', { name: 'Save attendance' }).click();
    await s.page.getByText('Attendance saved.').waitFor();
    const [samNow] = await web.db.query<{ mark: string }[]>(`SELECT mark FROM attendance WHERE user_id = $1`, [sam.id]);
    expect(samNow.mark).toBe('attended');
    await s.context.close();
  });

  it('staff ask to read a board; it opens only when a second Top 3 member agrees', async () => {
    const c = await web.given.community();
    const [t1, t2, staffer] = await Promise.all([web.given.top3(c), web.given.top3(c), web.given.staff(c)]);
    const s = await signedIn(web.browser, web.url, staffer);
    await s.page.getByRole('link', { name: 'Staff pages' }).click();
    await s.page.getByRole('link', { name: 'Staff access to boards' }).click();
    await s.page.getByLabel('Why you would like to read it').fill('The community asked us to help with a thread.');
    await s.page.getByLabel('For how long').selectOption({ label: '1 day' });
    await s.page.getByRole('button', { name: 'Ask the Top 3' }).click();
    await s.page.getByText('Asked. The Top 3 will see your request').waitFor();
    await s.page.getByText('Waiting: two Top 3 members need to agree.').waitFor();

    for (const [i, who] of [t1, t2].entries()) {
      const top3 = await signedIn(web.browser, web.url, who);
      await top3.page.goto(`/c/${c.id}/access`);
      const card = top3.page.locator('[data-request-id]');
      await card.getByText('The community asked us to help with a thread.').waitFor();
      await card.getByRole('button', { name: /^Agree to / }).click();
      if (i === 0) await card.getByText('You have agreed. It needs one more Top 3 member.').waitFor();
      else
        await top3.page
          .locator('[data-status="granted"]')
          .getByText(/^Open until /)
          .waitFor();
      await top3.context.close();
    }

    await s.page.reload();
    await s.page
      .locator('[data-status="granted"]')
      .getByText(/^Open until /)
      .waitFor();
    // And the board opens for them.
    await s.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await s.page.getByRole('heading', { name: 'Threads' }).waitFor();
    await s.context.close();
  });

  it('staff change, add and remove information pages, and members see the change', async () => {
    const c = await web.given.community();
    const [member, staffer] = await Promise.all([web.given.member(c), web.given.staff(c)]);
    const s = await signedIn(web.browser, web.url, staffer);
    await s.page.goto(`/c/${c.id}/boards/${c.boards.info}`);

    const form = s.page.getByRole('form', { name: 'Add a page' });
    await form.getByLabel('Title').fill('Local services');
    expect(await form.getByLabel(/Address name/).inputValue()).toBe('local-services');
    await form.getByLabel('Text').fill('The *drop-in* is open on Wednesdays.');
    await form.getByRole('button', { name: 'Add the page' }).click();
    const page = s.page.locator('[data-page="local-services"]');
    await page.locator('em', { hasText: 'drop-in' }).waitFor();

    await page.getByRole('button', { name: 'Change “Local services”' }).click();
    await page.getByLabel('Text').fill('The drop-in is open on Wednesdays and Fridays.');
    await page.getByRole('button', { name: 'Save the page' }).click();
    await page.getByText('open on Wednesdays and Fridays').waitFor();

    const m = await signedIn(web.browser, web.url, member);
    await m.page.goto(`/c/${c.id}/boards/${c.boards.info}`);
    await m.page.getByText('open on Wednesdays and Fridays').waitFor();
    expect(await m.page.getByRole('button', { name: /^Change “/ }).count()).toBe(0);
    expect(await m.page.getByRole('heading', { name: 'Add a page' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Change “Local services”' }).click();
    await page.getByRole('button', { name: 'Remove this page' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.waitFor({ state: 'detached' });
    await m.page.reload();
    await m.page.getByRole('heading', { name: 'Need help now?', level: 2 }).waitFor();
    expect(await m.page.getByText('open on Wednesdays and Fridays').count()).toBe(0);
    await s.context.close();
    await m.context.close();
  });

  it('staff admit a new member, end a pause early, and record that someone has left', async () => {
    const c = await web.given.community();
    const [staffer, paused, leaving] = await Promise.all([
      web.given.staff(c),
      web.given.member(c),
      web.given.member(c),
    ]);
    // Paused the way it really happens: no contact for the community's number of sessions in a row.
    const staffCall = async (method: string, path: string, body: object) => {
      const res = await fetch(`${web.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${staffer.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.ok).toBe(true);
      return res.json() as Promise<{ items: { id: string }[] }>;
    };
    for (const daysAgo of [3, 2, 1]) {
      const startsAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
      const session = await staffCall('POST', `/communities/${c.id}/sessions`, { startsAt });
      await staffCall('PUT', `/sessions/${session.items[0].id}/attendance`, {
        records: [{ userId: paused.id, mark: 'no-contact' }],
      });
    }
    const s = await signedIn(web.browser, web.url, staffer);
    await s.page.getByRole('link', { name: 'Staff pages' }).click();
    await s.page.getByRole('link', { name: 'People' }).click();

    const username = `new-${Date.now().toString(36)}`;
    await s.page.getByLabel('Username').fill(username);
    await s.page.getByLabel('Name others see (new accounts only)').fill('Robin');
    await s.page.getByLabel('First password (new accounts only)').fill('a-first-password-1');
    await s.page.getByRole('button', { name: 'Add to the community' }).click();
    await s.page.getByText('Robin is now part of the community.').waitFor();
    await s.page.locator(`[data-member="${username}"]`).waitFor();

    const pausedCard = s.page.locator(`[data-member="${paused.username}"]`);
    await pausedCard.getByText(/paused until/).waitFor();
    await pausedCard.getByRole('button', { name: /End the pause for/ }).click();
    await pausedCard.getByText(/^Joined /).waitFor();

    const leavingCard = s.page.locator(`[data-member="${leaving.username}"]`);
    await leavingCard.getByRole('button', { name: /has left the community/ }).click();
    await leavingCard.getByRole('button', { name: 'Yes, they have left' }).click();
    await leavingCard.waitFor({ state: 'detached' });

    const rows = await web.db.query<{ user_id: string; status: string }[]>(
      `SELECT user_id, status FROM memberships WHERE community_id = $1 AND user_id = ANY($2::uuid[])`,
      [c.id, [paused.id, leaving.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.user_id, r.status]))).toEqual({
      [paused.id]: 'active',
      [leaving.id]: 'left',
    });
    await s.context.close();
  });
});
