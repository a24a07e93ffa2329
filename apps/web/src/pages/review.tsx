import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ActionButton, Done, Loading, PageTitle, Problem, messageOf, useLoad, when } from '../components/ui';
import { on } from '../realtime';
import { community } from '../session';
import { PlanEntries } from './plan';
import type { OnCallView, ReviewQueueItemView } from '../types';

type QueueItem = ReviewQueueItemView;

/** A finding of imminent harm: sharing such a post asks for a reason and a second "yes". */
const imminent = (item: QueueItem) =>
  item.why === 'held' &&
  (item.findings ?? []).some((f) => f.category === 'imminent-harm-self' || f.category === 'imminent-harm-others');

/** "12 minutes", "2 hours 5 minutes": how long an entry has waited, in plain words. */
export function waited(since: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  if (minutes < 1) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return h === 0 ? part(m, 'minute') : m === 0 ? part(h, 'hour') : `${part(h, 'hour')} ${part(m, 'minute')}`;
}

/** The time now, again every half minute, for waiting times that count up by themselves. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const WHY: Record<string, string> = {
  held: 'Held by the community guidelines',
  flagged: 'Flagged by a member',
  hidden: 'Hidden after flags, until one of you looks',
};

/** The Top 3's one queue of held and flagged entries, oldest first, kept up to date live. */
export function ReviewPage() {
  const c = community.value!;
  const queue = useLoad(() => api.get<{ items: QueueItem[] }>(`/communities/${c.id}/review-queue?limit=100`), [c.id]);
  useEffect(() => on('review.changed', () => queue.reload()), [c.id]);
  return (
    <>
      <PageTitle>Review</PageTitle>
      <p class="quiet">Entries waiting for one of the Top 3, oldest first. This list updates by itself.</p>
      {queue.error && <Problem>{queue.error}</Problem>}
      {!queue.data && !queue.error && <Loading what="the queue" />}
      {queue.data && queue.data.items.length === 0 && <p>Nothing is waiting. Thank you for keeping an eye out.</p>}
      <ol class="queue">
        {queue.data?.items.map((item) => (
          <li key={item.post.id}>
            <ReviewItem item={item} onDone={queue.reload} />
          </li>
        ))}
      </ol>
    </>
  );
}

