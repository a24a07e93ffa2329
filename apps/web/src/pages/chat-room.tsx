import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, type Page } from '../api';
import { SendAsItIs, delayWords, useGuidedSend } from '../components/composer';
import { useServerDraft } from '../components/drafts';
import { HeldPost, PostItem } from '../components/posts';
import { ActionButton, Loading, PageTitle, Problem, messageOf } from '../components/ui';
import { connection, emit, on } from '../realtime';
import { community, me } from '../session';
import type { AuthorView, CrisisContactView, PostView, RoomView } from '../types';
import { directState } from './chat';

interface Joined {
  room: RoomView;
  history: PostView[];
  nextCursor: string | null;
}

type Sent = PostView & { message?: string; crisisContacts?: CrisisContactView[] };

const TYPING_SHOWN_MS = 4_000;
const TYPING_EVERY_MS = 1_500;

/** One room: join it over the socket, see who is here, send, and watch messages arrive. */
export function ChatRoomPage() {
  const { params } = useRoute();
  const rid = params.rid;
  const c = community.value!;
  const live = connection.value === 'live';
  const [room, setRoom] = useState<RoomView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [messages, setMessages] = useState<PostView[]>([]);
  const [earlier, setEarlier] = useState<string | null>(null);
  const [mine, setMine] = useState<Sent[]>([]);
  const [here, setHere] = useState<AuthorView[]>([]);
  const [typing, setTyping] = useState<Record<string, { name: string; at: number }>>({});

  const upsert = (list: PostView[], add: PostView[]) => {
    const byId = new Map(list.map((m) => [m.id, m]));
    for (const m of add) byId.set(m.id, m);
    return [...byId.values()].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  };

  // Join when the connection is live (again after a reconnect), leave when the page closes.
  useEffect(() => {
    if (!live) return;
    let stillHere = true;
    emit<Joined>('chat.join', { roomId: rid }).then(
      (j) => {
        if (!stillHere) return;
        setError(null);
        setRoom(j.room);
        setMessages((list) => upsert(list, j.history));
        setEarlier((e) => e ?? j.nextCursor);
      },
      (e: unknown) => stillHere && setError(messageOf(e)),
    );
    return () => {
      stillHere = false;
      emit('chat.leave', { roomId: rid }).catch(() => undefined);
    };
  }, [rid, live]);

  useEffect(() => {
    const offs = [
      on('chat.message', (e) => {
        if (e.data.roomId !== rid) return;
        setMine((list) => list.filter((m) => m.id !== e.data.message.id));
        setMessages((list) => upsert(list, [e.data.message]));
      }),
      on('post.removed', (e) =>
        setMessages((list) =>
          list.map((m) =>
            m.id === e.data.postId ? { ...m, status: e.data.status, notice: e.data.notice, html: '' } : m,
          ),
        ),
      ),
      on('chat.monitors', (e) => {
        if (e.data.roomId !== rid) return;
        setRoom((r) => (r ? { ...r, monitors: e.data.monitors, open: e.data.open, ended: e.data.ended } : r));
      }),
      on('presence', (p) => p.roomId === rid && setHere(p.here)),
      on('typing', (t) => {
        if (t.roomId !== rid || t.user.id === me.value?.id) return;
        setTyping((all) => ({ ...all, [t.user.id]: { name: t.user.displayName, at: Date.now() } }));
      }),
    ];
    const sweep = setInterval(
      () =>
        setTyping((all) => {
          const fresh = Object.entries(all).filter(([, v]) => Date.now() - v.at < TYPING_SHOWN_MS);
          return fresh.length === Object.keys(all).length ? all : Object.fromEntries(fresh);
        }),
      1_000,
    );
    return () => {
      offs.forEach((off) => off());
      clearInterval(sweep);
    };
  }, [rid]);

  if (error && !room) {
    return (
      <>
        <p class="crumbs">
          <a href={`/c/${c.id}/chat`}>Back to chat</a>
        </p>
        <PageTitle>Chat</PageTitle>
        <Problem>{error}</Problem>
      </>
    );
  }
  if (!room) return <Loading what={live ? 'the chat' : 'the chat (waiting for the connection)'} />;

  const loadEarlier = async () => {
    if (!earlier) return;
    const page = await api.get<Page<PostView>>(
      `/communities/${c.id}/chat/rooms/${rid}/messages?limit=50&cursor=${encodeURIComponent(earlier)}`,
    );
    setMessages((list) => upsert(list, page.items));
    setEarlier(page.nextCursor);
  };
  const typingNames = Object.values(typing).map((t) => t.name);
  const direct = room.kind === 'direct';
  const monitoring = room.monitors.some((m) => m.id === me.value?.id);

  return (
    <>
      <p class="crumbs">
        <a href={`/c/${c.id}/chat`}>Back to chat</a>
      </p>
      <PageTitle>{room.name}</PageTitle>
      {direct && <DirectPanel room={room} monitoring={monitoring} />}
      <p class="quiet" data-here>
        Here now: {here.length > 0 ? here.map((h) => h.displayName).join(', ') : 'just you'}
      </p>
      {earlier && (
        <button type="button" class="plain" onClick={() => void loadEarlier()}>
          Show earlier messages
        </button>
      )}
      <section role="log" aria-label="Messages" class="posts chat">
        {messages.length === 0 && <p class="quiet">No messages yet.</p>}
        {messages.map((m) => (
          <PostItem key={m.id} post={m} />
        ))}
      </section>
      {mine.length > 0 && (
        <section aria-label="Your messages on their way" class="posts mine">
          {mine.map((m) =>
            m.status === 'held' ? (
              <HeldPost key={m.id} post={m} message={m.message} contacts={m.crisisContacts} />
            ) : (
              <p key={m.id} class="post pending" data-status="pending">
                <span class="quiet">On its way: </span>
                {m.body}
              </p>
            ),
          )}
        </section>
      )}
      <p class="quiet typing" aria-live="polite">
        {typingNames.length > 0 && `${typingNames.join(' and ')} ${typingNames.length === 1 ? 'is' : 'are'} typing…`}
      </p>
      {room.open ? (
        <ChatComposer roomId={rid} onSent={(m) => setMine((list) => [...list, m])} />
      ) : (
        <p class="note gentle">
          {room.ended
            ? 'This conversation has ended. The community chat room is always open.'
            : 'You can write here once two Top 3 members have joined.'}
        </p>
      )}
    </>
  );
}

