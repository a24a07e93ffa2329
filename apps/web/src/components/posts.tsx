import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { community, me } from '../session';
import { REACTION_KINDS, REACTION_WORDS, type PostReactionsView, type ReactionKind } from '@p2p/contract';
import type { CrisisContactView, PostView } from '../types';
import { CrisisContacts } from './crisis-contacts';
import { Folded } from './folded';
import { mutedWordIn } from '../hard-days';
import { PlanBeside } from '../pages/plan';
import { TopThreeCover } from './cover';
import { ActionButton, Ago, Done, Problem, messageOf, when } from './ui';

/** A published entry; hidden or taken-down entries show their quiet notice instead of the words. */
export function PostItem({ post, children }: { post: PostView; children?: preact.ComponentChildren }) {
  // A shared entry whose words were removed (its writer left, or the community's keeping time
  // passed) keeps its place and shows the quiet words the server gives instead.
  const wordsRemoved = Boolean(post.notice) && !post.html;
  const readable =
    !wordsRemoved && (post.status === 'published' || (post.author.id === me.value?.id && post.status === 'hidden'));
  return (
    <article class="post" id={`post-${post.id}`} data-post-id={post.id} data-status={post.status}>
      <header>
        <strong>{post.author.displayName}</strong> <Ago class="quiet" iso={post.releasedAt ?? post.createdAt} />
      </header>
      {readable && post.author.id !== me.value?.id && mutedWordIn(post.body) ? (
        <Folded what="post">
          <div class="body" dangerouslySetInnerHTML={{ __html: post.html }} />
        </Folded>
      ) : readable ? (
        // The server renders a small, sanitised subset (paragraphs, emphasis, lists, links).
        <div class="body" dangerouslySetInnerHTML={{ __html: post.html }} />
      ) : post.status === 'removed' && post.author.id === me.value?.id ? (
        <TakenDownForAuthor />
      ) : (
        <p class="quiet notice">{post.notice ?? 'This entry is not shown.'}</p>
      )}
      {children}
    </article>
  );
}

/** The author of a post a Top 3 member took down: what it means, what happens next, and help now. */
function TakenDownForAuthor() {
  const contacts = community.value?.crisisContacts ?? [];
  return (
    <div class="note gentle" data-taken-down>
      <p>
        A Top 3 member took this post down, so others no longer see it. Your words are kept in the community's log, and
        the Top 3 may bring it to the next community meeting, where you can talk about it. You can also ask a Top 3
        member about it at any time.
      </p>
      <p>If you are struggling right now, you don't have to wait: these people can help, at any time.</p>
      <CrisisContacts contacts={contacts} />
      <PlanBeside />
    </div>
  );
}

