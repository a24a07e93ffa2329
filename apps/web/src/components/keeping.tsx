import { useState } from 'preact/hooks';
import { FORMER_MEMBER, KEEPING_BOUNDS, type ErasedEntriesPolicy, type KeepingView } from '@p2p/contract';
import { api } from '../api';
import { community, isStaff, isTop3 } from '../session';
import { SaveChanges, useSubmit } from './form';
import { Loading, Problem } from './ui';

type Kind = keyof typeof KEEPING_BOUNDS;

/** Each kind of words the community keeps, in the words a member reads and the form uses. */
const KINDS: { key: Kind; name: string; what: string }[] = [
  { key: 'postsDays', name: 'Posts', what: 'posts' },
  { key: 'chatDays', name: 'Chat messages', what: 'chat messages' },
  { key: 'logDays', name: "The words of the community's log", what: "the log's words" },
];

/** What erasure leaves of a leaver's shared entries, as the Top 3 and staff choose it. */
const POLICIES: [ErasedEntriesPolicy, string, string][] = [
  [
    'placeholder',
    'Remove their words',
    'what they shared is replaced by a quiet note, so the conversations around it still make sense.',
  ],
  [
    'former-member',
    'Keep what they shared',
    `it stays on the board, from "${FORMER_MEMBER}". Anything they had not shared yet goes either way.`,
  ],
];

const number = (n: number) => n.toLocaleString('en-GB');
const keptFor = (days: number | null) =>
  days === null ? 'for as long as the community exists' : `for ${number(days)} ${days === 1 ? 'day' : 'days'}`;

/** What erasing an account does to the entries someone shared, in this community. */
function erasedEntriesWords(policy: ErasedEntriesPolicy): string {
  return policy === 'placeholder'
    ? 'the words of what they shared are removed, and a quiet note stands in their place'
    : `what they shared stays on the board, from "${FORMER_MEMBER}"`;
}

/**
 * How long the community keeps things (GET /communities/:cid/keeping), in plain words for
 * everyone; the Top 3 and staff can change it here too (PUT, written in the log for the meeting).
 */
export function Keeping(props: {
  keeping: KeepingView | undefined;
  error: string | null;
  onSaved: (k: KeepingView) => void;
}) {
  const c = community.value;
  const k = props.keeping;
  if (!c) return null;
  return (
    <section aria-labelledby="keeping-title" data-keeping>
      <h2 id="keeping-title">How long {c.name} keeps things</h2>
      {props.error && <Problem>{props.error}</Problem>}
      {!k && !props.error && <Loading what="how long things are kept" />}
      {k && (
        <>
          <ul>
            {KINDS.map(({ key, name }) => (
              <li key={key} data-kept={key}>
                {name} are kept {keptFor(k[key])}.
                {key === 'logDays' && ' The records themselves always stay, so the log stays complete.'}
              </li>
            ))}
            <li data-kept="erasedEntries">
              When a member erases their account, {erasedEntriesWords(k.erasedEntries)}.
            </li>
          </ul>
          {KINDS.some(({ key }) => k[key] !== null) && (
            <p class="quiet">
              Once something has been kept for that long, its words are removed, and a quiet note says so where they
              were.
            </p>
          )}
          {(isTop3.value || isStaff.value) && <KeepingForm saved={k} onSaved={props.onSaved} />}
        </>
      )}
    </section>
  );
}

function KeepingForm({ saved, onSaved }: { saved: KeepingView; onSaved: (k: KeepingView) => void }) {
  const c = community.value!;
  const [days, setDays] = useState<Record<Kind, string>>(() => ({
    postsDays: String(saved.postsDays ?? 365),
    chatDays: String(saved.chatDays ?? 90),
    logDays: String(saved.logDays ?? 365 * 3),
  }));
  const [forever, setForever] = useState<Record<Kind, boolean>>(() => ({
    postsDays: saved.postsDays === null,
    chatDays: saved.chatDays === null,
    logDays: saved.logDays === null,
  }));
  const [policy, setPolicy] = useState(saved.erasedEntries);
  const submit = useSubmit();
  const next: KeepingView = {
    erasedEntries: policy,
    postsDays: forever.postsDays ? null : Number(days.postsDays),
    chatDays: forever.chatDays ? null : Number(days.chatDays),
    logDays: forever.logDays ? null : Number(days.logDays),
  };
  const changes = (Object.keys(next) as (keyof KeepingView)[]).filter((key) => next[key] !== saved[key]).length;
  /** A number the server would refuse, in plain words, before asking it. */
  const unfit = KINDS.find(({ key }) => {
    const v = next[key];
    return v !== null && (!Number.isInteger(v) || v < KEEPING_BOUNDS[key].min || v > KEEPING_BOUNDS[key].max);
  });
  return (
    <form
      class="stack"
      aria-labelledby="keeping-form-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(async () => {
          if (unfit) {
            const { min, max } = KEEPING_BOUNDS[unfit.key];
            throw new Error(
              `Please keep ${unfit.what} for a whole number of days from ${number(min)} to ${number(max)}.`,
            );
          }
          onSaved(await api.put<KeepingView>(`/communities/${c.id}/keeping`, next));
        }, "Saved. It is in the community's log for the next community meeting.");
      }}
    >
      <h3 id="keeping-form-title">Change how long things are kept</h3>
      <p class="quiet">
        The Top 3 and staff can change this. Every change is written in the community's log and brought to the next
        community meeting, so everyone can talk about it.
      </p>
      <p class="note gentle">
        A shorter time removes the words of anything older than it within the hour, and they cannot be brought back.
      </p>
      {KINDS.map(({ key, name, what }) => (
        <fieldset key={key}>
          <legend>{name}</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={forever[key]}
              onChange={(e) => setForever({ ...forever, [key]: e.currentTarget.checked })}
            />{' '}
            Keep {what} for as long as the community exists
          </label>
          {!forever[key] && (
            <>
              <label for={`keep-${key}`}>Days to keep {what}</label>
              <input
                id={`keep-${key}`}
                type="number"
                inputMode="numeric"
                min={KEEPING_BOUNDS[key].min}
                max={KEEPING_BOUNDS[key].max}
                value={days[key]}
                aria-describedby={`keep-${key}-hint`}
                onInput={(e) => setDays({ ...days, [key]: e.currentTarget.value })}
              />
              <p id={`keep-${key}-hint`} class="quiet">
                From {number(KEEPING_BOUNDS[key].min)} to {number(KEEPING_BOUNDS[key].max)} days.
              </p>
            </>
          )}
        </fieldset>
      ))}
      <fieldset>
        <legend>When a member erases their account</legend>
        {POLICIES.map(([value, name, what]) => (
          <label key={value} class="check long">
            <input
              type="radio"
              name="erased-entries"
              value={value}
              checked={policy === value}
              onChange={() => setPolicy(value)}
            />
            <span>
              <strong>{name}:</strong> {what}
            </span>
          </label>
        ))}
      </fieldset>
      <SaveChanges submit={submit} changes={changes}>
        Save
      </SaveChanges>
    </form>
  );
}
