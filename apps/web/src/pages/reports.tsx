import { newReports } from './reports-count';
import { useEffect, useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { useSubmit } from '../components/form';
import { ActionButton, Done, Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { on } from '../realtime';
import { community, isStaff, isTop3 } from '../session';
import type { LogRecordView, SignificantEventView } from '../types';

/**
 * Significant events: the Top 3 tell the staff team about something that matters; staff see each
 * report as it arrives and say they have seen it.
 */
export function SignificantEventsPage() {
  const c = community.value!;
  const list = useLoad(() => api.get<Page<SignificantEventView>>(`/communities/${c.id}/significant-events`), [c.id]);
  const [arrived, setArrived] = useState<string | null>(null);
  useEffect(() => {
    newReports.value = 0;
    return on('significant-event.created', (e) => {
      if (e.communityId !== c.id) return;
      newReports.value = 0;
      setArrived(`A new report from ${e.data.reportedBy.displayName} has just arrived.`);
      list.reload();
    });
  }, [c.id]);
  const waiting = list.data?.items.filter((r) => !r.acknowledgedAt).length ?? 0;
  return (
    <>
      <PageTitle>Significant events</PageTitle>
      <p class="quiet">
        {isStaff.value
          ? 'Reports from the Top 3 about something the staff team should know. New ones appear here as they arrive; please say when you have seen each one.'
          : 'Tell the staff team about something that matters. Each report also goes into the next community meeting’s pack.'}
      </p>
      {isTop3.value && <ReportForm onSent={list.reload} />}
      <section aria-labelledby="reports-title">
        <h2 id="reports-title">Reports</h2>
        <div aria-live="polite" role="status">
          {arrived && <p class="done">{arrived}</p>}
        </div>
        {isStaff.value && list.data && (
          <p>{waiting === 0 ? 'Every report has been seen.' : `${waiting} waiting to be acknowledged.`}</p>
        )}
        {list.error && <Problem>{list.error}</Problem>}
        {!list.data && !list.error && <Loading what="the reports" />}
        {list.data?.items.length === 0 && <p class="quiet">No reports yet.</p>}
        <ol class="log">
          {list.data?.items.map((r) => (
            <li key={r.id} class="card" data-report-id={r.id}>
              <p>
                <strong>From {r.reportedBy.displayName}</strong>, {when(r.createdAt)}
                {!r.acknowledgedAt && <span class="tag">not yet acknowledged</span>}
              </p>
              <blockquote class="verbatim">{r.summary}</blockquote>
              {r.postIds.length > 0 && (
                <p class="quiet">
                  It concerns {r.postIds.length} {r.postIds.length === 1 ? 'entry' : 'entries'} on the board.
                </p>
              )}
              {r.acknowledgedAt ? (
                <p class="quiet">
                  Acknowledged by {r.acknowledgedBy?.displayName}, {when(r.acknowledgedAt)}.
                </p>
              ) : (
                isStaff.value && (
                  <div class="row">
                    <ActionButton
                      kind="primary"
                      label={`Acknowledge the report from ${r.reportedBy.displayName}, ${when(r.createdAt)}`}
                      onClick={() =>
                        api
                          .post<SignificantEventView>(`/significant-events/${r.id}/ack`)
                          .then((next) =>
                            list.set(
                              (old) => old && { ...old, items: old.items.map((x) => (x.id === next.id ? next : x)) },
                            ),
                          )
                      }
                    >
                      I have seen this
                    </ActionButton>
                  </div>
                )
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** The Top 3's report: what happened, and (if it helps) the entries it concerns. */
function ReportForm({ onSent }: { onSent: () => void }) {
  const c = community.value!;
  const [summary, setSummary] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const send = useSubmit();
  // Entries the Top 3 have recently looked at (held, flagged, noted), from the open log only:
  // private boards stay with the community and cannot go in a report to staff.
  const recent = useLoad(() => api.get<Page<LogRecordView>>(`/communities/${c.id}/log?limit=100`), [c.id]);
  const entries = dedupe((recent.data?.items ?? []).filter((r) => r.chain === 'open' && r.postId && r.entryText));
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">Tell the staff team</h2>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void send
            .run(
              () => api.post(`/communities/${c.id}/significant-events`, { summary: summary.trim(), postIds: chosen }),
              'Sent. The staff team has been told, and it will be in the next meeting’s pack.',
            )
            .then((ok) => {
              if (!ok) return;
              setSummary('');
              setChosen([]);
              onSent();
            });
        }}
      >
        <label for="report-summary">What happened</label>
        <textarea
          id="report-summary"
          rows={4}
          maxLength={5000}
          value={summary}
          onInput={(e) => setSummary(e.currentTarget.value)}
        />
        {entries.length > 0 && (
          <fieldset>
            <legend>Entries it concerns (you can leave these unticked)</legend>
            {entries.slice(0, 20).map((r) => (
              <label key={r.postId} class="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(r.postId!)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setChosen((ids) => (on ? [...ids, r.postId!] : ids.filter((x) => x !== r.postId)));
                  }}
                />{' '}
                “{short(r.entryText!)}” <span class="quiet">({when(r.at)})</span>
              </label>
            ))}
          </fieldset>
        )}
        {send.error && <Problem>{send.error}</Problem>}
        {send.done && <Done>{send.done}</Done>}
        <div class="row">
          <button type="submit" class="primary" disabled={send.busy || !summary.trim()}>
            Send to the staff team
          </button>
        </div>
      </form>
    </section>
  );
}

function dedupe(records: LogRecordView[]): LogRecordView[] {
  const seen = new Set<string>();
  return records.filter((r) => (seen.has(r.postId!) ? false : (seen.add(r.postId!), true)));
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}
