import { api } from '../api';
import { Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import type { Top3MessageView } from '../types';
import { CrisisContacts } from '../components/crisis-contacts';

/** Messages to me from the Top 3 as a group, with the crisis contacts beside each. */
export function MessagesPage() {
  const list = useLoad(() => api.get<{ items: Top3MessageView[] }>('/me/top3-messages'), []);
  return (
    <>
      <PageTitle>From the Top 3</PageTitle>
      {list.error && <Problem>{list.error}</Problem>}
      {!list.data && !list.error && <Loading what="your messages" />}
      {list.data && list.data.items.length === 0 && <p>No messages from the Top 3.</p>}
      {list.data?.items.map((m) => (
        <article key={m.id} class="card" data-message-id={m.id}>
          <h2 class="small">
            From the Top 3 of {m.communityName}, {when(m.createdAt)}
          </h2>
          <p class="message">{m.body}</p>
          <p class="quiet">If you need someone now, you don't have to wait:</p>
          <CrisisContacts contacts={m.crisisContacts} />
        </article>
      ))}
    </>
  );
}
