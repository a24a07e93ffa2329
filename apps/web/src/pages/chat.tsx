import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api';
import { delayWords } from '../components/composer';
import { ActionButton, Loading, PageTitle, Problem, messageOf, useLoad } from '../components/ui';
import { on } from '../realtime';
import { community, isTop3, me, membership } from '../session';
import type { Person, RoomView } from '../types';

/** Chat: the community's rooms, one-to-one conversations, and (for the Top 3) requests to monitor. */
export function ChatPage() {
  const c = community.value!;
  const rooms = useLoad(() => api.get<{ items: RoomView[] }>(`/communities/${c.id}/chat/rooms`), [c.id]);
  useEffect(() => {
    const offs = [on('chat.monitors', () => rooms.reload()), on('chat.direct-requested', () => rooms.reload())];
    return () => offs.forEach((off) => off());
  }, [c.id]);
  const shared = rooms.data?.items.filter((r) => r.kind === 'chat') ?? [];
  const direct = rooms.data?.items.filter((r) => r.kind === 'direct') ?? [];
  return (
    <>
      <PageTitle>Chat</PageTitle>
      <p>
        Live chat with the community.{' '}
        {c.chatDelaySeconds > 0
          ? `Messages appear about ${delayWords(c.chatDelaySeconds)} after they are sent.`
          : 'Messages appear as soon as they are sent.'}
      </p>
      {rooms.error && <Problem>{rooms.error}</Problem>}
      {!rooms.data && !rooms.error && <Loading what="the chat rooms" />}
      {shared.length > 0 && (
        <section aria-labelledby="rooms-title">
          <h2 id="rooms-title">Rooms</h2>
          <ul class="cards">
            {shared.map((r) => (
              <li key={r.id} class="card">
                <a href={`/c/${c.id}/chat/${r.id}`}>{r.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {direct.length > 0 && (
        <section aria-labelledby="direct-title">
          <h2 id="direct-title">Your one-to-one conversations</h2>
          <ul class="cards">
            {direct.map((r) => (
              <li key={r.id} class="card" data-room={r.id}>
                <a href={`/c/${c.id}/chat/${r.id}`}>{r.name}</a>
                <p class="quiet">{directState(r)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {isTop3.value && <MonitorRequests />}
      {membership.value?.role === 'member' && <AskToTalk />}
      {isTop3.value && <NewRoom onMade={rooms.reload} />}
    </>
  );
}

export function directState(r: RoomView): string {
  if (r.ended) return 'This conversation has ended.';
  if (r.open) return 'Open: two Top 3 members are with you.';
  const n = r.monitors.length;
  return `Waiting for two Top 3 members to join (${n === 0 ? 'none yet' : 'one so far'}).`;
}

/** A member asks to talk with one other member; it opens only while two Top 3 members are with them. */
function AskToTalk() {
  const c = community.value!;
  const { route } = useLocation();
  const people = useLoad(() => api.get<{ items: Person[] }>(`/communities/${c.id}/people`), [c.id]);
  const [who, setWho] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const others = people.data?.items.filter((p) => p.id !== me.value?.id) ?? [];
  return (
    <section aria-labelledby="ask-title">
      <h2 id="ask-title">Talk one-to-one</h2>
      {c.directConversations ? (
        <>
          <p id="ask-explained">
            You can ask to talk with one other member. To keep everyone safe, a one-to-one conversation only opens while
            two of the Top 3 are there with you: they can read everything in it, and either of them can end it. Until
            two have joined, it waits, and the community room is always open.
          </p>
          {people.error && <Problem>{people.error}</Problem>}
          <form
            class="stack narrow"
            onSubmit={(e) => {
              e.preventDefault();
              if (!who) return;
              setBusy(true);
              setError(null);
              api.post<RoomView>(`/communities/${c.id}/chat/direct`, { withUserId: who }).then(
                (room) => route(`/c/${c.id}/chat/${room.id}`),
                (err: unknown) => {
                  setBusy(false);
                  setError(messageOf(err));
                },
              );
            }}
          >
            <label for="talk-with">Who would you like to talk with?</label>
            <select
              id="talk-with"
              required
              aria-describedby="ask-explained"
              value={who}
              onChange={(e) => setWho(e.currentTarget.value)}
            >
              <option value="">Choose someone</option>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </select>
            {error && <Problem>{error}</Problem>}
            <button type="submit" class="primary" disabled={busy || !who}>
              Ask to talk
            </button>
          </form>
        </>
      ) : (
        <p>This community keeps all its chat in the shared room, so one-to-one conversations are switched off.</p>
      )}
    </section>
  );
}

/** Top 3: conversations waiting for monitors (or being monitored), live as requests come in. */
function MonitorRequests() {
  const c = community.value!;
  const { route } = useLocation();
  const list = useLoad(() => api.get<{ items: RoomView[] }>(`/communities/${c.id}/chat/direct`), [c.id]);
  useEffect(() => {
    const offs = [on('chat.direct-requested', () => list.reload()), on('chat.monitors', () => list.reload())];
    return () => offs.forEach((off) => off());
  }, [c.id]);
  const myId = me.value?.id;
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">Asking to talk one-to-one</h2>
      <p class="quiet">
        A one-to-one conversation opens while two of you are monitoring it. You can read it once you join.
      </p>
      {list.error && <Problem>{list.error}</Problem>}
      {list.data?.items.length === 0 && <p class="quiet">Nobody is waiting.</p>}
      <ul class="cards">
        {list.data?.items.map((r) => {
          const monitoring = r.monitors.some((m) => m.id === myId);
          return (
            <li key={r.id} class="card" data-request={r.id}>
              <p>
                <strong>{r.members.map((m) => m.displayName).join(' and ')}</strong>
              </p>
              <p class="quiet">
                {r.open
                  ? `Open, monitored by ${r.monitors.map((m) => m.displayName).join(' and ')}.`
                  : r.monitors.length === 0
                    ? 'Waiting for two Top 3 members.'
                    : `Waiting for one more Top 3 member (${r.monitors[0].displayName} is there).`}
              </p>
              {monitoring ? (
                <a href={`/c/${c.id}/chat/${r.id}`}>Open the conversation</a>
              ) : (
                <ActionButton
                  kind="primary"
                  label={`Join ${r.members.map((m) => m.displayName).join(' and ')} as a monitor`}
                  onClick={async () => {
                    await api.post(`/communities/${c.id}/chat/rooms/${r.id}/monitors`);
                    route(`/c/${c.id}/chat/${r.id}`);
                  }}
                >
                  Join as a monitor
                </ActionButton>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Top 3: open another shared room. */
function NewRoom(props: { onMade: () => void }) {
  const c = community.value!;
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="stack narrow"
      aria-labelledby="new-room-title"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        api.post(`/communities/${c.id}/chat/rooms`, { name: name.trim() }).then(
          () => {
            setName('');
            props.onMade();
          },
          (err: unknown) => setError(messageOf(err)),
        );
      }}
    >
      <h2 id="new-room-title">Open another room</h2>
      <label for="room-name">Room name</label>
      <input id="room-name" required maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      {error && <Problem>{error}</Problem>}
      <button type="submit" class="plain">
        Open the room
      </button>
    </form>
  );
}
