import { useEffect, useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { useSubmit } from '../components/form';
import { ActionButton, Done, Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { community, isStaff, isTop3, me } from '../session';
import type { AccessRequestView, AskableBoardView } from '../types';

const LENGTHS: [number, string][] = [
  [15, '15 minutes'],
  [60, '1 hour'],
  [240, '4 hours'],
  [1440, '1 day'],
  [10080, '1 week'],
  [43200, '30 days'],
];

export function howLong(minutes: number): string {
  const named = LENGTHS.find(([m]) => m === minutes);
  if (named) return named[1];
  if (minutes % 1440 === 0) return `${minutes / 1440} days`;
  if (minutes % 60 === 0) return `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

function statusWords(r: AccessRequestView): string {
  switch (r.status) {
    case 'waiting':
      return r.approvals.length === 0
        ? 'Waiting: two Top 3 members need to agree.'
        : `Waiting: ${r.approvals.map((a) => a.displayName).join(', ')} agreed; it needs one more Top 3 member.`;
    case 'granted':
      return `Open until ${when(r.expiresAt)}, agreed by ${r.approvals.map((a) => a.displayName).join(' and ')}.`;
    case 'refused':
      return 'Not agreed this time.';
    case 'expired':
      return `Ended ${when(r.expiresAt)}.`;
  }
}

/**
 * Staff access by consent: staff ask to read one community board for a while; two Top 3 members
 * must agree; it ends by itself.
 */
export function AccessRequestsPage() {
  const c = community.value!;
  const list = useLoad(() => api.get<Page<AccessRequestView>>(`/communities/${c.id}/access-requests`), [c.id]);
  const waiting = list.data?.items.filter((r) => r.status === 'waiting') ?? [];
  const others = list.data?.items.filter((r) => r.status !== 'waiting') ?? [];
  return (
    <>
      <PageTitle>Staff access to boards</PageTitle>
      <p class="quiet">
        Staff don’t read the community’s boards unless the community agrees. A staff member asks for one board, for a
        reason and a set time; it opens only when two different Top 3 members agree, and it closes by itself. Private
        boards can never be opened to staff. Every read is written in the log.
      </p>
      <p class="quiet">
        Staff do read the verbatim log, which goes back to the community meeting: it keeps the words of entries from the
        community’s boards that were held or taken down, never anything from a private board.{' '}
        <a href={`/c/${c.id}/who-sees`}>Who can see what</a>
      </p>
      {isStaff.value && <AskForm onSent={list.reload} />}
      {list.error && <Problem>{list.error}</Problem>}
      {!list.data && !list.error && <Loading what="the requests" />}
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">Waiting</h2>
        {list.data && waiting.length === 0 && <p class="quiet">No requests are waiting.</p>}
        <ul class="log">
          {waiting.map((r) => (
            <li key={r.id}>
              <RequestCard request={r} onChange={list.reload} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="earlier-title">
        <h2 id="earlier-title">Earlier requests</h2>
        {list.data && others.length === 0 && <p class="quiet">None yet.</p>}
        <ul class="log">
          {others.map((r) => (
            <li key={r.id}>
              <RequestCard request={r} onChange={list.reload} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function RequestCard({ request: r, onChange }: { request: AccessRequestView; onChange: () => void }) {
  const mine = r.approvals.some((a) => a.id === me.value?.id);
  const who = `${r.staff.displayName}'s request for ${r.boardName}`;
  return (
    <article class="card" data-request-id={r.id} data-status={r.status} aria-label={who}>
      <p>
        <strong>{r.staff.displayName}</strong> asked to read <strong>{r.boardName}</strong> for {howLong(r.minutes)},{' '}
        {when(r.createdAt)}.
      </p>
      <blockquote class="verbatim">{r.reason}</blockquote>
      <p>{statusWords(r)}</p>
      {isTop3.value && r.status === 'waiting' && (
        <div class="row">
          {mine ? (
            <p class="quiet">You have agreed. It needs one more Top 3 member.</p>
          ) : (
            <ActionButton
              kind="primary"
              label={`Agree to ${who}`}
              onClick={() => api.post(`/access-requests/${r.id}/approve`).then(onChange)}
            >
              Agree
            </ActionButton>
          )}
          <ActionButton
            kind="careful"
            label={`Refuse ${who}`}
            onClick={() => api.post(`/access-requests/${r.id}/refuse`).then(onChange)}
          >
            Refuse
          </ActionButton>
        </div>
      )}
    </article>
  );
}

function AskForm({ onSent }: { onSent: () => void }) {
  const c = community.value!;
  const boards = useLoad(() => api.get<Page<AskableBoardView>>(`/communities/${c.id}/access-requests/boards`), [c.id]);
  const [boardId, setBoardId] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(60);
  const send = useSubmit();
  useEffect(() => {
    if (!boardId && boards.data?.items[0]) setBoardId(boards.data.items[0].id);
  }, [boards.data]);
  return (
    <section aria-labelledby="ask-title">
      <h2 id="ask-title">Ask to read a board</h2>
      {boards.error && <Problem>{boards.error}</Problem>}
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void send
            .run(
              () => api.post(`/communities/${c.id}/access-requests`, { boardId, reason: reason.trim(), minutes }),
              'Asked. The Top 3 will see your request; it opens when two of them agree.',
            )
            .then((ok) => {
              if (!ok) return;
              setReason('');
              onSent();
            });
        }}
      >
        <label for="ask-board">Board</label>
        <select id="ask-board" value={boardId} onChange={(e) => setBoardId(e.currentTarget.value)}>
          {boards.data?.items.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <label for="ask-reason">Why you would like to read it</label>
        <textarea
          id="ask-reason"
          rows={3}
          maxLength={2000}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <label for="ask-length">For how long</label>
        <select id="ask-length" value={String(minutes)} onChange={(e) => setMinutes(Number(e.currentTarget.value))}>
          {LENGTHS.map(([m, words]) => (
            <option key={m} value={String(m)}>
              {words}
            </option>
          ))}
        </select>
        {send.error && <Problem>{send.error}</Problem>}
        {send.done && <Done>{send.done}</Done>}
        <div class="row">
          <button type="submit" class="primary" disabled={send.busy || !boardId || !reason.trim()}>
            Ask the Top 3
          </button>
        </div>
      </form>
    </section>
  );
}
