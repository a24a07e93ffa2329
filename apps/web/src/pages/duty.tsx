import { useState } from 'preact/hooks';
import { api } from '../api';
import { SaveChanges, useSubmit } from '../components/form';
import { ActionButton, Done, Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { community, isStaff, isTop3, me } from '../session';
import type { DutyView, EscalationSettingsView } from '../types';

/** A datetime-local value ("2026-12-08T18:00") for a moment, in the browser's own time. */
const localInput = (d: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * Duty: who of the Top 3 is on duty when (the rota they keep), and the escalation ladder of an
 * urgent post nobody takes, with the on-call contact the community and its staff agreed.
 */
export function DutyPage() {
  const c = community.value!;
  const rota = useLoad(() => api.get<DutyView>(`/communities/${c.id}/duty`), [c.id]);
  return (
    <>
      <PageTitle>Duty</PageTitle>
      <p class="quiet">
        Who of the Top 3 is on duty, so that an urgent post is always seen by someone. Whoever is on duty gets urgent
        alerts by email and on their phone even in their quiet hours.
      </p>
      {rota.error && <Problem>{rota.error}</Problem>}
      {!rota.data && !rota.error && <Loading what="the rota" />}
      {rota.data && <Rota rota={rota.data} onChange={(r) => rota.set(() => r)} />}
      {isTop3.value && rota.data && <AddShift onAdded={(r) => rota.set(() => r)} />}
      <Ladder />
    </>
  );
}

function Rota({ rota, onChange }: { rota: DutyView; onChange: (r: DutyView) => void }) {
  return (
    <section aria-labelledby="rota-now">
      <h2 id="rota-now">On duty</h2>
      {rota.onDutyNow.length > 0 ? (
        <p>
          On duty now: <strong>{rota.onDutyNow.map((s) => s.who.displayName).join(', ')}</strong>.
        </p>
      ) : (
        <p>
          Nobody is on duty now.{' '}
          {rota.nextExpectedAt ? `The next shift starts ${when(rota.nextExpectedAt)}.` : 'No shift is on the rota yet.'}
        </p>
      )}
      {rota.shifts.length > 0 && (
        <ul class="shifts">
          {rota.shifts.map((s) => (
            <li key={s.id}>
              {s.who.displayName}: {when(s.startsAt)} to {when(s.endsAt)}{' '}
              {isTop3.value && (
                <ActionButton
                  onClick={async () => onChange(await api.del<DutyView>(`/duty/${s.id}`))}
                  label={`Take ${s.who.displayName}'s shift off the rota`}
                >
                  Take off
                </ActionButton>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AddShift({ onAdded }: { onAdded: (r: DutyView) => void }) {
  const c = community.value!;
  const people = useLoad(
    () => api.get<{ items: { id: string; displayName: string; isTop3: boolean }[] }>(`/communities/${c.id}/people`),
    [c.id],
  );
  const top3 = people.data?.items.filter((p) => p.isTop3) ?? [];
  const start = new Date();
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  const [who, setWho] = useState(me.value?.id ?? '');
  const [from, setFrom] = useState(localInput(start));
  const [until, setUntil] = useState(localInput(new Date(start.getTime() + 4 * 3_600_000)));
  const submit = useSubmit();
  return (
    <section aria-labelledby="rota-add">
      <h2 id="rota-add">Add a shift</h2>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            onAdded(
              await api.post<DutyView>(`/communities/${c.id}/duty`, {
                userId: who,
                startsAt: new Date(from).toISOString(),
                endsAt: new Date(until).toISOString(),
              }),
            );
          }, 'Added to the rota.');
        }}
      >
        <label for="shift-who">Who</label>
        <select id="shift-who" value={who} onChange={(e) => setWho(e.currentTarget.value)}>
          {top3.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
        <label for="shift-from">From</label>
        <input id="shift-from" type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        <label for="shift-until">Until</label>
        <input id="shift-until" type="datetime-local" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
        {submit.error && <Problem>{submit.error}</Problem>}
        {submit.done && <Done>{submit.done}</Done>}
        <div class="row">
          <button type="submit" class="primary" disabled={submit.busy || !who}>
            Add the shift
          </button>
        </div>
      </form>
    </section>
  );
}

function Ladder() {
  const c = community.value!;
  const loaded = useLoad(
    () =>
      isTop3.value || isStaff.value
        ? api.get<EscalationSettingsView>(`/communities/${c.id}/escalation`)
        : Promise.resolve(null),
    [c.id],
  );
  if (!loaded.data) return loaded.error ? <Problem>{loaded.error}</Problem> : null;
  return <LadderForm saved={loaded.data} onSaved={(s) => loaded.set(() => s)} />;
}

function LadderForm({
  saved,
  onSaved,
}: {
  saved: EscalationSettingsView;
  onSaved: (s: EscalationSettingsView) => void;
}) {
  const c = community.value!;
  const [escalate, setEscalate] = useState(String(saved.escalateAfterMinutes));
  const [onCall, setOnCall] = useState(String(saved.onCallAfterMinutes));
  const [email, setEmail] = useState(saved.onCallEmail ?? '');
  const [zone, setZone] = useState(saved.timeZone);
  const submit = useSubmit();
  const next = {
    escalateAfterMinutes: Number(escalate),
    onCallAfterMinutes: Number(onCall),
    onCallEmail: email.trim() || null,
    timeZone: zone.trim(),
  };
  const changes = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== saved[k]).length;
  return (
    <section aria-labelledby="ladder">
      <h2 id="ladder">If an urgent post waits</h2>
      <p class="quiet">
        When a post about someone being about to come to harm is held and no Top 3 member says "I'm looking at this",
        the board tells more people. The Top 3 and staff agree these together.
      </p>
      {!saved.onCallEmail && (
        <p class="note gentle" data-no-on-call>
          No on-call contact is set. An urgent post nobody takes will only go to the Top 3 again.
        </p>
      )}
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(
            async () => onSaved(await api.put<EscalationSettingsView>(`/communities/${c.id}/escalation`, next)),
            'Saved.',
          );
        }}
      >
        <label for="ladder-escalate">Tell every Top 3 member again after (minutes)</label>
        <input
          id="ladder-escalate"
          type="number"
          min={1}
          max={1440}
          value={escalate}
          onInput={(e) => setEscalate(e.currentTarget.value)}
        />
        <label for="ladder-on-call">Alert the on-call contact after (minutes)</label>
        <input
          id="ladder-on-call"
          type="number"
          min={2}
          max={2880}
          value={onCall}
          onInput={(e) => setOnCall(e.currentTarget.value)}
        />
        <label for="ladder-email">On-call contact's email</label>
        <input
          id="ladder-email"
          type="email"
          maxLength={254}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          aria-describedby="ladder-email-hint"
        />
        <p id="ladder-email-hint" class="quiet">
          They are told only that an urgent review is waiting, and since when: never what was written or by whom.
        </p>
        <label for="ladder-zone">The community's time zone</label>
        <input id="ladder-zone" maxLength={64} value={zone} onInput={(e) => setZone(e.currentTarget.value)} />
        <SaveChanges submit={submit} changes={changes}>
          Save
        </SaveChanges>
      </form>
    </section>
  );
}
