import { READING_MEASURED } from '@p2p/contract';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { SaveChanges, useSubmit } from '../components/form';
import { Loading, PageTitle, Problem, messageOf, useLoad, when } from '../components/ui';
import { community, isTop3 } from '../session';
import type { GuidelineView, GuidelinesPreviewView, GuidelinesView, PreviewOutcome } from '../types';

type Action = GuidelineView['action'];
type Reading = NonNullable<GuidelineView['reading']>;

/** The one category whose rule can choose how carefully it reads posts (docs/moderation.md). */
const READING_CATEGORY: GuidelineView['category'] = 'imminent-harm-self';

const ACTIONS: [Action, string][] = [
  ['hold', 'Held for a Top 3 member to look at first'],
  ['warn', 'A gentle check before sending'],
  ['check-in', 'Shared as usual, and a Top 3 member may check in'],
  ['allow', 'No action'],
];

/** What happens, as a sentence for everyone who reads the guidelines. */
const WHAT_HAPPENS: Record<Action, string> = {
  hold: 'A Top 3 member looks at the post first, before anyone else sees it.',
  warn: 'The writer gets a gentle check before sending, and can still send it.',
  'check-in': 'The post goes up as usual, and the Top 3 see it in a quiet list so someone can check in.',
  allow: 'No action: the post goes up as usual.',
};

/** Each reading's name and what it does, in the words the Top 3 choose between. */
const READINGS: [Reading, string, string][] = [
  ['standard', 'Standard', 'holds clear statements of intent, plans and acts'],
  [
    'careful',
    'Careful',
    'also holds posts that may be veiled — more are caught, and more posts wait for a Top 3 member, including many where someone talks about suicidal thoughts',
  ],
];

interface Choice {
  action: Action;
  reading: Reading;
}

const readingOf = (r: GuidelineView): Reading => r.reading ?? 'standard';
const choicesOf = (set: GuidelinesView): Record<string, Choice> =>
  Object.fromEntries(set.rules.map((r) => [r.id, { action: r.action, reading: readingOf(r) }]));

/**
 * The community's guidelines: what each is about and what happens to a post that touches on it.
 * Everyone reads them; the Top 3 change what happens, and each save is a new version in the log.
 */
export function GuidelinesPage() {
  const c = community.value!;
  const set = useLoad(() => api.get<GuidelinesView>(`/communities/${c.id}/guidelines`), [c.id]);
  return (
    <>
      <PageTitle>Community guidelines</PageTitle>
      <p class="quiet">
        What the community has agreed about what we write here, and what happens when a post touches on it. The Top 3
        can change what happens; each change makes a new version, written in the log and brought to the community
        meeting.
      </p>
      {set.error && <Problem>{set.error}</Problem>}
      {!set.data && !set.error && <Loading what="the guidelines" />}
      {set.data &&
        (isTop3.value ? (
          <ChangeGuidelines set={set.data} onSaved={(next) => set.set(() => next)} />
        ) : (
          <ReadGuidelines set={set.data} />
        ))}
    </>
  );
}

function Version({ set }: { set: GuidelinesView }) {
  return <p data-version={set.version}>This is version {set.version} of the guidelines.</p>;
}

function readingWords(reading: Reading): string {
  const [, name, what] = READINGS.find(([k]) => k === reading) ?? READINGS[0];
  return `${name}. It ${what}`;
}

