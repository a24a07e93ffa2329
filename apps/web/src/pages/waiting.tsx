import { api } from '../api';
import { Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { community } from '../session';
import type { WaitingForReplyView } from '../types';

/** Nobody left unanswered: threads nobody else has replied to for a while, oldest first. */
export function WaitingPage() {
  const c = community.value!;
  const list = useLoad(() => api.get<WaitingForReplyView>(`/communities/${c.id}/waiting-for-reply`), [c.id]);
  return (
    <>
      <PageTitle>Waiting for a reply</PageTitle>
      <p class="quiet">
        Threads nobody has answered yet
        {list.data ? ` after ${list.data.afterHours} hours` : ''}, oldest first. A word from you may mean a lot.
      </p>
      {list.error && <Problem>{list.error}</Problem>}
      {!list.data && !list.error && <Loading what="the list" />}
      {list.data && list.data.items.length === 0 && <p>Everyone who wrote has had a reply. Thank you.</p>}
      <ul class="threads">
        {list.data?.items.map((t) => (
          <li key={t.id}>
            <a href={`/c/${c.id}/threads/${t.id}`}>{t.title}</a>{' '}
            <span class="quiet">
              by {t.author.displayName}, {when(t.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
