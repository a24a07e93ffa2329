import { CrisisContacts } from '../components/crisis-contacts';
import { Frame } from '../components/frame';
import { PageTitle } from '../components/ui';
import { community } from '../session';
import type { CrisisContactView } from '../types';

/** Inside a community: its own contacts (CrisisContacts falls back to the national lines). */
export function HelpPage() {
  return <HelpBody contacts={community.value?.crisisContacts ?? []} communityId={community.value?.id} />;
}

/** Before signing in, or outside a community: the national numbers. */
export function PublicHelpPage() {
  return (
    <Frame>
      <HelpPage />
    </Frame>
  );
}

function HelpBody({ contacts, communityId }: { contacts: CrisisContactView[]; communityId?: string }) {
  return (
    <>
      <PageTitle>Need help now?</PageTitle>
      <p>
        If you are struggling right now, you don't have to wait for the next session or for a reply here. These people
        can help, at any time:
      </p>
      <CrisisContacts contacts={contacts} />
      <p>If you or someone else is in danger now, call 999.</p>
      {communityId && (
        <p class="quiet">
          Wondering who can read what you write here? <a href={`/c/${communityId}/who-sees`}>Who can see what</a>
        </p>
      )}
    </>
  );
}