function ReviewItem({ item, onDone }: { item: QueueItem; onDone: () => void }) {
  const c = community.value!;
  const now = useNow();
  const [reason, setReason] = useState('');
  const [forMeeting, setForMeeting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [told, setTold] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const [message, setMessage] = useState('');
  const p = item.post;
  const urgent = imminent(item);
  const take = () => {
    setBusy(true);
    setError(null);
    api.post(`/posts/${p.id}/take`).then(
      () => {
        setBusy(false);
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setError(messageOf(e));
      },
    );
  };
  const act = (action: 'approve' | 'delete' | 'annotate') => {
    setBusy(true);
    setError(null);
    api
      .post(`/posts/${p.id}/moderation`, {
        action,
        reason: reason.trim() || defaultReason(action),
        ...(forMeeting ? { forMeeting: true } : {}),
      })
      .then(
        () => {
          setBusy(false);
          onDone();
        },
        (e: unknown) => {
          setBusy(false);
          setError(messageOf(e));
        },
      );
  };
  const id = `review-${p.id}`;
  return (
    <article class="card review" data-post-id={p.id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="small">
        {urgent && <strong>Urgent: </strong>}
        {WHY[item.why] ?? item.why}: {p.author.displayName}, {when(p.createdAt)}
      </h2>
      <p class="waiting" data-waiting>
        Waiting {waited(item.since, now)}.{' '}
        {item.taken ? <strong>{item.taken.by.displayName} is looking at this.</strong> : 'Nobody has taken it yet.'}{' '}
        <a href={`/c/${c.id}/threads/${p.threadId}`}>Open the thread</a>
      </p>
      {item.askedByAuthor && (
        <p data-asked-by-author>
          {p.author.displayName} sent this to the Top 3 first. You can share it on the board, or write to them.
        </p>
      )}
      <blockquote class="verbatim">{p.body}</blockquote>
      {item.findings && item.findings.length > 0 && (
        <ul class="quiet">
          {item.findings.map((f, i) => (
            <li key={i}>
              Guideline “{f.rule}”: {f.reason}
            </li>
          ))}
        </ul>
      )}
      {item.authorPlan && (
        <section class="plan" aria-label={`${p.author.displayName}'s own plan`}>
          <h3 class="small">{p.author.displayName}'s own plan (they chose to show it to the Top 3)</h3>
          <PlanEntries
            entries={[
              ['Who they can call', item.authorPlan.whoToCall],
              ['What helps them', item.authorPlan.whatHelps],
              ['Where they can go', item.authorPlan.whereToGo],
            ]}
          />
        </section>
      )}
      {item.flags.length > 0 && (
        <ul class="quiet">
          {item.flags.map((f, i) => (
            <li key={i}>
              {f.by.displayName} flagged it ({f.reason}){f.note ? `: ${f.note}` : ''}, {when(f.at)}
            </li>
          ))}
        </ul>
      )}
      <div class="stack">
        <label for={`${id}-reason`}>Your reason or note (kept in the log)</label>
        <input id={`${id}-reason`} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        <label class="check">
          <input type="checkbox" checked={forMeeting} onChange={(e) => setForMeeting(e.currentTarget.checked)} /> Bring
          this to the next community meeting
        </label>
        {error && <Problem>{error}</Problem>}
        {told && <Done>{told}</Done>}
        {writing && (
          <div class="stack" role="group" aria-label={`A message to ${p.author.displayName}`}>
            <label for={`${id}-message`}>
              A private message to {p.author.displayName}, signed “the Top 3”, with the crisis contacts beside it
            </label>
            <textarea
              id={`${id}-message`}
              rows={3}
              maxLength={2000}
              value={message}
              onInput={(e) => setMessage(e.currentTarget.value)}
            />
            <div class="row">
              <ActionButton
                kind="primary"
                onClick={async () => {
                  await api.post(`/posts/${p.id}/message-author`, { body: message });
                  setMessage('');
                  setWriting(false);
                  setTold(`Your message went to ${p.author.displayName} from the Top 3.`);
                }}
              >
                Send the message
              </ActionButton>
            </div>
          </div>
        )}
        {confirming && (
          <div class="confirm" role="group" aria-label="Share an urgent post?">
            <p>
              This post may mean someone is about to come to harm. Share it with everyone only if you are sure, and say
              why above.
            </p>
            <div class="row">
              <button type="button" class="careful" disabled={busy || !reason.trim()} onClick={() => act('approve')}>
                Yes, share it
              </button>
              <button type="button" class="plain" onClick={() => setConfirming(false)}>
                No, keep it held
              </button>
            </div>
          </div>
        )}
        <div class="row">
          {!item.taken && (
            <button type="button" class="primary" disabled={busy} onClick={take}>
              I'm looking at this
            </button>
          )}
          <button
            type="button"
            class={item.taken && !urgent ? 'primary' : 'plain'}
            disabled={busy}
            onClick={() => (urgent ? setConfirming(true) : act('approve'))}
          >
            Share it
          </button>
          <button type="button" class="careful" disabled={busy} onClick={() => act('delete')}>
            Take it down
          </button>
          <button type="button" class="plain" onClick={() => setWriting(!writing)} aria-expanded={writing}>
            Message the author
          </button>
          {urgent && (
            <ActionButton
              onClick={async () => {
                const r = await api.post<OnCallView>(`/posts/${p.id}/on-call`);
                setTold(`The on-call contact (${r.sentTo}) has been told an urgent review is waiting.`);
              }}
            >
              Tell the on-call contact
            </ActionButton>
          )}
          <button type="button" class="plain" disabled={busy || !reason.trim()} onClick={() => act('annotate')}>
            Add the note only
          </button>
        </div>
      </div>
    </article>
  );
}

function defaultReason(action: string): string {
  return action === 'approve' ? 'Looked at and shared.' : action === 'delete' ? 'Taken down after review.' : 'Note.';
}
