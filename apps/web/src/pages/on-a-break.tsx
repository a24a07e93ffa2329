import { useState } from 'preact/hooks';
import { CrisisContacts } from '../components/crisis-contacts';
import { PageTitle, Problem, when } from '../components/ui';
import { endBreak, hardDays } from '../hard-days';
import { community } from '../session';

/** What a member on a break sees instead of the board: when it ends, a way back now, and help. */
export function OnABreakPage() {
  const until = hardDays.value?.breakUntil;
  const [error, setError] = useState<string | null>(null);
  return (
    <div data-on-break>
      <PageTitle>You're taking a break</PageTitle>
      <p>
        You're taking a break until <strong>{when(until)}</strong>. The board is put away for now, and we won't send you
        emails or alerts. Anything for you will be waiting here when you come back.
      </p>
      <p>Looking after yourself matters. There's nothing you need to do here.</p>
      <p>
        <button
          type="button"
          class="plain"
          onClick={() =>
            void endBreak().catch(() => setError("We couldn't end your break just now. Please try again."))
          }
        >
          End my break now
        </button>
      </p>
      {error && <Problem>{error}</Problem>}
      <section aria-labelledby="break-help">
        <h2 id="break-help">If you need someone now</h2>
        <p>These people can help, at any time:</p>
        <CrisisContacts contacts={community.value?.crisisContacts ?? []} />
        <p>If you or someone else is in danger now, call 999.</p>
      </section>
    </div>
  );
}
