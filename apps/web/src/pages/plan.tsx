import { useState } from 'preact/hooks';
import { api } from '../api';
import { SaveChanges, useSubmit } from '../components/form';
import { Loading, PageTitle, Problem, useLoad } from '../components/ui';
import type { CrisisPlanView } from '../types';

/**
 * A member's own crisis plan: who to call, what helps, where to go. Shown beside the kind reply
 * when something they write is held, and one tap from every page. Theirs alone.
 */
export function PlanPage() {
  const loaded = useLoad(() => api.get<CrisisPlanView>('/me/crisis-plan'), []);
  return (
    <>
      <PageTitle>Your crisis plan</PageTitle>
      <p class="quiet">
        For a hard moment: who you can call, what helps, where you can go. Only you can read it here. Staff never see
        it. If you choose, the Top 3 see it beside a post of yours that is waiting for them, so they know what helps
        you.
      </p>
      {loaded.error && <Problem>{loaded.error}</Problem>}
      {!loaded.data && !loaded.error && <Loading what="your plan" />}
      {loaded.data && <PlanForm saved={loaded.data} onSaved={(p) => loaded.set(() => p)} />}
    </>
  );
}

function PlanForm({ saved, onSaved }: { saved: CrisisPlanView; onSaved: (p: CrisisPlanView) => void }) {
  const [whoToCall, setWho] = useState(saved.whoToCall);
  const [whatHelps, setWhat] = useState(saved.whatHelps);
  const [whereToGo, setWhere] = useState(saved.whereToGo);
  const [showTop3WhenHeld, setShow] = useState(saved.showTop3WhenHeld);
  const submit = useSubmit();
  const next = { whoToCall, whatHelps, whereToGo, showTop3WhenHeld };
  const changes = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== saved[k]).length;
  const field = (id: string, label: string, value: string, set: (v: string) => void) => (
    <>
      <label for={id}>{label}</label>
      <textarea id={id} rows={3} maxLength={2000} value={value} onInput={(e) => set(e.currentTarget.value)} />
    </>
  );
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(async () => onSaved(await api.put<CrisisPlanView>('/me/crisis-plan', next)), 'Saved.');
      }}
    >
      {field('plan-who', 'Who I can call', whoToCall, setWho)}
      {field('plan-what', 'What helps me', whatHelps, setWhat)}
      {field('plan-where', 'Where I can go', whereToGo, setWhere)}
      <label class="choice">
        <input type="checkbox" checked={showTop3WhenHeld} onChange={(e) => setShow(e.currentTarget.checked)} />
        Show my plan to the Top 3 when something I write is held
      </label>
      <SaveChanges submit={submit} changes={changes}>
        Save my plan
      </SaveChanges>
    </form>
  );
}

/** The plan beside the kind reply to a held post, if there is one; otherwise a way to write one. */
export function PlanBeside() {
  const plan = useLoad(() => api.get<CrisisPlanView>('/me/crisis-plan'), []);
  const p = plan.data;
  if (!p) return null;
  const parts: [string, string][] = [
    ['Who I can call', p.whoToCall],
    ['What helps me', p.whatHelps],
    ['Where I can go', p.whereToGo],
  ];
  if (parts.every(([, v]) => v.trim() === '')) return null;
  return (
    <section class="plan" aria-label="Your crisis plan" data-plan>
      <h3 class="small">Your plan</h3>
      <PlanEntries entries={parts} />
    </section>
  );
}

/** A plan's parts that have words in them, as a list of headings and answers. */
export function PlanEntries({ entries }: { entries: readonly (readonly [string, string])[] }) {
  return (
    <dl>
      {entries
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}