function timeLeft(releaseAt: string, now: number): string {
  const s = Math.max(0, Math.ceil((Date.parse(releaseAt) - now) / 1000));
  if (s === 0) return 'any moment now';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}:${String(s % 60).padStart(2, '0')}` : `${s} seconds`;
}

/** The author's own post in its thinking space: the time left, and a way to change or take it back. */
export function PendingPost(props: { post: PostView; onChange: (post: PostView | null) => void }) {
  const { post } = props;
  const [now, setNow] = useState(Date.now());
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(post.body);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const save = async (acknowledged = false) => {
    setError(null);
    try {
      const updated = await api.patch<PostView>(`/posts/${post.id}`, {
        body: draft,
        ...(acknowledged ? { guidelinesAcknowledged: true } : {}),
      });
      setEditing(false);
      props.onChange(updated);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <article class="post pending" data-post-id={post.id} data-status="pending" aria-label="Your post, not shared yet">
      <p class="countdown">
        Only you can see this for now. It will be shared in{' '}
        <span class="time" data-countdown>
          {timeLeft(post.releaseAt, now)}
        </span>
        .
      </p>
      {editing ? (
        <div class="stack">
          <label for={`edit-${post.id}`}>Change your post</label>
          <textarea id={`edit-${post.id}`} rows={5} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
          <p class="quiet">Changing it doesn't move the time it will be shared.</p>
          {error && <Problem>{error}</Problem>}
          <div class="row">
            <button type="button" class="primary" onClick={() => void save()}>
              Save changes
            </button>
            <button type="button" class="plain" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <>
          <div class="body" dangerouslySetInnerHTML={{ __html: post.html }} />
          {post.editedAt && <p class="quiet">Changed {when(post.editedAt)}.</p>}
          <div class="row">
            <button
              type="button"
              class="plain"
              onClick={() => {
                setDraft(post.body);
                setEditing(true);
              }}
            >
              Change it
            </button>
            <ActionButton
              onClick={async () => {
                if (!window.confirm("Take this post back? It won't be shared.")) return;
                await api.del(`/posts/${post.id}`);
                props.onChange(null);
              }}
            >
              Take it back
            </ActionButton>
          </div>
        </>
      )}
    </article>
  );
}

/** The author's own held post: waiting for a Top 3 member, with help at hand. */
export function HeldPost(props: { post: PostView; message?: string; contacts?: CrisisContactView[] }) {
  const contacts = props.contacts ?? community.value?.crisisContacts ?? [];
  return (
    <article class="post held" data-post-id={props.post.id} data-status="held">
      <div class="note gentle" role="status">
        <p>
          {props.message ??
            'Thank you for writing this. It is waiting for a Top 3 member to look at it before anyone else sees it.'}
        </p>
        <TopThreeCover where="held" />
        <CrisisContacts contacts={contacts} />
        <PlanBeside />
      </div>
      <div class="body" dangerouslySetInnerHTML={{ __html: props.post.html }} />
    </article>
  );
}

const REASONS: [string, string][] = [
  ['imminent-harm-self', 'Someone may be about to hurt themselves'],
  ['imminent-harm-others', 'Someone may be about to hurt another person'],
  ['self-harm-account', 'It describes self-harm'],
  ['contact-details', 'It shares contact details or moves talk one-to-one'],
  ['abuse', 'It is unkind to another member'],
  ['something-else', 'Something else'],
];

/** Asks the Top 3 to look at an entry. */
export function FlagForm({ post, alreadyFlagged = false }: { post: PostView; alreadyFlagged?: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(REASONS[0][0]);
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (done || alreadyFlagged) return <Done>You asked the Top 3 to look at this. Thank you; they will.</Done>;
  if (!open)
    return (
      <button
        type="button"
        class="link"
        onClick={() => setOpen(true)}
        aria-label={`Ask the Top 3 to look at this post by ${post.author.displayName}`}
      >
        Ask the Top 3 to look at this
      </button>
    );
  const id = `flag-${post.id}`;
  return (
    <form
      class="stack flag"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        api.post(`/posts/${post.id}/flags`, { reason, ...(note.trim() ? { note: note.trim() } : {}) }).then(
          () => setDone(true),
          (err: unknown) => setError(messageOf(err)),
        );
      }}
    >
      <label for={`${id}-reason`}>What worries you about it?</label>
      <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
        {REASONS.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      <label for={`${id}-note`}>Anything you'd like to add{reason === 'something-else' ? '' : ' (optional)'}</label>
      <input
        id={`${id}-note`}
        value={note}
        required={reason === 'something-else'}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      {error && <Problem>{error}</Problem>}
      <div class="row">
        <button type="submit" class="primary">
          Send to the Top 3
        </button>
        <button type="button" class="plain" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Supportive reactions under a post on the board: a member taps one to leave it, again to take it
 * back. Counts only; the author and staff see the counts and leave none.
 */
export function Reactions(props: {
  post: PostView;
  reactions?: PostReactionsView;
  canReact: boolean;
  onChange: (next: PostReactionsView) => void;
}) {
  const { post } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const counts = props.reactions?.counts;
  const mine = props.reactions?.mine ?? [];
  const given = REACTION_KINDS.filter((k) => (counts?.[k] ?? 0) > 0);
  if (!props.canReact) {
    if (given.length === 0) return null;
    return (
      <p class="reactions quiet" data-reactions>
        {given.map((k) => `${REACTION_WORDS[k]}: ${counts![k]}`).join(' · ')}
      </p>
    );
  }
  const toggle = async (kind: ReactionKind) => {
    setBusy(true);
    setError(null);
    const path = `/posts/${post.id}/reactions/${kind}`;
    try {
      props.onChange(await (mine.includes(kind) ? api.del<PostReactionsView>(path) : api.put<PostReactionsView>(path)));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="reactions" role="group" aria-label={`Reactions to ${post.author.displayName}'s post`} data-reactions>
      {REACTION_KINDS.map((k) => (
        <button
          key={k}
          type="button"
          class="reaction"
          aria-pressed={mine.includes(k)}
          disabled={busy}
          data-reaction={k}
          onClick={() => void toggle(k)}
        >
          {REACTION_WORDS[k]}
          {(counts?.[k] ?? 0) > 0 && <span class="count"> {counts![k]}</span>}
        </button>
      ))}
      {error && <Problem>{error}</Problem>}
    </div>
  );
}
