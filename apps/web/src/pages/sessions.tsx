import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, type Page } from '../api';
import { SaveChanges, allPages, useSubmit } from '../components/form';
import { Done, Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { community } from '../session';
import type { AttendanceMarkView, AttendanceView, CommunitySessionView } from '../types';
import type { MemberView } from './people';

type Mark = AttendanceMarkView['mark'];

const MARKS: [Mark, string][] = [
  ['attended', 'Came'],
  ['contact', 'Didn’t come, got in touch'],
  ['no-contact', 'Didn’t come, no contact'],
];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Staff: the community's sessions, and adding new ones (one at a time or as a weekly series). */
export function SessionsPage() {
  const c = community.value!;
  const list = useLoad(() => api.get<Page<CommunitySessionView>>(`/communities/${c.id}/sessions`), [c.id]);
  const now = Date.now();
  const upcoming = list.data?.items.filter((s) => Date.parse(s.startsAt) >= now) ?? [];
  const earlier = (list.data?.items.filter((s) => Date.parse(s.startsAt) < now) ?? []).reverse();
  return (
    <>
      <PageTitle>Sessions and attendance</PageTitle>
      <p class="quiet">
        Record who came to each session, who got in touch instead, and who we didn’t hear from. After{' '}
        {c.suspensionAfterNoContact} sessions in a row with no contact, a member’s place on the board is paused for a
        while; they can still come to sessions.
      </p>
      <AddSessions onAdded={list.reload} />
      {list.error && <Problem>{list.error}</Problem>}
      {!list.data && !list.error && <Loading what="the sessions" />}
      <SessionList title="Earlier sessions" id="earlier" sessions={earlier} empty="No earlier sessions." />
      <SessionList title="Coming up" id="upcoming" sessions={upcoming} empty="Nothing planned yet." />
    </>
  );
}

function SessionList(props: { title: string; id: string; sessions: CommunitySessionView[]; empty: string }) {
  const c = community.value!;
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.sessions.length === 0 && <p class="quiet">{props.empty}</p>}
      <ul class="threads">
        {props.sessions.map((s) => (
          <li key={s.id} data-session-id={s.id}>
            <a href={`/c/${c.id}/sessions/${s.id}`}>
              {s.title}, {when(s.startsAt)}
            </a>
            <span class="quiet"> — {s.recorded === 0 ? 'no attendance yet' : `${s.recorded} recorded`}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AddSessions({ onAdded }: { onAdded: () => void }) {
  const c = community.value!;
  const [kind, setKind] = useState<'one' | 'series'>('one');
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [time, setTime] = useState('10:00');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';
  const add = useSubmit();
  const ready = kind === 'one' ? !!startsAt : weekdays.length > 0 && !!time && !!from && !!until;
  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title">Add sessions</h2>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const body =
            kind === 'one'
              ? { startsAt: new Date(startsAt).toISOString() }
              : { repeat: { weekdays: [...weekdays].sort(), time, timezone, from, until } };
          void add
            .run(
              () =>
                api.post<{ items: CommunitySessionView[] }>(`/communities/${c.id}/sessions`, {
                  ...(title.trim() ? { title: title.trim() } : {}),
                  ...body,
                }),
              kind === 'one' ? 'Added. It is in the list below.' : 'Added. They are in the list below.',
            )
            .then((ok) => ok && onAdded());
        }}
      >
        <fieldset>
          <legend>What to add</legend>
          <label class="check">
            <input type="radio" name="kind" checked={kind === 'one'} onChange={() => setKind('one')} /> One session
          </label>
          <label class="check">
            <input type="radio" name="kind" checked={kind === 'series'} onChange={() => setKind('series')} /> The same
            days every week
          </label>
        </fieldset>
        <label for="session-title">Name (you can leave this empty)</label>
        <input
          id="session-title"
          value={title}
          maxLength={120}
          placeholder="Community session"
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        {kind === 'one' ? (
          <>
            <label for="session-starts">Date and time</label>
            <input
              id="session-starts"
              type="datetime-local"
              value={startsAt}
              onInput={(e) => setStartsAt(e.currentTarget.value)}
            />
          </>
        ) : (
          <>
            <fieldset>
              <legend>On these days</legend>
              {WEEKDAYS.map((name, i) => (
                <label key={name} class="check">
                  <input
                    type="checkbox"
                    checked={weekdays.includes(i + 1)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setWeekdays((ds) => (on ? [...ds, i + 1] : ds.filter((d) => d !== i + 1)));
                    }}
                  />{' '}
                  {name}
                </label>
              ))}
            </fieldset>
            <label for="series-time">At (your time, {timezone})</label>
            <input id="series-time" type="time" value={time} onInput={(e) => setTime(e.currentTarget.value)} />
            <label for="series-from">From</label>
            <input id="series-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
            <label for="series-until">Until</label>
            <input id="series-until" type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
          </>
        )}
        {add.error && <Problem>{add.error}</Problem>}
        {add.done && <Done>{add.done}</Done>}
        <div class="row">
          <button type="submit" class="primary" disabled={add.busy || !ready}>
            {kind === 'one' ? 'Add the session' : 'Add the sessions'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One session: a mark for each member, saved together. */
export function SessionPage() {
  const { params } = useRoute();
  const sid = params.sid;
  const c = community.value!;
  const attendance = useLoad(() => api.get<AttendanceView>(`/sessions/${sid}/attendance`), [sid]);
  const members = useLoad(
    () => allPages<MemberView>(api.get, `/communities/${c.id}/members`).then((all) => all.filter(attends)),
    [c.id],
  );
  // What the staff member has changed on this page; the recorded marks show from the first frame.
  const [edits, setEdits] = useState<Record<string, Mark>>({});
  const save = useSubmit();
  if (attendance.error) return <Problem>{attendance.error}</Problem>;
  if (members.error) return <Problem>{members.error}</Problem>;
  if (!attendance.data || !members.data) return <Loading what="the session" />;
  const marks: Record<string, Mark> = {
    ...Object.fromEntries(attendance.data.items.map((i) => [i.userId, i.mark])),
    ...edits,
  };
  const s = attendance.data.session;
  const changed = members.data.filter(
    (m) => marks[m.userId] && marks[m.userId] !== attendance.data!.items.find((i) => i.userId === m.userId)?.mark,
  );
  return (
    <>
      <p class="crumbs">
        <a href={`/c/${c.id}/sessions`}>All sessions</a>
      </p>
      <PageTitle>
        {s.title}, {when(s.startsAt)}
      </PageTitle>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(
            () =>
              api
                .put<AttendanceView>(`/sessions/${sid}/attendance`, {
                  records: changed.map((m) => ({ userId: m.userId, mark: marks[m.userId] })),
                })
                .then((next) => {
                  attendance.set(() => next);
                  setEdits({});
                }),
            'Attendance saved.',
          );
        }}
      >
        {members.data.length === 0 && <p class="quiet">There are no members to record yet.</p>}
        <ul class="log">
          {members.data.map((m) => (
            <li key={m.userId} data-member={m.username}>
              <fieldset class="marks">
                <legend>
                  {m.displayName}
                  {m.status === 'suspended' && <span class="tag">paused</span>}
                </legend>
                {MARKS.map(([mark, words]) => (
                  <label key={mark} class="check">
                    <input
                      type="radio"
                      name={`mark-${m.userId}`}
                      value={mark}
                      checked={marks[m.userId] === mark}
                      onChange={() => setEdits((old) => ({ ...old, [m.userId]: mark }))}
                    />{' '}
                    {words}
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ul>
        <SaveChanges submit={save} changes={changed.length}>
          Save attendance
        </SaveChanges>
      </form>
    </>
  );
}

/** Attendance is for members (not staff), including anyone whose place is paused; not those who left. */
const attends = (m: MemberView): boolean => m.role === 'member' && m.status !== 'left';
