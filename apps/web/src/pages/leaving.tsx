import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ERASURE_CONFIRMATION, FORMER_MEMBER, NATIONAL_CRISIS_CONTACTS, type KeepingView } from '@p2p/contract';
import { CrisisContacts } from '../components/crisis-contacts';
import { useSubmit } from '../components/form';
import { Frame } from '../components/frame';
import { PageTitle, Problem } from '../components/ui';
import { community, eraseAccount, farewell, me, membership } from '../session';
import type { CrisisContactView } from '../types';

/**
 * Leaving and being forgotten: what erasing an account does and does not do, said plainly before
 * anything is asked, and the form that does it (POST /me/erasure: the password again and the
 * words "erase my account"). Nothing happens until both are in and the button is pressed.
 */
export function LeaveAndBeForgotten({ keeping }: { keeping: KeepingView | undefined }) {
  const c = community.value;
  const m = membership.value;
  return (
    <section aria-labelledby="leave-title" data-leave>
      <h2 id="leave-title">Leaving, and being forgotten</h2>
      <p>
        You can erase your account whenever you like, and you don't need to give a reason. If you'd like to talk it over
        first, a Top 3 member or the staff of your community are there to listen, and it is still your choice.
        {c && m?.role === 'member' && (
          <>
            {' '}
            If you need a rest from the board rather than an ending, <a href={`/c/${c.id}/hard-days`}>
              taking a break
            </a>{' '}
            puts it away for a while and keeps everything as it is.
          </>
        )}
      </p>
      <h3 class="small">What erasing your account does</h3>
      <ul>
        <li>Your name goes. Wherever it was on the board, it now says "{FORMER_MEMBER}".</li>
        <li>
          <SharedEntries keeping={keeping} /> Anything you had not shared yet goes either way.
        </li>
        <li>
          The community's log keeps its records, so it stays complete, but your words are removed from them, and your
          name.
        </li>
        <li>
          Your settings and email address, your crisis plan, your drafts, your muted words, your notifications and every
          place you are signed in go. You leave your private boards and conversations.
        </li>
        <li>Votes you cast still count. Nobody could ever see who they were for, and nobody ever will.</li>
      </ul>
      <p>
        <strong>It can't be undone.</strong> Once your account is erased, nobody can bring it or your words back, not
        the staff and not the people who run the board. You may want to <a href="#data-get-title">get your copy</a>{' '}
        first: after this, there is none.
      </p>
      <h3 class="small">If things feel hard right now</h3>
      <p>You don't have to wait, whatever you decide. These people can help, at any time:</p>
      <CrisisContacts contacts={c?.crisisContacts ?? []} />
      <p>If you or someone else is in danger now, call 999.</p>
      {me.value?.isOperator ? (
        <p class="note gentle">
          An account that runs this service is closed by another operator, so the service is never left without one.
        </p>
      ) : (
        <EraseForm />
      )}
    </section>
  );
}

/** What erasure leaves of what they shared: their community's choice, or that each community chooses. */
function SharedEntries({ keeping }: { keeping: KeepingView | undefined }) {
  const c = community.value;
  if (!keeping || !c) {
    return (
      <>
        What you shared on the boards and in chat: each community chooses. In some, its words are removed and a quiet
        note stands in their place; in others, it stays, from "{FORMER_MEMBER}".
      </>
    );
  }
  const others = (me.value?.memberships.length ?? 0) > 1 ? ' Your other communities may have chosen differently.' : '';
  return keeping.erasedEntries === 'placeholder' ? (
    <>
      What you shared on the boards and in chat loses its words, and a quiet note stands in their place, so the
      conversations around it still make sense. That is what {c.name} has chosen.{others}
    </>
  ) : (
    <>
      What you shared on the boards and in chat stays, from "{FORMER_MEMBER}". That is what {c.name} has chosen.
      {others}
    </>
  );
}

