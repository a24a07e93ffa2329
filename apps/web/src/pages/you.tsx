import { NavList } from '../components/nav-list';
import { PageTitle } from '../components/ui';
import { moreLinks } from '../nav';
import { me } from '../session';

/** The phone's "You" tab: every other page, and signing out. */
export function YouPage() {
  return (
    <>
      <PageTitle>You</PageTitle>
      <p class="quiet">Signed in as {me.value?.displayName}.</p>
      <NavList label="Everything else" listClass="menu" links={moreLinks()} signOut />
    </>
  );
}
