import { useState } from 'preact/hooks';
import { api } from '../api';
import { ActionButton, Done, Loading, PageTitle, Problem, messageOf, useLoad, when } from '../components/ui';
import { community, isStaff, isTop3, me, membership } from '../session';
import type { ElectionListItemView, ElectionResultView, Person } from '../types';

/** An election in the list, with its result once counted. */
type Election = ElectionListItemView;

/** Top 3 elections: nominate, accept a nomination, vote in secret, and see the result. */
export function ElectionsPage() {
  const c = community.value!;
  const list = useLoad(() => api.get<{ items: Election[] }>(`/communities/${c.id}/elections`), [c.id]);
  const isMember = membership.value?.role === 'member';
  const people = useLoad(
    () => (isMember ? api.get<{ items: Person[] }>(`/communities/${c.id}/people`) : Promise.resolve({ items: [] })),
    [c.id, isMember],
  );
  const underWay = list.data?.items.some((e) => e.phase !== 'counted');
  return (
    <>
      <PageTitle>Top 3 elections</PageTitle>
      <p>
        The Top 3 are three members the community chooses to look after the board. Every member can stand, nominate
        someone, and vote.
      </p>
      {list.error && <Problem>{list.error}</Problem>}
      {!list.data && !list.error && <Loading what="the elections" />}
      {list.data?.items.length === 0 && <p class="quiet">There are no elections at the moment.</p>}
      {list.data?.items.map((e) => (
        <ElectionCard
          key={e.id}
          election={e}
          people={people.data?.items ?? []}
          isMember={isMember}
          onChange={list.reload}
        />
      ))}
      {list.data && !underWay && (isStaff.value || isTop3.value) && <OpenElection onOpened={list.reload} />}
    </>
  );
}

function title(e: Election): string {
  return e.kind === 'full'
    ? 'Election for all three Top 3 seats'
    : `By-election for ${e.seats} empty seat${e.seats === 1 ? '' : 's'}`;
}

function phaseWords(e: Election): string {
  switch (e.phase) {
    case 'nominating':
      return `Nominations are open until ${when(e.nominationsCloseAt)}. Voting follows, until ${when(e.votingCloseAt)}.`;
    case 'voting':
      return `Voting is open until ${when(e.votingCloseAt)}.`;
    case 'closed':
      return 'Voting has closed, and the votes are being counted.';
    default:
      return `Voting closed on ${when(e.votingCloseAt)}.`;
  }
}

function ElectionCard(props: { election: Election; people: Person[]; isMember: boolean; onChange: () => void }) {
  const e = props.election;
  const headingId = `election-${e.id}`;
  const myId = me.value?.id;
  const mine = e.candidates.find((x) => x.id === myId && !x.accepted);
  return (
    <section class="card" aria-labelledby={headingId} data-election={e.id} data-phase={e.phase}>
      <h2 id={headingId}>{title(e)}</h2>
      <p>{phaseWords(e)}</p>
      {e.phase !== 'counted' && <Candidates election={e} />}
      {props.isMember && e.phase === 'nominating' && mine && (
        <div class="note gentle">
          <p>Someone has nominated you. Would you like to stand? You don't have to.</p>
          <ActionButton
            kind="primary"
            onClick={async () => {
              await api.post(`/communities/${e.communityId}/elections/${e.id}/nominations/${mine.nominationId}/accept`);
              props.onChange();
            }}
          >
            Yes, I'll stand
          </ActionButton>
        </div>
      )}
      {props.isMember && e.phase === 'nominating' && (
        <Nominate election={e} people={props.people} onDone={props.onChange} />
      )}
      {props.isMember && e.phase === 'voting' && !e.youHaveVoted && <Ballot election={e} onDone={props.onChange} />}
      {e.youHaveVoted && e.phase !== 'counted' && (
        <Done>You have voted. Thank you. The result will be here when voting closes.</Done>
      )}
      {e.phase === 'counted' && e.result && <Result election={e} result={e.result} />}
    </section>
  );
}

function Candidates({ election: e }: { election: Election }) {
  if (e.candidates.length === 0) return <p class="quiet">Nobody has been nominated yet.</p>;
  return (
    <>
      <h3 class="small">Candidates</h3>
      <ul>
        {e.candidates.map((x) => (
          <li key={x.id} data-candidate={x.displayName}>
            {x.displayName} <span class="quiet">{x.accepted ? '(standing)' : '(nominated; not yet said yes)'}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Nominate(props: { election: Election; people: Person[]; onDone: () => void }) {
  const e = props.election;
  const myId = me.value?.id ?? '';
  const taken = new Set(e.candidates.map((x) => x.id));
  const others = props.people.filter((p) => p.id !== myId && !taken.has(p.id));
  const [picked, setWho] = useState('');
  // The choice stays valid as the list changes: yourself while you may still stand, else someone left.
  const who = (picked === myId ? !taken.has(myId) : others.some((p) => p.id === picked))
    ? picked
    : taken.has(myId)
      ? (others[0]?.id ?? '')
      : myId;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selectId = `nominate-${e.id}`;
  if (taken.has(myId) && others.length === 0) return null;
  return (
    <form
      class="stack narrow"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!who) return;
        setBusy(true);
        setError(null);
        api.post(`/communities/${e.communityId}/elections/${e.id}/nominations`, { candidateId: who }).then(
          () => {
            setBusy(false);
            props.onDone();
          },
          (err: unknown) => {
            setBusy(false);
            setError(messageOf(err));
          },
        );
      }}
    >
      <h3 class="small">Nominate someone</h3>
      <label for={selectId}>Who would you like to nominate?</label>
      <select id={selectId} value={who} onChange={(ev) => setWho(ev.currentTarget.value)}>
        {!taken.has(myId) && <option value={myId}>Myself</option>}
        {others.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}
          </option>
        ))}
      </select>
      <p class="quiet">
        If you nominate yourself you stand at once. Anyone else is asked first whether they'd like to.
      </p>
      {error && <Problem>{error}</Problem>}
      <button type="submit" class="primary" disabled={busy || !who}>
        Nominate
      </button>
    </form>
  );
}