function EraseForm() {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const submit = useSubmit();
  // The same words the server takes: any case, spaces before or after.
  const ready = password !== '' && confirm.trim().toLowerCase() === ERASURE_CONFIRMATION;
  return (
    <form
      class="stack narrow"
      aria-labelledby="erase-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void submit.run(() => eraseAccount(password, confirm));
      }}
    >
      <h3 id="erase-title" class="small">
        Erase my account
      </h3>
      <label for="erase-password">Your password</label>
      <input
        id="erase-password"
        type="password"
        autocomplete="current-password"
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <label for="erase-confirm">To be sure, type "{ERASURE_CONFIRMATION}"</label>
      <input
        id="erase-confirm"
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
        value={confirm}
        aria-describedby="erase-confirm-hint"
        onInput={(e) => setConfirm(e.currentTarget.value)}
      />
      <p id="erase-confirm-hint" class="quiet">
        The button works once your password and these words are in. Nothing happens until you press it.
      </p>
      {submit.error && <Problem>{submit.error}</Problem>}
      <div class="row">
        <button type="submit" class="careful" disabled={submit.busy || !ready}>
          {submit.busy ? 'Erasing your account…' : 'Erase my account'}
        </button>
      </div>
    </form>
  );
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The contacts a person had in their community, and the national ones always: they have left it. */
function contactsAfterLeaving(theirs: CrisisContactView[]): CrisisContactView[] {
  const national = NATIONAL_CRISIS_CONTACTS.filter((n) => !theirs.some((t) => t.name === n.name));
  return [...theirs, ...national];
}

/**
 * After an erasure: signed out, a calm goodbye that says what was done, that the account is
 * closed, where help is, and the way to the sign-in page. Opened again later (a reload), there is
 * nothing to say: to the start.
 */
export function GoodbyePage() {
  // What was done stays on the page even as the way to sign in lets it go.
  const [done] = useState(() => farewell.value);
  const { route } = useLocation();
  useEffect(() => {
    if (!done) route('/', true);
  }, []);
  if (!done) return null;
  return (
    <Frame>
      <div data-goodbye>
        <PageTitle>Goodbye, and take care</PageTitle>
        <p>
          Your account has been erased. Thank you for being part of{' '}
          {done.communities === 1 ? 'the community' : 'your communities'}.
        </p>
        <h2>What was done</h2>
        <ul>
          <li>
            Your account is closed, and your name is gone from {count(done.communities, 'community', 'communities')}. It
            can't be used to sign in again.
          </li>
          <li data-erased="removed">
            {done.entriesRemoved > 0
              ? `The words of ${count(done.entriesRemoved, 'entry', 'entries')} you wrote have been removed.`
              : 'There were no entries of yours whose words needed removing.'}
          </li>
          {done.entriesKept > 0 && (
            <li data-erased="kept">
              {count(done.entriesKept, 'entry', 'entries')} you shared stay on the board, from "{FORMER_MEMBER}", as
              your community chose.
            </li>
          )}
          {done.logRecordsCleared > 0 && (
            <li data-erased="log">
              {count(done.logRecordsCleared, 'record', 'records')} in the community's log no longer hold your words. The
              records themselves stay, so the log stays complete.
            </li>
          )}
          <li>Your settings, crisis plan, drafts and sign-ins are gone.</li>
        </ul>
        <p>
          If you downloaded a copy of your data, it stays on your device until you delete it. If you ever want to come
          back, the staff of a community can welcome you with a new account.
        </p>
        <h2>If you need someone now</h2>
        <p>These people can help, at any time:</p>
        <CrisisContacts contacts={contactsAfterLeaving(done.contacts)} />
        <p>If you or someone else is in danger now, call 999.</p>
        <p>
          <a href="/login" onClick={() => (farewell.value = null)}>
            Go to the sign-in page
          </a>
        </p>
      </div>
    </Frame>
  );
}
