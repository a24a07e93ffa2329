import { api } from '../api';
import { community } from '../session';
import type { DutyView } from '../types';
import { useLoad } from './ui';

/** "Tuesday 8 December at 18:00", in the member's own time. */
function expected(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Who of the Top 3 is on duty or online in the open community, read once when the page opens. */
function useDuty(): DutyView | null | undefined {
  const c = community.value;
  return useLoad(() => (c ? api.get<DutyView>(`/communities/${c.id}/duty`) : Promise.resolve(null)), [c?.id]).data;
}

/**
 * Out of hours, honestly: when no Top 3 member is on duty or has the board open, say so, and when
 * one is next expected, beside the way to help now. Says nothing while someone is around.
 */
export function TopThreeCover({ where }: { where: 'composer' | 'held' }) {
  const c = community.value;
  const d = useDuty();
  if (!c || !d || d.onDutyNow.length > 0 || d.someoneOnline) return null;
  const next = d.nextExpectedAt ? `The next is expected on ${expected(d.nextExpectedAt)}.` : 'None is on the rota yet.';
  return (
    <p class="cover" data-cover="away">
      No Top 3 member is on duty or online just now. {next}{' '}
      {where === 'held' ? (
        'The people below can help at any time.'
      ) : (
        <>
          If you need someone sooner, <a href={`/c/${c.id}/help`}>the crisis contacts are here</a>.
        </>
      )}
    </p>
  );
}

/**
 * On every board page: who of the Top 3 is there now (on duty by the rota, or with the board open),
 * or, when nobody is, when one is next expected and where help is meanwhile.
 */
export function TopThreeNow() {
  const c = community.value;
  const d = useDuty();
  if (!c) return null;
  // Its room is kept while it loads, so the board below does not jump when it arrives.
  if (!d) return <p class="on-duty" aria-hidden="true" />;
  if (d.onDutyNow.length > 0) {
    const names = [...new Set(d.onDutyNow.map((s) => s.who.displayName))];
    return (
      <p class="on-duty" data-on-duty="yes">
        Top 3 on duty now: {names.join(', ')}.
      </p>
    );
  }
  if (d.someoneOnline) {
    return (
      <p class="on-duty" data-on-duty="online">
        A Top 3 member has the board open now.
      </p>
    );
  }
  const next = d.nextExpectedAt ? ` The next is expected on ${expected(d.nextExpectedAt)}.` : '';
  return (
    <p class="on-duty" data-on-duty="away">
      No Top 3 member is on duty or online just now.{next} <a href={`/c/${c.id}/help`}>Help at any time</a>
    </p>
  );
}
