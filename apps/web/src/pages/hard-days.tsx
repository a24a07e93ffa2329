import { useState } from 'preact/hooks';
import type { HardDaysView } from '@p2p/contract';
import { api } from '../api';
import { useSubmit } from '../components/form';
import { Done, PageTitle, Problem } from '../components/ui';
import { hardDays } from '../hard-days';

const DAY = 24 * 60 * 60 * 1000;
const LENGTHS: [string, number][] = [
  ['A day', 1],
  ['Three days', 3],
  ['A week', 7],
];

/**
 * For hard days: words the member would rather not come across (entries that mention them are
 * folded, one tap to open), and taking a break from the board and its emails and alerts.
 */
export function HardDaysPage() {
  const saved = hardDays.value;
  return (
    <>
      <PageTitle>For hard days</PageTitle>
      <p class="quiet">
        Some days are harder than others. These settings are yours alone: nobody else can see them, and they follow you
        to any device you sign in on.
      </p>
      {saved ? (
        <>
          <MutedWords saved={saved} />
          <TakeABreak />
        </>
      ) : (
        <Problem>We couldn't load your settings. Please try again in a moment.</Problem>
      )}
    </>
  );
}

function MutedWords({ saved }: { saved: HardDaysView }) {
  const [word, setWord] = useState('');
  const submit = useSubmit();
  const save = (words: string[], message: string) =>
    submit.run(async () => {
      hardDays.value = await api.put<HardDaysView>('/me/muted-words', { words });
    }, message);
  const words = saved.mutedWords;
  return (
    <section aria-labelledby="muted-title" class="stack">
      <h2 id="muted-title">Muted words</h2>
      <p>
        Posts and threads that mention a word you mute are folded away for you. You can still open one with a tap. Up to
        50 words, each up to 40 characters.
      </p>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          const w = word.trim();
          if (!w) return;
          void save([...words, w], `“${w}” is muted.`).then((ok) => ok && setWord(''));
        }}
      >
        <label for="muted-word">A word to mute</label>
        <input
          id="muted-word"
          value={word}
          maxLength={40}
          autoComplete="off"
          onInput={(e) => setWord(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={submit.busy || word.trim() === '' || words.length >= 50}>
          Mute this word
        </button>
      </form>
      {submit.error && <Problem>{submit.error}</Problem>}
      {submit.done && <Done>{submit.done}</Done>}
      {words.length === 0 ? (
        <p class="quiet">You haven't muted any words.</p>
      ) : (
        <ul class="muted-words" aria-label="Your muted words">
          {words.map((w) => (
            <li key={w}>
              <span>{w}</span>{' '}
              <button
                type="button"
                class="plain"
                aria-label={`Unmute “${w}”`}
                disabled={submit.busy}
                onClick={() =>
                  void save(
                    words.filter((x) => x !== w),
                    `“${w}” is no longer muted.`,
                  )
                }
              >
                Unmute
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TakeABreak() {
  const [days, setDays] = useState<number | 'date'>(1);
  const [date, setDate] = useState('');
  const submit = useSubmit();
  const until = (): string | null => {
    if (days !== 'date') return new Date(Date.now() + days * DAY).toISOString();
    if (!date) return null;
    return new Date(`${date}T09:00:00`).toISOString();
  };
  return (
    <section aria-labelledby="break-title" class="stack">
      <h2 id="break-title">Take a break</h2>
      <p>
        While you take a break, the board is put away for you and we send you no emails or alerts. Your notifications
        wait here for when you come back. The crisis contacts are always there. You can end your break at any time.
      </p>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const u = until();
          if (!u) return;
          void submit.run(async () => {
            hardDays.value = await api.put<HardDaysView>('/me/break', { until: u });
          });
        }}
      >
        <fieldset>
          <legend>How long for?</legend>
          {LENGTHS.map(([label, n]) => (
            <label class="choice" key={n}>
              <input type="radio" name="break-length" checked={days === n} onChange={() => setDays(n)} /> {label}
            </label>
          ))}
          <label class="choice">
            <input type="radio" name="break-length" checked={days === 'date'} onChange={() => setDays('date')} /> Until
            a date
          </label>
          {days === 'date' && (
            <>
              <label for="break-date">The day I come back (in the morning)</label>
              <input id="break-date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
            </>
          )}
        </fieldset>
        {submit.error && <Problem>{submit.error}</Problem>}
        <div class="row">
          <button type="submit" class="primary" disabled={submit.busy || (days === 'date' && !date)}>
            Start my break
          </button>
        </div>
      </form>
    </section>
  );
}
