import { useState } from 'preact/hooks';
import { api } from '../api';
import { allPages, useSubmit } from '../components/form';
import { ActionButton, Done, Loading, PageTitle, Problem, day, useLoad } from '../components/ui';
import { community } from '../session';

export interface MemberView {
  userId: string;
  username: string;
  displayName: string;
  role: 'member' | 'staff';
  status: 'active' | 'suspended' | 'left';
  isTop3: boolean;
  suspendedUntil: string | null;
  joinedAt: string;
}

/** Staff: who is in the community, adding people, ending a pause early, and recording that someone left. */
export function PeoplePage() {
  const c = community.value!;
  const people = useLoad(() => allPages<MemberView>(api.get, `/communities/${c.id}/members`), [c.id]);
  const [showLeft, setShowLeft] = useState(false);
  const shown = people.data?.filter((p) => showLeft || p.status !== 'left') ?? [];
  const leftCount = people.data?.filter((p) => p.status === 'left').length ?? 0;
  return (
    <>
      <PageTitle>People</PageTitle>
      <AdmitForm onAdded={people.reload} />
      <section aria-labelledby="people-title">
        <h2 id="people-title">In the community</h2>
        {people.error && <Problem>{people.error}</Problem>}
        {!people.data && !people.error && <Loading what="the people in the community" />}
        {leftCount > 0 && (
          <label class="check">
            <input type="checkbox" checked={showLeft} onChange={(e) => setShowLeft(e.currentTarget.checked)} /> Also
            show the {leftCount} {leftCount === 1 ? 'person' : 'people'} who have left
          </label>
        )}
        <ul class="log">
          {shown.map((p) => (
            <li key={p.userId}>
              <Person person={p} onChange={people.reload} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Person({ person: p, onChange }: { person: MemberView; onChange: () => void }) {
  const c = community.value!;
  const [confirmLeft, setConfirmLeft] = useState(false);
  return (
    <article class="card" data-member={p.username} aria-label={p.displayName}>
      <p>
        <strong>{p.displayName}</strong> <span class="quiet">({p.username})</span>
        {p.role === 'staff' && <span class="tag">staff</span>}
        {p.isTop3 && <span class="tag">Top 3</span>}
      </p>
      <p class="quiet">
        {p.status === 'active' && `Joined ${day(p.joinedAt)}.`}
        {p.status === 'suspended' && `Their place on the board is paused until ${day(p.suspendedUntil)}.`}
        {p.status === 'left' && 'Has left the community.'}
      </p>
      <div class="row">
        {p.status === 'suspended' && (
          <ActionButton
            kind="primary"
            label={`End the pause for ${p.displayName} now`}
            onClick={() => api.post(`/communities/${c.id}/members/${p.userId}/suspension/end`).then(onChange)}
          >
            End the pause now
          </ActionButton>
        )}
        {p.status !== 'left' && p.role === 'member' && !confirmLeft && (
          <button
            type="button"
            class="plain"
            aria-label={`${p.displayName} has left the community`}
            onClick={() => setConfirmLeft(true)}
          >
            They have left
          </button>
        )}
        {confirmLeft && (
          <>
            <span>Record that {p.displayName} has left? They will no longer see this community’s boards.</span>
            <ActionButton
              kind="careful"
              onClick={() => api.post(`/communities/${c.id}/members/${p.userId}/left`).then(onChange)}
            >
              Yes, they have left
            </ActionButton>
            <button type="button" class="plain" onClick={() => setConfirmLeft(false)}>
              Not now
            </button>
          </>
        )}
      </div>
    </article>
  );
}

function AdmitForm({ onAdded }: { onAdded: () => void }) {
  const c = community.value!;
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<'member' | 'staff'>('member');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const add = useSubmit();
  return (
    <section aria-labelledby="admit-title">
      <h2 id="admit-title">Add someone</h2>
      <p class="quiet">
        For someone who already has an account, the username is enough. For someone new, add the name others will see
        and a first password (at least 10 characters) to give them; they change it when they first sign in.
      </p>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const body = {
            username: username.trim(),
            role,
            ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
            ...(password ? { initialPassword: password } : {}),
          };
          void add
            .run(
              () => api.post(`/communities/${c.id}/members`, body),
              `${body.displayName ?? body.username} is now part of the community.`,
            )
            .then((ok) => {
              if (!ok) return;
              setUsername('');
              setDisplayName('');
              setPassword('');
              onAdded();
            });
        }}
      >
        <label for="admit-username">Username</label>
        <input
          id="admit-username"
          autocomplete="off"
          value={username}
          maxLength={40}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="admit-role">As</label>
        <select id="admit-role" value={role} onChange={(e) => setRole(e.currentTarget.value as 'member' | 'staff')}>
          <option value="member">A member</option>
          <option value="staff">Staff</option>
        </select>
        <label for="admit-name">Name others see (new accounts only)</label>
        <input
          id="admit-name"
          autocomplete="off"
          value={displayName}
          maxLength={80}
          onInput={(e) => setDisplayName(e.currentTarget.value)}
        />
        <label for="admit-password">First password (new accounts only)</label>
        <input
          id="admit-password"
          type="password"
          autocomplete="new-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {add.error && <Problem>{add.error}</Problem>}
        {add.done && <Done>{add.done}</Done>}
        <div class="row">
          <button type="submit" class="primary" disabled={add.busy || !username.trim()}>
            Add to the community
          </button>
        </div>
      </form>
    </section>
  );
}
