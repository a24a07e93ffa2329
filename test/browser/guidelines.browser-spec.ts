import type { GuidelinesView } from '@p2p/contract';
import type { GivenUser } from '../support/given';
import { seriousA11yProblems, signedIn, useBrowserApp } from './browser';

jest.setTimeout(120_000);

describe('the guidelines page in real browsers', () => {
  const web = useBrowserApp();

  const guidelines = async (cid: string, who: GivenUser): Promise<GuidelinesView> => {
    const res = await fetch(`${web.url}/api/communities/${cid}/guidelines`, {
      headers: { authorization: `Bearer ${who.token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as GuidelinesView;
  };

  it('a Top 3 member switches imminent-harm-self to the careful reading and saves: a new version, and the change is in the log', async () => {
    const c = await web.given.community();
    const top = await web.given.top3(c);
    const before = await guidelines(c.id, top);
    const { context, page } = await signedIn(web.browser, web.url, top);

    await page.getByRole('link', { name: 'Guidelines' }).click();
    await page.getByRole('heading', { name: 'Community guidelines', level: 1 }).waitFor();
    await page.locator(`[data-version="${before.version}"]`).waitFor();
    const save = page.getByRole('button', { name: 'Save the guidelines' });
    expect(await save.isDisabled()).toBe(true);

    const rule = page.locator('[data-rule="imminent-harm-self"]');
    expect(await rule.getByRole('radio', { name: /^Standard: holds clear statements/ }).isChecked()).toBe(true);
    await rule.getByRole('radio', { name: /^Careful: also holds posts that may be veiled/ }).check();
    await rule.getByText('careful held 88.5%').waitFor();
    await page.getByText('1 change to save').waitFor();

    // A refusal from the server is shown in its one plain sentence (here the body is spoiled on its
    // way, so the real gateway refuses it), and nothing is saved.
    await page.route('**/api/communities/*/guidelines', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as GuidelinesView;
      body.rules = body.rules.map((r) => (r.id === 'abuse' ? { ...r, reading: 'careful' } : r));
      await route.continue({ postData: JSON.stringify(body) });
    });
    await save.click();
    await page
      .getByRole('alert')
      .getByText(
        'Rule "abuse" has a reading, but only a rule with the category imminent-harm-self can choose how carefully it reads posts.',
      )
      .waitFor();
    expect((await guidelines(c.id, top)).version).toBe(before.version);
    await page.unroute('**/api/communities/*/guidelines');

    await save.click();
    await page
      .getByText(
        'Saved as a new version. The change is written in the log and will be brought to the next community meeting.',
      )
      .waitFor();
    await page.locator(`[data-version="${before.version + 1}"]`).waitFor();
    expect(await save.isDisabled()).toBe(true);

    // The API says careful now, and nothing else changed.
    const after = await guidelines(c.id, top);
    expect(after.version).toBe(before.version + 1);
    expect(after.rules).toEqual(
      before.rules.map((r) => (r.id === 'imminent-harm-self' ? { ...r, reading: 'careful' } : r)),
    );

    // The page opened again shows it; the log, as the Top 3 see it, has the change for the meeting.
    await page.reload();
    await page.locator(`[data-version="${after.version}"]`).waitFor();
    expect(await rule.getByRole('radio', { name: /^Careful:/ }).isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Log' }).click();
    const record = page.locator('[data-log-action="guidelines-change"]');
    await record.getByText('Guidelines changed').waitFor();
    await record.getByText('now reads posts carefully').waitFor();
    await record.getByText('for the meeting').waitFor();
    await context.close();
  });

  it('a member reads the guidelines and what happens, with nothing to change', async () => {
    const c = await web.given.community();
    const member = await web.given.member(c);
    const set = await guidelines(c.id, member);
    const { context, page } = await signedIn(web.browser, web.url, member);

    await page.getByRole('link', { name: 'Guidelines' }).click();
    await page.getByRole('heading', { name: 'Community guidelines', level: 1 }).waitFor();
    await page.getByText(`This is version ${set.version} of the guidelines.`).waitFor();
    for (const r of set.rules) {
      const card = page.locator(`[data-rule="${r.id}"]`);
      await card.getByRole('heading', { name: r.title }).waitFor();
      await card.getByText(r.explanation).waitFor();
    }
    await page
      .locator('[data-rule="imminent-harm-self"]')
      .getByText('A Top 3 member looks at the post first, before anyone else sees it.')
      .waitFor();
    await page
      .locator('[data-rule="contact-details"]')
      .getByText('The writer gets a gentle check before sending, and can still send it.')
      .waitFor();
    await page
      .locator('[data-rule="imminent-harm-self"]')
      .getByText('Standard. It holds clear statements of intent, plans and acts.')
      .waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save the guidelines' }).count()).toBe(0);
    await context.close();
  });

  it('a Top 3 member tries a change on the last 30 days before saving: counts and the posts that change, nothing saved', async () => {
    const c = await web.given.community();
    const [author, top] = await Promise.all([web.given.member(c), web.given.top3(c)]);
    await web.db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const thoughts = 'Honestly I wish I was dead. Everything feels too much this week.';
    for (const body of [thoughts, 'Lovely walk by the river this morning.']) {
      const res = await fetch(`${web.url}/api/boards/${c.boards.community}/threads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'This week', body }),
      });
      expect(res.status).toBe(202);
    }
    await web.db.query(
      `UPDATE posts SET release_at = now() - interval '1 second' WHERE community_id = $1 AND status = 'pending'`,
      [c.id],
    );
    for (let i = 0; i < 100; i++) {
      const [{ n }] = await web.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM posts WHERE community_id = $1 AND status = 'published'`,
        [c.id],
      );
      if (n === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const before = await guidelines(c.id, top);
    const { context, page } = await signedIn(web.browser, web.url, top);
    await page.getByRole('link', { name: 'Guidelines' }).click();
    await page.locator(`[data-version="${before.version}"]`).waitFor();
    expect(await page.getByRole('button', { name: 'Try them on the last 30 days' }).count()).toBe(0);

    const rule = page.locator('[data-rule="self-harm-thoughts"]');
    await rule.getByRole('radio', { name: 'Held for a Top 3 member to look at first' }).check();
    await page.getByRole('button', { name: 'Try them on the last 30 days' }).click();
    const preview = page.locator('[data-preview]');
    await preview.getByText('2 posts from the last 30 days; 1 would be treated differently').waitFor();
    const row = (name: string) => preview.getByRole('row', { name: new RegExp(`^${name}`) });
    expect(await row('Held for a Top 3 member').getByRole('cell').allInnerTexts()).toEqual(['0', '1']);
    expect(await row('Shared, and on the check-in list').getByRole('cell').allInnerTexts()).toEqual(['1', '0']);
    await preview.getByText(thoughts).waitFor();
    await preview.getByText('shared, and on the check-in list now, held for a Top 3 member with the changes').waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    // Nothing was saved by trying.
    expect((await guidelines(c.id, top)).version).toBe(before.version);
    await context.close();
  });
});
