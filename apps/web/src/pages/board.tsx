import { BOARD_THREADS_PAGE, previewOf } from '@p2p/contract';
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, type Page } from '../api';
import { Composer, type Sent } from '../components/composer';
import { hasDraft } from '../components/drafts';
import { Ago, Loading, PageTitle, Problem, useLoad } from '../components/ui';
import { on } from '../realtime';
import { InfoPageEditor } from '../components/info-edit';
import { TopThreeNow } from '../components/cover';
import { Folded } from '../components/folded';
import { mutedWordIn } from '../hard-days';
import { community, isStaff, isTop3, me } from '../session';
import type { Board, InfoPage, PostView, ThreadView } from '../types';

interface ThreadList extends Page<ThreadView> {
  pending: ThreadView[];
}

export function BoardPage() {
  const { params } = useRoute();
  const bid = params.bid;
  const board = useLoad(() => api.get<Board>(`/boards/${bid}`), [bid]);
  if (board.error) return <Problem>{board.error}</Problem>;
  if (!board.data) return <Loading what="the board" />;
  return board.data.kind === 'info' ? <InfoBoard board={board.data} /> : <ThreadsBoard board={board.data} />;
}

function ThreadsBoard({ board }: { board: Board }) {
  const c = community.value!;
  const { route } = useLocation();
  const list = useLoad(
    () => api.get<ThreadList>(`/boards/${board.id}/threads?limit=${BOARD_THREADS_PAGE}`),
    [board.id],
  );
  const [threads, setThreads] = useState<ThreadView[]>([]);
  const [more, setMore] = useState<string | null>(null);
  // "Start a thread" opens the composer at the top; it is open already when a draft is waiting.
  const [composing, setComposing] = useState(() => hasDraft('new-thread'));

  useEffect(() => {
    if (!list.data) return;
    setThreads(list.data.items);
    setMore(list.data.nextCursor);
  }, [list.data]);

  useEffect(
    () =>
      on('post.released', (e) => {
        if (e.data.thread.boardId !== board.id) return;
        const { post, thread } = e.data;
        const row = { ...thread, preview: previewOf(post.body), unread: post.author.id !== me.value?.id };
        setThreads((ts) => [row, ...ts.filter((t) => t.id !== thread.id)]);
      }),
    [board.id],
  );
  // Back after a drop that came before the stream could say where the page stood: load again.
  useEffect(() => on('stream.resumed', () => list.reload()), [board.id]);

  const loadMore = async () => {
    if (!more) return;
    const next = await api.get<ThreadList>(
      `/boards/${board.id}/threads?limit=${BOARD_THREADS_PAGE}&cursor=${encodeURIComponent(more)}`,
    );
    setThreads((ts) => [...ts, ...next.items.filter((t) => !ts.some((x) => x.id === t.id))]);
    setMore(next.nextCursor);
  };

  return (
    <>
      <PageTitle>{board.name}</PageTitle>
      {board.description && <p class="quiet">{board.description}</p>}
      <TopThreeNow />
      <section aria-labelledby="start-title" class="start">
        {composing ? (
          <>
            <h2 id="start-title">Start a thread</h2>
            <Composer
              label="Start a thread"
              withTitle
              place={`board:${board.id}`}
              submit={(input, key) =>
                api
                  .post<{ thread: ThreadView; post: PostView } & Partial<Sent>>(`/boards/${board.id}/threads`, input, {
                    'idempotency-key': key,
                  })
                  .then((r) => ({
                    post: r.post,
                    thread: r.thread,
                    message: r.message,
                    crisisContacts: r.crisisContacts,
                  }))
              }
              onSent={(s) => route(`/c/${c.id}/threads/${s.post.threadId}`)}
            />
          </>
        ) : (
          <button
            type="button"
            id="start-title"
            class="primary"
            aria-expanded="false"
            onClick={() => setComposing(true)}
          >
            Start a thread
          </button>
        )}
      </section>
      {list.error && <Problem>{list.error}</Problem>}
      {list.data && list.data.pending.length > 0 && (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">Your threads, not shared yet</h2>
          <ul class="threads">
            {list.data.pending.map((t) => (
              <li key={t.id}>
                <a href={`/c/${c.id}/threads/${t.id}`}>{t.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="threads-title">
        <h2 id="threads-title">Threads</h2>
        {!list.data && !list.error && <Loading what="threads" />}
        {list.data && threads.length === 0 && <p class="quiet">Nothing here yet. You could start the first thread.</p>}
        <ul class="threads">
          {threads.map((t) => (
            <li key={t.id} data-thread-id={t.id} data-unread={t.unread ? 'true' : undefined}>
              {t.author.id !== me.value?.id && mutedWordIn(`${t.title}\n${t.preview ?? ''}`) ? (
                <Folded what="thread">
                  <ThreadLink href={`/c/${c.id}/threads/${t.id}`} title={t.title} unread={Boolean(t.unread)} />
                  {t.preview && <span class="preview">{t.preview}</span>}
                </Folded>
              ) : (
                <>
                  <ThreadLink href={`/c/${c.id}/threads/${t.id}`} title={t.title} unread={Boolean(t.unread)} />
                  {t.preview && <span class="preview">{t.preview}</span>}
                </>
              )}
              <span class="quiet">
                {t.author.displayName}, {t.postCount} {t.postCount === 1 ? 'post' : 'posts'}
                {t.lastPostAt && (
                  <>
                    , last <Ago iso={t.lastPostAt} />
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
        {more && (
          <button type="button" class="plain" onClick={() => void loadMore()}>
            Show older threads
          </button>
        )}
      </section>
    </>
  );
}

function InfoBoard({ board }: { board: Board }) {
  const pages = useLoad(() => api.get<Page<InfoPage>>(`/boards/${board.id}/pages`), [board.id]);
  const canEdit = isStaff.value || isTop3.value;
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <PageTitle>{board.name}</PageTitle>
      {board.description && <p class="quiet">{board.description}</p>}
      {pages.error && <Problem>{pages.error}</Problem>}
      {!pages.data && !pages.error && <Loading what="the pages" />}
      {pages.data?.items.map((p) => (
        <section key={p.id} class="card" aria-labelledby={`page-${p.slug}`} data-page={p.slug}>
          <h2 id={`page-${p.slug}`}>{p.title}</h2>
          {editing === p.slug ? (
            <InfoPageEditor
              boardId={board.id}
              page={p}
              onSaved={() => {
                setEditing(null);
                pages.reload();
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <>
              <div class="body" dangerouslySetInnerHTML={{ __html: p.html }} />
              {canEdit && (
                <button
                  type="button"
                  class="plain"
                  aria-label={`Change “${p.title}”`}
                  onClick={() => setEditing(p.slug)}
                >
                  Change this page
                </button>
              )}
            </>
          )}
        </section>
      ))}
      {canEdit && (
        <section aria-labelledby="add-page-title">
          <h2 id="add-page-title">Add a page</h2>
          <InfoPageEditor boardId={board.id} onSaved={pages.reload} />
        </section>
      )}
    </>
  );
}

function ThreadLink({ href, title, unread }: { href: string; title: string; unread: boolean }) {
  return (
    <a href={href}>
      {title}
      {unread && <span class="new"> new</span>}
    </a>
  );
}
