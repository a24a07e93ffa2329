import { useEffect } from 'preact/hooks';
import { api, type Page } from '../api';
import { ActionButton, Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { on } from '../realtime';
import { community } from '../session';
import type { CheckInView } from '../types';

/**
 * The Top 3's quiet list: posts already shared with everyone that talk about hard thoughts, so
 * one of them can reach out. Nothing here is hidden from anyone; it updates by itself.
 */
export function CheckInsPage() {
  const c = community.value!;
  const open = useLoad(() => api.get<Page<CheckInView>>(`/communities/${c.id}/check-ins?limit=100`), [c.id]);
  const done = useLoad(() => api.get<Page<CheckInView>>(`/communities/${c.id}/check-ins?done=true&limit=20`), [c.id]);
  useEffect(
    () =>
      on('check-in.changed', () => {
        open.reload();
        done.reload();
      }),
    [c.id],
  );
  return (
    <>
      <PageTitle>Check in</PageTitle>
      <p class="quiet">
        Posts shared on the board where someone talks about hard thoughts, with no plan or time. Everyone can already
        read them; one of you may want to reach out. Say here when someone has, so the others know.
      </p>
      {open.error && <Problem>{open.error}</Problem>}
      {!open.data && !open.error && <Loading what="the check-ins" />}
      {open.data && open.data.items.length === 0 && <p>No one is waiting for a check-in right now.</p>}
      <ol class="queue">
        {open.data?.items.map((item) => (
          <li key={item.post.id}>
            <CheckInItem item={item} />
          </li>
        ))}
      </ol>
      {done.data && done.data.items.length > 0 && (
        <>
          <h2>Checked in recently</h2>
          <ul class="quiet">
            {done.data.items.map((item) => (
              <li key={item.post.id}>
                {item.post.author.displayName} in “{item.threadTitle}”: {item.done?.by.displayName} checked in,{' '}
                {when(item.done?.at)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function CheckInItem({ item }: { item: CheckInView }) {
  const c = community.value!;
  const p = item.post;
  const id = `check-in-${p.id}`;
  return (
    <article class="card review" data-post-id={p.id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="small">
        {p.author.displayName} in “{item.threadTitle}”, {when(item.since)}
      </h2>
      <blockquote class="verbatim">{p.body}</blockquote>
      <ul class="quiet">
        {item.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      <p class="waiting">
        {item.taken ? <strong>{item.taken.by.displayName} is looking at this.</strong> : 'Nobody has taken it yet.'}
      </p>
      <div class="row">
        <a href={`/c/${c.id}/threads/${p.threadId}`}>Open the thread</a>
        {!item.taken && (
          <ActionButton onClick={() => api.post(`/posts/${p.id}/check-in/take`, {})}>I'm looking at this</ActionButton>
        )}
        <ActionButton kind="primary" onClick={() => api.post(`/posts/${p.id}/check-in`, {})}>
          Someone has checked in
        </ActionButton>
      </div>
    </article>
  );
}
