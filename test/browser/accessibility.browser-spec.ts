import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import type { GivenUser } from '../support/given';
import { ElectionsService } from '../../apps/gateway/src/governance/elections.service';
import { connect } from '../support/sockets';
import { PAGES, type Seeded, type Who } from './accessibility.pages';
import { DESKTOP, PHONE, PHONE_DARK, seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

/** Set P2P_SCREENSHOTS=1 to write each page's picture to docs/screenshots (the README shows them). */
const SHOTS = process.env.P2P_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../docs/screenshots') : null;

describe('accessibility: every page of the web client', () => {
  const web = useBrowserApp();
  let seeded: Seeded;
  const people = {} as Record<Who, GivenUser>;

  beforeAll(async () => {
    const c = await web.given.community();
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    [people.member, people.top3, people.staff, people.suspended] = await Promise.all([
      web.given.member(c),
      web.given.top3(c),
      web.given.staff(c),
      web.given.suspended(c),
    ]);
    await web.db.query(`UPDATE communities SET chat_delay_seconds = 0, outreach_contact = $2 WHERE id = $1`, [
      c.id,
      'The outreach team: 0161 496 0000',
    ]);
    // Something on each page: a shared thread, and an entry held for review.
    const post = async (title: string, body: string) =>
      fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${people.member.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, body }),
      }).then((r) => r.json() as Promise<{ thread: { id: string } }>);
    const shared = await post('Sunday walk', 'Is anyone going to the *park* on Sunday?');
    await post('Tonight', 'I am going to kill myself tonight.');
    // And for the Top 3's and staff's pages: a report, a request, a meeting, a session.
    const postAs = async <T>(who: GivenUser, path: string, body: object): Promise<T> => {
      const res = await fetch(`${web.url}/api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    await postAs(people.top3, `/communities/${c.id}/significant-events`, { summary: 'A hard night for someone.' });
    await postAs(people.staff, `/communities/${c.id}/access-requests`, {
      boardId: c.boards.community,
      reason: 'The community asked us to help with a thread.',
      minutes: 60,
    });
    const meeting = await postAs<{ id: string }>(people.top3, `/communities/${c.id}/meetings`, {});
    const session = await postAs<{ items: { id: string }[] }>(people.staff, `/communities/${c.id}/sessions`, {
      startsAt: '2026-11-30T10:00:00.000Z',
    });
    // Chat: a message in the community room, and a one-to-one conversation waiting for monitors.
    const call = (who: GivenUser, method: string, url: string, body?: object) =>
      fetch(`${web.url}/api${url}`, {
        method,
        headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      }).then((r) => r.json() as Promise<Record<string, unknown> & { id: string }>);
    const rooms = (await call(people.member, 'GET', `/communities/${c.id}/chat/rooms`)) as unknown as {
      items: { id: string }[];
    };
    const chatRoom = rooms.items[0].id;
    const { socket } = await connect(web.url, { token: people.member.token });
    await (socket as unknown as Socket).timeout(5000).emitWithAck('chat.send', {
      roomId: chatRoom,
      body: 'Good morning, everyone',
      idempotencyKey: 'a11y-hello',
    });
    socket.close();
    const friend = await web.given.member(c);
    const direct = await call(people.member, 'POST', `/communities/${c.id}/chat/direct`, { withUserId: friend.id });
    // Elections: one counted (a result to read), and one taking nominations with the member nominated.
    // By-elections, so that the Top 3 member stays one for the pages above.
    const election = () =>
      call(people.staff, 'POST', `/communities/${c.id}/elections`, {
        kind: 'by-election',
        nominationsCloseAt: new Date(Date.now() + 3_600_000).toISOString(),
        votingCloseAt: new Date(Date.now() + 7_200_000).toISOString(),
      });
    const first = await election();
    await call(friend, 'POST', `/communities/${c.id}/elections/${first.id}/nominations`, { candidateId: friend.id });
    await web.db.query(`UPDATE elections SET nominations_close_at = now() - interval '1 second' WHERE id = $1`, [
      first.id,
    ]);
    await call(people.member, 'POST', `/communities/${c.id}/elections/${first.id}/ballots`, {
      candidateIds: [friend.id],
    });
    await web.db.query(`UPDATE elections SET voting_close_at = now() - interval '1 second' WHERE id = $1`, [first.id]);
    await web.gateway.app.get(ElectionsService).count(first.id);
    const second = await election();
    await call(friend, 'POST', `/communities/${c.id}/elections/${second.id}/nominations`, {
      candidateId: people.member.id,
    });
    seeded = {
      c,
      threadId: shared.thread.id,
      meetingId: meeting.id,
      sessionId: session.items[0].id,
      chatRoom,
      direct: direct.id,
    };
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  it.each(['light', 'dark'] as const)(
    'the sign-in page and the public help page have no serious or critical problems (%s)',
    async (colorScheme) => {
      const context = await web.browser.newContext({ baseURL: web.url, colorScheme });
      const page = await context.newPage();
      for (const [name, url] of [
        ['sign-in', '/login'],
        ['public-help', '/help'],
      ]) {
        await page.goto(url);
        await page.getByRole('heading', { level: 1 }).waitFor();
        // The theme follows the system: dark paper in the dark, light paper in the light.
        const paper = await page
          .locator('html')
          .evaluate((root) => root.ownerDocument.defaultView!.getComputedStyle(root).backgroundColor);
        expect({ name, paper }).toEqual({
          name,
          paper: colorScheme === 'dark' ? 'rgb(17, 24, 28)' : 'rgb(251, 250, 247)',
        });
        expect({ name, problems: await seriousA11yProblems(page) }).toEqual({ name, problems: [] });
        const shot = colorScheme === 'dark' ? `${name}-dark` : name;
        if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
      }
      await context.close();
    },
  );

  const sizes = { phone: PHONE, desktop: DESKTOP, 'phone, dark': PHONE_DARK };
  it.each(['phone', 'desktop', 'phone, dark'] as const)(
    'the goodbye page after a member erases their account has no serious or critical problems (%s)',
    async (size) => {
      const leaver = await web.given.member(seeded.c);
      const { context, page } = await signedIn(web.browser, web.url, leaver, sizes[size]);
      await page.goto(`/c/${seeded.c.id}/data`);
      await page.getByLabel('Your password').fill(leaver.password);
      await page.getByLabel(/^To be sure, type/).fill('erase my account');
      await page.getByRole('button', { name: 'Erase my account' }).click();
      await page.getByRole('heading', { name: 'Goodbye, and take care', level: 1 }).waitFor();
      expect({ page: 'goodbye', size, problems: await seriousA11yProblems(page) }).toEqual({
        page: 'goodbye',
        size,
        problems: [],
      });
      if (SHOTS && size === 'phone') await page.screenshot({ path: path.join(SHOTS, 'goodbye.png'), fullPage: true });
      await context.close();
    },
  );

  it.each(
    (['member', 'top3', 'staff', 'suspended'] as Who[]).flatMap((who) =>
      (['phone', 'desktop', 'phone, dark'] as const).map((size) => [who, size] as const),
    ),
  )('every page a %s opens has no serious or critical problems (%s)', async (who, size) => {
    const pages = PAGES.filter((p) => p.who === who);
    const { context, page } = await signedIn(web.browser, web.url, people[who], sizes[size]);
    for (const p of pages) {
      await page.goto(p.path(seeded));
      await p.ready(page);
      expect({ page: p.name, size, problems: await seriousA11yProblems(page) }).toEqual({
        page: p.name,
        size,
        problems: [],
      });
      // The README's pictures are a phone's.
      if (SHOTS && size === 'phone') {
        await page.screenshot({ path: path.join(SHOTS, `${p.name}.png`), fullPage: true });
      }
      if (SHOTS && size === 'phone, dark' && ['board', 'thread'].includes(p.name)) {
        await page.screenshot({ path: path.join(SHOTS, `${p.name}-dark.png`), fullPage: true });
      }
    }
    await context.close();
  });
});
