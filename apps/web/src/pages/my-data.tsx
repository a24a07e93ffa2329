import type { KeepingView } from '@p2p/contract';
import { api } from '../api';
import { Keeping } from '../components/keeping';
import { PageTitle, useLoad } from '../components/ui';
import { community } from '../session';
import { LeaveAndBeForgotten } from './leaving';

/**
 * "Your data": a copy of everything the board holds about the person signed in (subject access),
 * as a file or as a page to read or print. Plain links: the session cookie goes with them, and a
 * GET needs no CSRF token. The server makes the copy for the person asking, and nobody else.
 * Then how long the community in view keeps things (the Top 3 and staff change it here), and
 * leaving: erasing the account, said plainly first.
 */
export function MyDataPage() {
  const c = community.value;
  const keeping = useLoad(
    () => (c ? api.get<KeepingView>(`/communities/${c.id}/keeping`) : Promise.resolve(undefined)),
    [c?.id],
  );
  return (
    <>
      <PageTitle>Your data</PageTitle>
      <p>You can have a copy of everything P2P Board holds about you, whenever you like. It is yours.</p>
      <section aria-labelledby="data-has-title">
        <h2 id="data-has-title">What it has in it</h2>
        <ul>
          <li>
            everything you wrote (posts, replies and chat messages), and whatever happened to each one: shared, taken
            back, waiting for a Top 3 member, or taken down
          </li>
          <li>the posts you flagged and the reactions you left</li>
          <li>the conversations and private boards you are part of</li>
          <li>your attendance at sessions, and any time your access was paused</li>
          <li>the records in the community's log about you or about what you wrote</li>
          <li>your notifications, your settings and your crisis plan</li>
          <li>when and on which devices you signed in</li>
        </ul>
        <p>
          Other people are named only where you could already see their name on the board, and other people's words are
          not included. For elections, it says which ones you voted in, never who you voted for.
        </p>
      </section>
      <section aria-labelledby="data-get-title">
        <h2 id="data-get-title">Get your copy</h2>
        <p class="quiet">
          It is made fresh each time you ask, for you alone. You can get it a few times an hour. On a shared computer,
          the file stays in that computer's downloads until you delete it.
        </p>
        <div class="row">
          <a class="button" href="/api/me/export" download="p2p-board-my-data.json">
            Download as a file (JSON)
          </a>
          <a class="button" href="/api/me/export/page" target="_blank" rel="noopener">
            Open as a page to read or print (opens in a new tab)
          </a>
        </div>
      </section>
      <Keeping keeping={keeping.data} error={keeping.error} onSaved={(k) => keeping.set(() => k)} />
      <LeaveAndBeForgotten keeping={keeping.data} />
    </>
  );
}