/** Who a direct conversation is between, who is monitoring it, and the monitor's controls. */
function DirectPanel({ room, monitoring }: { room: RoomView; monitoring: boolean }) {
  const c = community.value!;
  const { route } = useLocation();
  return (
    <section class="card" aria-labelledby="direct-about" data-open={String(room.open)}>
      <h2 id="direct-about" class="small">
        A one-to-one conversation
      </h2>
      <p>
        Between {room.members.map((m) => m.displayName).join(' and ')}.{' '}
        {room.monitors.length > 0
          ? `Top 3 with you: ${room.monitors.map((m) => m.displayName).join(' and ')}.`
          : 'No Top 3 member has joined yet.'}
      </p>
      <p role="status" data-direct-state>
        {directState(room)}
        {!room.open && !room.ended && ' It opens only while two of the Top 3 are with you, to keep everyone safe.'}
      </p>
      {monitoring && !room.ended && (
        <div class="row">
          <ActionButton
            kind="plain"
            onClick={async () => {
              await api.del(`/communities/${c.id}/chat/rooms/${room.id}/monitors`);
              route(`/c/${c.id}/chat`);
            }}
          >
            Stop monitoring
          </ActionButton>
          <ActionButton kind="careful" onClick={() => api.post(`/communities/${c.id}/chat/rooms/${room.id}/end`)}>
            End this conversation
          </ActionButton>
        </div>
      )}
    </section>
  );
}

/** Writing a message: sent over the socket, shared for everyone after the community's chat delay. */
function ChatComposer(props: { roomId: string; onSent: (m: Sent) => void }) {
  const [body, setBody] = useState('');
  // Chat keeps no words in the tab: the server's draft is the only one, so it always fills an empty box.
  const server = useServerDraft(`room:${props.roomId}`, { body }, { keptAt: () => 0, load: (d) => setBody(d.body) });
  const lastTyping = useRef(0);
  const delay = community.value?.chatDelaySeconds ?? 0;
  const guided = useGuidedSend(
    (acknowledged, key) =>
      emit<Sent>('chat.send', {
        roomId: props.roomId,
        body,
        idempotencyKey: key,
        ...(acknowledged ? { guidelinesAcknowledged: true } : {}),
      }),
    (m) => {
      setBody('');
      server.sent();
      props.onSent(m);
    },
  );
  const send = (acknowledged: boolean) => {
    if (body.trim()) guided.send(acknowledged);
  };

  return (
    <form
      class="composer stack"
      aria-label="Send a message"
      onSubmit={(e) => {
        e.preventDefault();
        send(false);
      }}
    >
      <label for="chat-body">Your message</label>
      <textarea
        id="chat-body"
        required
        rows={3}
        maxLength={2000}
        aria-describedby="chat-hint"
        value={body}
        onInput={(e) => {
          setBody(e.currentTarget.value);
          server.typed();
          if (Date.now() - lastTyping.current > TYPING_EVERY_MS) {
            lastTyping.current = Date.now();
            emit('typing', { roomId: props.roomId }).catch(() => undefined);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send(false);
          }
        }}
      />
      <p id="chat-hint" class="quiet">
        {delay > 0
          ? `Your message appears for everyone about ${delayWords(delay)} after you send it, so there's a moment to breathe.`
          : 'Your message appears for everyone as soon as it is sent.'}{' '}
        Enter sends; Shift and Enter starts a new line.
      </p>
      {guided.warning && <SendAsItIs warning={guided.warning} busy={guided.busy} onSend={() => send(true)} />}
      {guided.error && <Problem>{guided.error}</Problem>}
      <button type="submit" class="primary" disabled={guided.busy}>
        {guided.busy ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}
