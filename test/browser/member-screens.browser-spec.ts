import type { Page } from 'playwright-core';
import { ElectionsService } from '../../apps/gateway/src/governance/elections.service';
import { TEST_PASSWORD, type GivenUser } from '../support/given';
import { signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/** Chat with the two-monitor rule, an election from nomination to result, and a paused member's page. */
describe('member screens in real browsers', () => {
  const web = useBrowserApp();

  const named = async (user: GivenUser, name: string) => {
    await web.db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [user.id, name]);
    return user;
  };
  const live = (page: Page) => page.locator('[data-connection="live"]').waitFor();

  it('a member asks to talk one-to-one; it opens when two Top 3 join as monitors, and a message reaches the other member live', async () => {
    const c = await web.given.community();
    await web.db.query(`UPDATE communities SET chat_delay_seconds = 3 WHERE id = $1`, [c.id]);
    const [ann, bea, tom, uma] = await Promise.all([
      web.given.member(c).then((u) => named(u, 'Ann')),
      web.given.member(c).then((u) => named(u, 'Bea')),
      web.given.top3(c).then((u) => named(u, 'Tom')),
      web.given.top3(c).then((u) => named(u, 'Uma')),
    ]);
    const [a, b, t1, t2] = await Promise.all([ann, bea, tom, uma].map((u) => signedIn(web.browser, web.url, u)));

    // Uma waits on the chat page, where nobody is asking yet; Tom is reading the boards.
    await t2.page.goto(`/c/${c.id}/chat`);
    await t2.page.getByText('Nobody is waiting.').waitFor();
    await live(t2.page);
    await t1.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await t1.page.getByRole('heading', { name: 'Threads' }).waitFor();
    await live(t1.page);

    // Ann asks to talk with Bea, with the two-monitor rule explained before she does.
    await a.page.goto(`/c/${c.id}/chat`);
    await a.page.getByText('only opens while two of the Top 3 are there with you').waitFor();
    await a.page.getByLabel('Who would you like to talk with?').selectOption({ label: 'Bea' });
    await a.page.getByRole('button', { name: 'Ask to talk' }).click();
    await a.page.getByRole('heading', { name: 'Ann and Bea' }).waitFor();
    await a.page
      .locator('[data-direct-state]', { hasText: 'Waiting for two Top 3 members to join (none yet)' })
      .waitFor();
    expect(await a.page.getByLabel('Your message').count()).toBe(0);

    // Bea finds it among her conversations.
    await b.page.goto(`/c/${c.id}/chat`);
    await b.page.getByRole('link', { name: 'Ann and Bea' }).click();
    await b.page.getByRole('heading', { name: 'Ann and Bea' }).waitFor();
    await live(b.page);

    // The request reaches both Top 3 live: Tom's nav says someone is waiting; Tom joins, then Uma.
    await t2.page.getByRole('button', { name: 'Join Ann and Bea as a monitor' }).waitFor();
    await t1.page.getByRole('link', { name: 'Chat (1 waiting)' }).click();
    await t1.page.getByRole('button', { name: 'Join Ann and Bea as a monitor' }).click();
    await t1.page.getByRole('heading', { name: 'Ann and Bea' }).waitFor();
    await a.page.locator('[data-direct-state]', { hasText: 'one so far' }).waitFor();
    await t2.page.getByText('Waiting for one more Top 3 member (Tom is there).').waitFor();
    await t2.page.getByRole('button', { name: 'Join Ann and Bea as a monitor' }).click();
    await t2.page.getByRole('heading', { name: 'Ann and Bea' }).waitFor();
    await t1.page.getByRole('link', { name: 'Chat', exact: true }).waitFor();

    // Open for both members, who see who is monitoring.
    for (const m of [a, b]) {
      await m.page.locator('[data-direct-state]', { hasText: 'Open: two Top 3 members are with you.' }).waitFor();
      await m.page.getByText('Top 3 with you: Tom and Uma.').waitFor();
    }
    await b.page.getByLabel('Your message').waitFor();

    // Ann writes; Bea sees her typing, then the message after the short chat delay, without a reload.
    await a.page.getByText('appears for everyone about 3 seconds after you send it').waitFor();
    await a.page.getByLabel('Your message').fill('Hi Bea, are you around on Sunday?');
    await b.page.getByText('Ann is typing…').waitFor();
    await a.page.getByRole('button', { name: 'Send' }).click();
    await a.page.getByText('On its way:').waitFor();
    const log = b.page.getByRole('log', { name: 'Messages' });
    await log.getByText('Hi Bea, are you around on Sunday?').waitFor({ timeout: 30_000 });
    await t1.page.getByRole('log').getByText('Hi Bea, are you around on Sunday?').waitFor({ timeout: 30_000 });
    await a.page.getByRole('log').getByText('Hi Bea, are you around on Sunday?').waitFor();
    expect(await a.page.getByText('On its way:').count()).toBe(0);
    // Everyone in the room shows in who is here.
    await b.page.locator('[data-here]', { hasText: 'Ann, Bea, Tom, Uma' }).waitFor({ timeout: 15_000 });

    // Uma stops monitoring: it pauses for the members at once.
    await t2.page.getByRole('button', { name: 'Stop monitoring' }).click();
    await b.page.locator('[data-direct-state]', { hasText: 'one so far' }).waitFor();
    expect(await b.page.getByLabel('Your message').count()).toBe(0);

    // Tom ends it.
    await t1.page.getByRole('button', { name: 'End this conversation' }).click();
    await a.page.getByText('This conversation has ended. The community chat room is always open.').first().waitFor();

    for (const x of [a, b, t1, t2]) await x.context.close();
  });

  it('a member nominates herself and another, the other accepts, she votes, and sees the result when it closes', async () => {
    const c = await web.given.community();
    const [staff, ann, bea] = await Promise.all([
      web.given.staff(c),
      web.given.member(c).then((u) => named(u, 'Ann')),
      web.given.member(c).then((u) => named(u, 'Bea')),
    ]);

    // Staff open the election on the page.
    const s = await signedIn(web.browser, web.url, staff);
    await s.page.goto(`/c/${c.id}/elections`);
    await s.page.getByText('There are no elections at the moment.').waitFor();
    const local = (ms: number) => {
      const d = new Date(Date.now() + ms);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    await s.page.getByLabel('Nominations close').fill(local(2 * 3_600_000));
    await s.page.getByLabel('Voting closes').fill(local(4 * 3_600_000));
    await s.page.getByRole('button', { name: 'Open the election' }).click();
    await s.page.getByRole('heading', { name: 'Election for all three Top 3 seats' }).waitFor();
    expect(await s.page.getByRole('button', { name: 'Nominate' }).count()).toBe(0);
    const [{ id: eid }] = await web.db.query<{ id: string }[]>(`SELECT id FROM elections WHERE community_id = $1`, [
      c.id,
    ]);

    // Ann stands herself, then nominates Bea.
    const a = await signedIn(web.browser, web.url, ann);
    await a.page.goto(`/c/${c.id}/elections`);
    await a.page.getByText('Nominations are open until').waitFor();
    await a.page.getByLabel('Who would you like to nominate?').selectOption({ label: 'Myself' });
    await a.page.getByRole('button', { name: 'Nominate' }).click();
    await a.page.locator('[data-candidate="Ann"]', { hasText: '(standing)' }).waitFor();
    await a.page.getByLabel('Who would you like to nominate?').selectOption({ label: 'Bea' });
    await a.page.getByRole('button', { name: 'Nominate' }).click();
    await a.page.locator('[data-candidate="Bea"]', { hasText: 'not yet said yes' }).waitFor();

    // Bea is asked, and says yes.
    const b = await signedIn(web.browser, web.url, bea);
    await b.page.goto(`/c/${c.id}/elections`);
    await b.page.getByText('Someone has nominated you.').waitFor();
    await b.page.getByRole('button', { name: "Yes, I'll stand" }).click();
    await b.page.locator('[data-candidate="Bea"]', { hasText: '(standing)' }).waitFor();

    // Nominations close (the test moves the clock, never waits); Ann votes once, in secret.
    await web.db.query(`UPDATE elections SET nominations_close_at = now() - interval '1 second' WHERE id = $1`, [eid]);
    await a.page.reload();
    await a.page.getByText('Voting is open until').waitFor();
    await a.page.getByRole('checkbox', { name: 'Ann' }).check();
    await a.page.getByRole('checkbox', { name: 'Bea' }).check();
    await a.page.getByRole('button', { name: 'Cast my vote' }).click();
    await a.page.getByText('You have voted. Thank you.').waitFor();
    expect(await a.page.getByRole('button', { name: 'Cast my vote' }).count()).toBe(0);

    // Voting closes and the board counts; Ann sees the result with the votes.
    await web.db.query(`UPDATE elections SET voting_close_at = now() - interval '1 second' WHERE id = $1`, [eid]);
    await web.gateway.app.get(ElectionsService).count(eid);
    await a.page.reload();
    const result = a.page.locator('[data-result]');
    await result.getByText('Elected:').waitFor();
    // Level on one vote each, so the order between them is the stated lot's.
    const elected = (await result.locator('strong').first().textContent())?.split(', ').sort();
    expect(elected).toEqual(['Ann', 'Bea']);
    await result.getByRole('cell', { name: 'Bea' }).waitFor();
    expect(await result.getByText('Votes from 1 ballot').count()).toBe(1);

    for (const x of [s, a, b]) await x.context.close();
  });

  it('a member whose access is paused sees the date, that they still belong, and how to reach outreach — not a broken board', async () => {
    const c = await web.given.community('Riverside group');
    const outreach = 'Call Jo on 0161 496 0000, weekdays 10 to 4.';
    await web.db.query(`UPDATE communities SET outreach_contact = $2 WHERE id = $1`, [c.id, outreach]);
    const until = new Date(Date.now() + 60 * 86_400_000);
    const paused = await web.given.suspended(c, until);
    const res = await fetch(`${web.url}/api/me`, { headers: { authorization: `Bearer ${paused.token}` } });
    expect(((await res.json()) as { memberships: unknown[] }).memberships[0]).toMatchObject({
      status: 'suspended',
      outreachContact: outreach,
    });

    const p = await signedIn(web.browser, web.url, paused);
    await p.page.getByRole('heading', { name: 'Your place in Riverside group' }).waitFor();
    await p.page.getByText('Your access is paused for now').waitFor();
    expect(await p.page.locator('[data-suspended-until]').textContent()).toBe(
      until.toLocaleDateString('en-GB', { dateStyle: 'long' }),
    );
    await p.page.getByText('You are still part of Riverside group.').waitFor();
    expect(await p.page.locator('[data-outreach]').textContent()).toBe(outreach);
    // Nothing that reads as broken or offline, and the way to help is still there.
    expect(await p.page.getByText("We couldn't open that").count()).toBe(0);
    expect(await p.page.locator('[data-connection]').count()).toBe(0);
    await p.page.getByRole('link', { name: 'Need help now?' }).waitFor();

    // They can still see and sign out their other devices.
    await p.page.locator('[data-device="this"]').waitFor();
    expect(await p.page.locator('[data-device="other"]').count()).toBe(1);
    await p.page.getByRole('button', { name: /^Sign out A device/ }).click();
    await p.page.locator('[data-device="other"]').waitFor({ state: 'detached' });
    const other = await fetch(`${web.url}/api/me`, { headers: { authorization: `Bearer ${paused.token}` } });
    expect(other.status).toBe(401);

    // The same page on a direct link into the community.
    await p.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await p.page.locator('[data-membership-status="suspended"]').waitFor();
    await p.context.close();
  });

  it('a member on the board when their access is paused is shown their place, still signed in, not an error', async () => {
    const c = await web.given.community('Hillside group');
    const [staff, member] = await Promise.all([web.given.staff(c), web.given.member(c)]);
    const m = await signedIn(web.browser, web.url, member);
    await m.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await m.page.getByRole('heading', { name: 'Threads' }).waitFor();
    await live(m.page);

    // Three sessions without contact, recorded by staff: the sweep pauses access and closes sockets.
    const api = (method: string, path: string, body: object) =>
      fetch(`${web.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
    for (let i = 0; i < 3; i++) {
      const made = await api('POST', `/communities/${c.id}/sessions`, {
        startsAt: new Date(Date.UTC(2026, 0, 6 + i * 3, 10)).toISOString(),
      });
      await api('PUT', `/sessions/${made.items[0].id}/attendance`, {
        records: [{ userId: member.id, mark: 'no-contact' }],
      });
    }

    await m.page.getByRole('heading', { name: 'Your place in Hillside group' }).waitFor();
    await m.page.locator('[data-suspended-until]').waitFor();
    expect(await m.page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    expect(await m.page.getByRole('link', { name: 'Boards' }).count()).toBe(0);
    expect(await m.page.locator('[data-connection]').count()).toBe(0);
    await m.context.close();
  });

  it('signing out leaves for the sign-in page, and the next person on the device starts with their own settings', async () => {
    const c = await web.given.community();
    const [first, next, writer] = await Promise.all([web.given.member(c), web.given.member(c), web.given.member(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const started = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Garden update', body: 'The tomatoes are in.' }),
    });
    expect(started.ok).toBe(true);
    const muted = await fetch(`${web.url}/api/me/muted-words`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ words: ['garden'] }),
    });
    expect(muted.ok).toBe(true);

    const s = await signedIn(web.browser, web.url, first);
    await s.page.goto(`/c/${c.id}/boards/${c.boards.community}`);
    await s.page.getByRole('button', { name: 'Show this thread' }).waitFor();
    await s.page.getByRole('button', { name: 'Sign out' }).click();
    await s.page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await s.page.getByText('You have signed out. Take care.').waitFor();

    // Someone else signs in on the same page: nothing of the first person's settings comes with it.
    await s.page.getByLabel('Username').fill(next.username);
    await s.page.getByLabel('Password').fill(TEST_PASSWORD);
    await s.page.getByRole('button', { name: 'Sign in' }).click();
    await s.page.waitForURL(/\/boards\//);
    await s.page.getByRole('link', { name: 'Garden update' }).waitFor();
    expect(await s.page.getByRole('button', { name: 'Show this thread' }).count()).toBe(0);
    await s.context.close();
  });
});