function Ballot(props: { election: Election; onDone: () => void }) {
  const e = props.election;
  const standing = e.candidates.filter((x) => x.accepted);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const full = chosen.length >= e.seats;
  return (
    <form
      class="stack"
      onSubmit={(ev) => {
        ev.preventDefault();
        setBusy(true);
        setError(null);
        api.post(`/communities/${e.communityId}/elections/${e.id}/ballots`, { candidateIds: chosen }).then(
          () => {
            setBusy(false);
            props.onDone();
          },
          (err: unknown) => {
            setBusy(false);
            setError(messageOf(err));
          },
        );
      }}
    >
      <fieldset>
        <legend>
          Choose up to {e.seats} {e.seats === 1 ? 'person' : 'people'}
        </legend>
        {standing.length === 0 && <p class="quiet">Nobody is standing in this election.</p>}
        {standing.map((x) => (
          <label key={x.id} class="check choice">
            <input
              type="checkbox"
              checked={chosen.includes(x.id)}
              disabled={!chosen.includes(x.id) && full}
              onChange={(ev) =>
                setChosen((list) => (ev.currentTarget.checked ? [...list, x.id] : list.filter((id) => id !== x.id)))
              }
            />{' '}
            {x.displayName}
          </label>
        ))}
      </fieldset>
      <p class="quiet">
        Your vote is secret: the board keeps that you voted, never whom you chose. You can vote once. Sending it with
        nobody chosen counts as not choosing anyone.
      </p>
      {error && <Problem>{error}</Problem>}
      <button type="submit" class="primary" disabled={busy}>
        Cast my vote
      </button>
    </form>
  );
}

function Result({ election: e, result: r }: { election: Election; result: ElectionResultView }) {
  const name = (id: string) => e.candidates.find((x) => x.id === id)?.displayName ?? 'A former member';
  return (
    <div data-result>
      <h3 class="small">The result</h3>
      {r.elected.length > 0 ? (
        <p>
          Elected: <strong>{r.elected.map(name).join(', ')}</strong>.
        </p>
      ) : (
        <p>Nobody was elected this time.</p>
      )}
      <table>
        <caption class="quiet">
          Votes from {r.ballots} {r.ballots === 1 ? 'ballot' : 'ballots'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Votes</th>
          </tr>
        </thead>
        <tbody>
          {r.tallies.map((t) => (
            <tr key={t.candidateId}>
              <td>{name(t.candidateId)}</td>
              <td>{t.votes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.tieBrokenAmong.length > 0 && (
        <p>
          {r.tieBrokenAmong.map(name).join(', ')} had the same number of votes for the last seat, so it was settled by
          the lot drawn when the election opened.
        </p>
      )}
      <details>
        <summary>How ties are settled</summary>
        <p class="quiet">{r.rule}</p>
      </details>
    </div>
  );
}

/** Staff or the Top 3 open the next election, with its two closing times. */
function OpenElection(props: { onOpened: () => void }) {
  const c = community.value!;
  const [kind, setKind] = useState<'full' | 'by-election'>('full');
  const [nominationsClose, setNominationsClose] = useState('');
  const [votingClose, setVotingClose] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="stack narrow"
      aria-labelledby="open-election-title"
      onSubmit={(ev) => {
        ev.preventDefault();
        setBusy(true);
        setError(null);
        api
          .post(`/communities/${c.id}/elections`, {
            kind,
            nominationsCloseAt: new Date(nominationsClose).toISOString(),
            votingCloseAt: new Date(votingClose).toISOString(),
          })
          .then(
            () => {
              setBusy(false);
              props.onOpened();
            },
            (err: unknown) => {
              setBusy(false);
              setError(messageOf(err));
            },
          );
      }}
    >
      <h2 id="open-election-title">Open an election</h2>
      <label for="election-kind">Which seats</label>
      <select
        id="election-kind"
        value={kind}
        onChange={(ev) => setKind(ev.currentTarget.value as 'full' | 'by-election')}
      >
        <option value="full">All three seats</option>
        <option value="by-election">Only the empty seats (a by-election)</option>
      </select>
      <label for="nominations-close">Nominations close</label>
      <input
        id="nominations-close"
        type="datetime-local"
        required
        value={nominationsClose}
        onInput={(ev) => setNominationsClose(ev.currentTarget.value)}
      />
      <label for="voting-close">Voting closes</label>
      <input
        id="voting-close"
        type="datetime-local"
        required
        value={votingClose}
        onInput={(ev) => setVotingClose(ev.currentTarget.value)}
      />
      <p class="quiet">Votes are counted by the board as soon as voting closes, and the Top 3 change at once.</p>
      {error && <Problem>{error}</Problem>}
      <button type="submit" class="primary" disabled={busy}>
        Open the election
      </button>
    </form>
  );
}
