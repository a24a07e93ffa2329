import { api, type Page } from '../api';
import { Loading, PageTitle, Problem, day, useLoad } from '../components/ui';
import { community, me, membership } from '../session';
import type { Board } from '../types';

const KIND_NOTE: Record<string, string> = {
  private: 'A private board: only the people named on it can read it.',
  info: 'About the community, local services and where to get help.',
};

export function HomePage() {
  const c = community.value!;
  const boards = useLoad(() => api.get<Page<Board>>(`/communities/${c.id}/boards`), [c.id]);
  const m = membership.value;
  return (
    <>
      <PageTitle>Hello, {me.value?.displayName}</PageTitle>
      {m?.suspendedUntil && (
        <section class="card calm" aria-labelledby="status-title">
          <h2 id="status-title">Your place on the board</h2>
          <p>
            Your access to the board is paused until {day(m.suspendedUntil)}. You are still part of the community, and
            you can come back to sessions.
          </p>
          {m.outreachContact && <p>{m.outreachContact}</p>}
        </section>
      )}
      <section aria-labelledby="boards-title">
        <h2 id="boards-title">Boards</h2>
        {boards.error && <Problem>{boards.error}</Problem>}
        {!boards.data && !boards.error && <Loading what="the boards" />}
        <ul class="cards">
          {boards.data?.items.map((b) => (
            <li key={b.id} class="card">
              <a href={`/c/${c.id}/boards/${b.id}`}>
                {b.name}
                {(b.newThreads ?? 0) > 0 && (
                  <span class="new" data-new-threads>
                    {' '}
                    {b.newThreads! > 99 ? '99+' : b.newThreads} new
                  </span>
                )}
              </a>
              {(b.description || KIND_NOTE[b.kind]) && <p class="quiet">{b.description ?? KIND_NOTE[b.kind]}</p>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
