import { THREAD_POSTS_PAGE, noReactions, type PostReactionsView } from '@p2p/contract';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, type Page } from '../api';
import { Composer, type Sent } from '../components/composer';
import { FlagForm, HeldPost, PendingPost, PostItem, Reactions } from '../components/posts';
import { Loading, PageTitle, Problem, useLoad } from '../components/ui';
import { on } from '../realtime';
import { community, isStaff, me } from '../session';
import type { CrisisContactView, PostView, ThreadView } from '../types';

interface ThreadPage extends Page<PostView> {
  pending: PostView[];
  thread: ThreadView;
  /** Posts on the page this member has already asked the Top 3 to look at. */
  flaggedByMe: string[];
  /** Supportive reactions on the posts of this page that have any. */
  reactions: PostReactionsView[];
}

interface Held {
  message?: string;
  contacts?: CrisisContactView[];
}

export function ThreadPage() {
  const { params } = useRoute();
  const tid = params.tid;
  const c = community.value!;
  const page = useLoad(() => api.get<ThreadPage>(`/threads/${tid}/posts?limit=${THREAD_POSTS_PAGE}`), [tid]);
  const [posts, setPosts] = useState<PostView[]>([]);
  const [mine, setMine] = useState<PostView[]>([]);
  const [held, setHeld] = useState<Record<string, Held>>({});
  const [more, setMore] = useState<string | null>(null);
  const [flagged, setFlagged] = useState<Set<string>>(new Set());
  const [reactions, setReactions] = useState<Record<string, PostReactionsView>>({});
  const keepReactions = (list: PostReactionsView[]) =>
    setReactions((had) => ({ ...had, ...Object.fromEntries(list.map((r) => [r.postId, r])) }));

  useEffect(() => {
    if (!page.data) return;
    setPosts(page.data.items);
    setMine(page.data.pending);
    setMore(page.data.nextCursor);
    setFlagged(new Set(page.data.flaggedByMe));
    setReactions(Object.fromEntries(page.data.reactions.map((r) => [r.postId, r])));
  }, [page.data]);

  useEffect(() => {
    const upsert = (p: PostView) => {
      if (p.threadId !== tid) return;
      setMine((list) => list.filter((x) => x.id !== p.id));
      setPosts((list) => {
        const at = list.findIndex((x) => x.id === p.id);
        if (at >= 0) return list.map((x) => (x.id === p.id ? p : x));
        return [...list, p].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
      });
    };
    const offs = [
      on('post.released', (e) => upsert(e.data.post)),
      on('post.updated', (e) => upsert(e.data.post)),
      on('post.removed', (e) => {
        if (e.data.threadId !== tid) return;
        setPosts((list) =>
          list.map((x) =>
            x.id === e.data.postId ? { ...x, status: e.data.status, notice: e.data.notice, html: '' } : x,
          ),
        );
      }),
      // New counts from anyone; which ones are this member's own stays as this page knows it.
      on('post.reactions', (e) => {
        if (e.data.threadId !== tid) return;
        setReactions((had) => ({
          ...had,
          [e.data.postId]: { postId: e.data.postId, counts: e.data.counts, mine: had[e.data.postId]?.mine ?? [] },
        }));
      }),
      on('post.held', (e) => {
        if (e.data.post.threadId !== tid) return;
        setHeld((h) => ({ ...h, [e.data.post.id]: { message: e.data.message, contacts: e.data.crisisContacts } }));
        setMine((list) => {
          const rest = list.filter((x) => x.id !== e.data.post.id);
          return [...rest, e.data.post];
        });
      }),
      // Back after a drop that came before the stream could say where the page stood: load again.
      on('stream.resumed', () => page.reload()),
    ];
    return () => offs.forEach((off) => off());
  }, [tid]);

  useMarkRead(tid, posts);

  if (page.error) return <Problem>{page.error}</Problem>;
  if (!page.data) return <Loading what="the thread" />;
  const thread = page.data.thread;
  const loadMore = async () => {
    if (!more) return;
    const next = await api.get<ThreadPage>(
      `/threads/${tid}/posts?limit=${THREAD_POSTS_PAGE}&cursor=${encodeURIComponent(more)}`,
    );
    setPosts((list) => [...list, ...next.items.filter((p) => !list.some((x) => x.id === p.id))]);
    setFlagged((had) => new Set([...had, ...next.flaggedByMe]));
    keepReactions(next.reactions);
    setMore(next.nextCursor);
  };
  const sent = (s: Sent) => {
    if (s.message) setHeld((h) => ({ ...h, [s.post.id]: { message: s.message, contacts: s.crisisContacts } }));
    setMine((list) => [...list, s.post]);
  };

  return (
    <>
      <p class="crumbs">
        <a href={`/c/${c.id}/boards/${thread.boardId}`}>Back to the board</a>
      </p>
      <PageTitle>{thread.title}</PageTitle>
      <section aria-label="Posts" class="posts">
        {posts.map((p) => (
          <PostItem key={p.id} post={p}>
            {p.status === 'published' && (
              <Reactions
                post={p}
                reactions={reactions[p.id] ?? { postId: p.id, counts: noReactions(), mine: [] }}
                canReact={p.author.id !== me.value?.id && !isStaff.value}
                onChange={(next) => keepReactions([next])}
              />
            )}
            {p.status === 'published' && p.author.id !== me.value?.id && (
              <FlagForm post={p} alreadyFlagged={flagged.has(p.id)} />
            )}
          </PostItem>
        ))}
        {more && (
          <button type="button" class="plain" onClick={() => void loadMore()}>
            Show later posts
          </button>
        )}
      </section>
      {mine.length > 0 && (
        <section aria-label="Your posts not shared yet" class="posts mine">
          {mine.map((p) =>
            p.status === 'held' ? (
              <HeldPost key={p.id} post={p} message={held[p.id]?.message} contacts={held[p.id]?.contacts} />
            ) : (
              <PendingPost
                key={p.id}
                post={p}
                onChange={(next) =>
                  setMine((list) =>
                    next ? list.map((x) => (x.id === p.id ? next : x)) : list.filter((x) => x.id !== p.id),
                  )
                }
              />
            ),
          )}
        </section>
      )}
      {thread.status === 'published' ? (
        <Composer
          label="Reply to this thread"
          place={`thread:${tid}`}
          submit={(input, key) =>
            api
              .post<PostView & Partial<Sent>>(`/threads/${tid}/posts`, input, { 'idempotency-key': key })
              .then((r) => ({
                post: r,
                message: r.message,
                crisisContacts: r.crisisContacts,
              }))
          }
          onSent={sent}
        />
      ) : (
        <p class="quiet">You can reply once the opening post has been shared.</p>
      )}
    </>
  );
}

/**
 * Tells the server how far this member has been shown the thread (while the page is in view), so
 * the board stops marking it new. Only ever forwards; a failure is left for the next post.
 */
function useMarkRead(tid: string, posts: PostView[]) {
  const marked = useRef(0);
  useEffect(() => {
    marked.current = 0;
  }, [tid]);
  useEffect(() => {
    const mark = () => {
      const seq = Math.max(0, ...posts.map((p) => p.seq ?? 0));
      if (seq <= marked.current || document.visibilityState !== 'visible') return;
      marked.current = seq;
      api.put(`/threads/${tid}/read`, { seq }).catch(() => (marked.current = 0));
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [tid, posts]);
}
