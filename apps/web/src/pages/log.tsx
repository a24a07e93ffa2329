import { LOG_ACTION_WORDS, WORDS_REMOVED } from '@p2p/contract';
import { useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { ActionButton, Done, Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { community, isTop3 } from '../session';
import type { LogRecordView, LogVerifyView } from '../types';

/** The log's own words for the steps seen most; other steps are named as the meeting pack names them. */
const ACTIONS: Record<string, string> = {
  hold: 'Held by the guidelines',
  flag: 'Flagged',
  hide: 'Hidden after flags',
  approve: 'Shared after review',
  delete: 'Taken down',
  restore: 'Restored',
  annotate: 'Note added',
};

/** The verbatim log: every moderation step with the entry's exact words at that moment. */
export function LogPage() {
  const c = community.value!;
  const [cursor, setCursor] = useState<string | null>(null);
  const log = useLoad(
    () =>
      api.get<Page<LogRecordView>>(
        `/communities/${c.id}/log?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    [c.id, cursor],
  );
  const [verified, setVerified] = useState<LogVerifyView | null>(null);
  return (
    <>
      <PageTitle>Moderation log</PageTitle>
      <p class="quiet">
        Every step the Top 3 take, and every entry held or flagged, word for word. Records can't be changed or removed;
        checking the log proves that.
      </p>
      <div class="row">
        <ActionButton
          onClick={async () => setVerified(await api.get<LogVerifyView>(`/communities/${c.id}/log/verify`))}
          kind="plain"
        >
          Check the log is complete
        </ActionButton>
      </div>
      {verified &&
        (verified.ok && (verified.private?.ok ?? true) ? (
          <Done>
            The log is complete and unchanged: {verified.entries + (verified.private?.entries ?? 0)} records checked.
          </Done>
        ) : (
          <Problem>
            The log has been changed outside the board, from record{' '}
            {verified.firstBrokenAt ?? verified.private?.firstBrokenAt}. Please tell the staff team and bring it to the
            community meeting.
          </Problem>
        ))}
      {log.error && <Problem>{log.error}</Problem>}
      {!log.data && !log.error && <Loading what="the log" />}
      <ol class="log">
        {log.data?.items.map((r) => (
          <li key={r.id} class="card" data-log-action={r.action} data-post-id={r.postId ?? undefined}>
            <p>
              <strong>{ACTIONS[r.action] ?? LOG_ACTION_WORDS[r.action] ?? r.action.replace(/[-_]/g, ' ')}</strong>
              {r.actor ? ` by ${r.actor.displayName}` : ''}, {when(r.at)}
              {r.chain === 'private' && <span class="tag">private board</span>}
              {r.forMeeting && <span class="tag">for the meeting</span>}
            </p>
            {r.entryText && <blockquote class="verbatim">{r.entryText}</blockquote>}
            {r.wordsRemoved && <p class="quiet">{WORDS_REMOVED[r.wordsRemoved]}</p>}
            {r.reason && <p class="quiet">Why: {r.reason}</p>}
            {isTop3.value && (
              <div class="row">
                {!r.forMeeting && (
                  <ActionButton
                    onClick={() => api.post(`/communities/${c.id}/log/${r.id}/for-meeting`).then(log.reload)}
                  >
                    Bring to the meeting
                  </ActionButton>
                )}
                {r.action === 'delete' && r.postId && (
                  <ActionButton
                    onClick={() =>
                      api
                        .post(`/posts/${r.postId}/moderation`, { action: 'restore', reason: 'Restored after review.' })
                        .then(log.reload)
                    }
                  >
                    Restore it
                  </ActionButton>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {log.data?.nextCursor && (
        <button type="button" class="plain" onClick={() => setCursor(log.data!.nextCursor)}>
          Older records
        </button>
      )}
    </>
  );
}
