import { PageTitle } from '../components/ui';
import { moreLinks } from '../nav';
import { me, signOut } from '../session';

/** The phone's "You" tab: every other page, and signing out. */
export function YouPage() {
  return (
    <>
      <PageTitle>You</PageTitle>
      <p class="quiet">Signed in as {me.value?.displayName}.</p>
      <nav aria-label="Everything else">
        <ul class="menu">
          {moreLinks().map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
          <li>
            <button type="button" class="link" onClick={() => void signOut()}>
              Sign out
            </button>
          </li>
        </ul>
      </nav>
    </>
  );
}