function ReadGuidelines({ set }: { set: GuidelinesView }) {
  return (
    <>
      <Version set={set} />
      <ul class="cards">
        {set.rules.map((r) => (
          <li key={r.id} class="card" data-rule={r.id}>
            <h2 class="small">{r.title}</h2>
            <p>{r.explanation}</p>
            <p>
              <strong>What happens:</strong> {WHAT_HAPPENS[r.action]}
            </p>
            {r.category === READING_CATEGORY && (
              <p>
                <strong>How carefully it reads posts:</strong> {readingWords(readingOf(r))}.
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The Top 3's form: every rule's action, and the reading; Save sends the whole set as a new version. */
function ChangeGuidelines({ set, onSaved }: { set: GuidelinesView; onSaved: (next: GuidelinesView) => void }) {
  const c = community.value!;
  const [choices, setChoices] = useState(() => choicesOf(set));
  const save = useSubmit();
  useEffect(() => setChoices(choicesOf(set)), [set]);
  const changed = set.rules.filter((r) => {
    const now = choices[r.id];
    return now && (now.action !== r.action || (r.category === READING_CATEGORY && now.reading !== readingOf(r)));
  });
  const choose = (id: string, change: Partial<Choice>) => {
    save.clear();
    setChoices((old) => ({ ...old, [id]: { ...old[id], ...change } }));
  };
  // Every rule goes back as it was, with only what the Top 3 chose changed; a reading left as it
  // was stays as it was stored (absent means standard).
  const rules = set.rules.map((r) => {
    const now = choices[r.id] ?? { action: r.action, reading: readingOf(r) };
    const reading = r.category === READING_CATEGORY && now.reading !== readingOf(r) ? { reading: now.reading } : {};
    return { ...r, action: now.action, ...reading };
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(
          () => api.put<GuidelinesView>(`/communities/${c.id}/guidelines`, { rules }).then(onSaved),
          'Saved as a new version. The change is written in the log and will be brought to the next community meeting.',
        );
      }}
    >
      <Version set={set} />
      <ul class="cards">
        {set.rules.map((r) => (
          <li key={r.id} class="card stack" data-rule={r.id}>
            <h2 class="small" id={`rule-${r.id}`}>
              {r.title}
            </h2>
            <p>{r.explanation}</p>
            <fieldset aria-labelledby={`rule-${r.id} action-${r.id}`}>
              <legend id={`action-${r.id}`}>What happens</legend>
              {ACTIONS.map(([action, words]) => (
                <label key={action} class="check">
                  <input
                    type="radio"
                    name={`action-${r.id}`}
                    value={action}
                    checked={choices[r.id]?.action === action}
                    onChange={() => choose(r.id, { action })}
                  />{' '}
                  {words}
                </label>
              ))}
            </fieldset>
            {r.category === READING_CATEGORY && (
              <fieldset aria-labelledby={`rule-${r.id} reading-${r.id}`}>
                <legend id={`reading-${r.id}`}>How carefully it reads posts</legend>
                {READINGS.map(([reading, name, what]) => (
                  <label key={reading} class="check long">
                    <input
                      type="radio"
                      name={`reading-${r.id}`}
                      value={reading}
                      checked={choices[r.id]?.reading === reading}
                      onChange={() => choose(r.id, { reading })}
                    />
                    <span>
                      <strong>{name}:</strong> {what}
                    </span>
                  </label>
                ))}
                <p class="quiet">{READING_MEASURED}</p>
              </fieldset>
            )}
          </li>
        ))}
      </ul>
      {changed.length > 0 && <TryThem rules={rules} key={JSON.stringify(choices)} />}
      <SaveChanges submit={save} changes={changed.length}>
        Save the guidelines
      </SaveChanges>
    </form>
  );
}

const OUTCOME_WORDS: Record<PreviewOutcome, string> = {
  hold: 'Held for a Top 3 member',
  'check-in': 'Shared, and on the check-in list',
  warn: 'A gentle check before sending',
  publish: 'Shared as usual',
};

/**
 * A dry run of the changes over the community's last 30 days of posts, before saving: nothing
 * changes until the Top 3 save, and the saved change keeps these counts in the log.
 */
function TryThem({ rules }: { rules: unknown[] }) {
  const c = community.value!;
  const [result, setResult] = useState<GuidelinesPreviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = () => {
    setBusy(true);
    setError(null);
    api.post<GuidelinesPreviewView>(`/communities/${c.id}/guidelines/preview`, { rules }).then(
      (r) => {
        setBusy(false);
        setResult(r);
      },
      (e: unknown) => {
        setBusy(false);
        setError(messageOf(e));
      },
    );
  };
  return (
    <section class="card stack" aria-labelledby="try-them">
      <h2 id="try-them" class="small">
        Try the changes first
      </h2>
      <p class="quiet">
        See what these guidelines would have done with the posts of the last 30 days, beside what happens now. Nothing
        changes until you save.
      </p>
      <div class="row">
        <button type="button" class="plain" disabled={busy} onClick={run}>
          {busy ? 'Reading the last 30 days…' : 'Try them on the last 30 days'}
        </button>
      </div>
      {error && <Problem>{error}</Problem>}
      {result && (
        <div data-preview>
          <table>
            <caption>
              {result.posts} {result.posts === 1 ? 'post' : 'posts'} from the last {result.days} days;{' '}
              {result.changes === 0
                ? 'none would be treated differently'
                : `${result.changes} would be treated differently`}
            </caption>
            <thead>
              <tr>
                <th scope="col">What happens</th>
                <th scope="col">Now</th>
                <th scope="col">With the changes</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(OUTCOME_WORDS) as PreviewOutcome[]).map((o) => (
                <tr key={o}>
                  <th scope="row">{OUTCOME_WORDS[o]}</th>
                  <td>{result.today[o]}</td>
                  <td>{result.instead[o]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.changed.length > 0 && (
            <ul class="quiet">
              {result.changed.map((x) => (
                <li key={x.post.id}>
                  {x.post.author.displayName} in “{x.threadTitle}”, {when(x.post.createdAt)}:{' '}
                  {OUTCOME_WORDS[x.from].toLowerCase()} now, {OUTCOME_WORDS[x.to].toLowerCase()} with the changes
                  <blockquote class="verbatim">{x.post.body}</blockquote>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
