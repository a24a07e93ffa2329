import { READING_MEASURED } from '@p2p/contract';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { SaveChanges, useSubmit } from '../components/form';
import { Loading, PageTitle, Problem, useLoad } from '../components/ui';
import { community, isTop3 } from '../session';
import type { GuidelineView, GuidelinesView } from '../types';

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
      <SaveChanges submit={save} changes={changed.length}>
        Save the guidelines
      </SaveChanges>
    </form>
  );
}
