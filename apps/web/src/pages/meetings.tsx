import { LOG_ACTION_WORDS, WORDS_REMOVED } from '@p2p/contract';
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, type Page } from '../api';
import { useSubmit } from '../components/form';
import { Done, Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { community, isTop3 } from '../session';
import type { MeetingPack, MeetingSummaryView, PackItem } from '../types';

/** Community meetings: open one, and find the packs of earlier ones. */
export function MeetingsPage() {
  const c = community.value!;
  const { route } = useLocation();
  const meetings = useLoad(() => api.get<Page<MeetingSummaryView>>(`/communities/${c.id}/meetings`), [c.id]);
  const [title, setTitle] = useState('');
  const open = useSubmit();
  return (
    <>
      <PageTitle>Community meetings</PageTitle>
      <p class="quiet">
        Opening a meeting makes its pack: everything the Top 3 marked for the meeting since the last one, and the things
        the community always hears about — reports to staff, pauses and returns, election results.
      </p>
      <section aria-labelledby="open-title">
        <h2 id="open-title">Open a meeting</h2>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            let id = '';
            void open
              .run(async () => {
                id = (await api.post<MeetingPack>(`/communities/${c.id}/meetings`, title.trim() ? { title } : {})).id;
              })
              .then((ok) => ok && route(`/c/${c.id}/meetings/${id}`));
          }}
        >
          <label for="meeting-title">Name of the meeting (you can leave this empty)</label>
          <input
            id="meeting-title"
            value={title}
            maxLength={200}
            placeholder="Community meeting, Tuesday"
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          {open.error && <Problem>{open.error}</Problem>}
          <div class="row">
            <button type="submit" class="primary" disabled={open.busy}>
              Open the meeting
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">Meetings</h2>
        {meetings.error && <Problem>{meetings.error}</Problem>}
        {!meetings.data && !meetings.error && <Loading what="the meetings" />}
        {meetings.data?.items.length === 0 && <p class="quiet">No meetings yet.</p>}
        <ul class="threads">
          {meetings.data?.items.map((m) => (
            <li key={m.id}>
              <a href={`/c/${c.id}/meetings/${m.id}`}>{m.title}</a>
              <span class="quiet"> — opened {when(m.openedAt)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** One meeting's pack: what the meeting looks at, and — once the Top 3 record it — what it decided. */
export function MeetingPage() {
  const { params } = useRoute();
  const mid = params.mid;
  const c = community.value!;
  const pack = useLoad(() => api.get<MeetingPack>(`/meetings/${mid}/pack`), [mid]);
  const download = useSubmit();
  if (pack.error) return <Problem>{pack.error}</Problem>;
  if (!pack.data) return <Loading what="the meeting pack" />;
  const p = pack.data;
  return (
    <>
      <p class="crumbs">
        <a href={`/c/${c.id}/meetings`}>All meetings</a>
      </p>
      <PageTitle>{p.title}</PageTitle>
      <p class="quiet">
        Opened {when(p.openedAt)}. {p.coversFrom ? `It covers everything since ${when(p.coversFrom)}.` : ''}
      </p>
      <div class="row">
        <a class="button" href={`/api/meetings/${p.id}/pack`} target="_blank" rel="noopener">
          Printable pack (opens in a new tab)
        </a>
        <button
          type="button"
          class="plain"
          disabled={download.busy}
          onClick={() =>
            void download.run(async () => {
              const text = await api.text(`/meetings/${p.id}/pack`, 'text/markdown');
              saveText(text, `${p.title.replace(/[^\w -]+/g, '').trim() || 'meeting'}.md`);
            })
          }
        >
          Download as Markdown
        </button>
      </div>
      {download.error && <Problem>{download.error}</Problem>}
      {p.items.length === 0 && <p>Nothing was marked for this meeting.</p>}
      <ol class="log">
        {p.items.map((item) => (
          <li key={item.id}>
            <PackEntry meetingId={p.id} item={item} onSaved={(next) => pack.set(() => next)} />
          </li>
        ))}
      </ol>
    </>
  );
}

function PackEntry(props: { meetingId: string; item: PackItem; onSaved: (pack: MeetingPack) => void }) {
  const { item } = props;
  const [outcome, setOutcome] = useState(item.outcome ?? '');
  useEffect(() => setOutcome(item.outcome ?? ''), [item.outcome]);
  const save = useSubmit();
  const id = `item-${item.id}`;
  return (
    <article class="card" aria-labelledby={`${id}-title`} data-item-id={item.id} data-log-action={item.action}>
      <h2 id={`${id}-title`} class="small">
        {item.position}. {LOG_ACTION_WORDS[item.action] ?? item.action.replace(/[-_]/g, ' ')}
        {item.chain === 'private' && <span class="tag">private board</span>}
      </h2>
      <p class="quiet">
        {when(item.at)}
        {item.actor ? `, ${item.actor}` : ''}
      </p>
      {item.entryText && <blockquote class="verbatim">{item.entryText}</blockquote>}
      {item.wordsRemoved && <p class="quiet">{WORDS_REMOVED[item.wordsRemoved]}</p>}
      {item.reason && <p>Why: {item.reason}</p>}
      {isTop3.value ? (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run(
              () =>
                api
                  .put<MeetingPack>(`/meetings/${props.meetingId}/items/${item.id}`, { outcome: outcome.trim() })
                  .then(props.onSaved),
              'Saved. The pack and the log keep it.',
            );
          }}
        >
          <label for={`${id}-outcome`}>What the meeting decided</label>
          <textarea
            id={`${id}-outcome`}
            rows={2}
            maxLength={5000}
            value={outcome}
            onInput={(e) => setOutcome(e.currentTarget.value)}
          />
          {save.error && <Problem>{save.error}</Problem>}
          {save.done && <Done>{save.done}</Done>}
          <div class="row">
            <button type="submit" class="primary" disabled={save.busy || !outcome.trim()}>
              Save the outcome
            </button>
          </div>
        </form>
      ) : (
        <p data-outcome>
          <strong>Outcome:</strong> {item.outcome ?? 'not recorded yet'}
        </p>
      )}
      {item.outcomeAt && <p class="quiet">Outcome recorded {when(item.outcomeAt)}.</p>}
    </article>
  );
}

/** Hands a text file to the browser's downloads, without leaving the page. */
function saveText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
