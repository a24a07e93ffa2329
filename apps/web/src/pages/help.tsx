import { Frame } from '../app';
import { PageTitle } from '../components/ui';
import { community } from '../session';
import { reachableContacts } from '@p2p/contract';
import type { CrisisContactView } from '../types';

/** Inside a community: its own contacts (CrisisContacts falls back to the national lines). */
export function HelpPage() {
  return <HelpBody contacts={community.value?.crisisContacts ?? []} />;
}

/** Before signing in, or outside a community: the national numbers. */
export function PublicHelpPage() {
  return (
    <Frame>
      <HelpPage />
    </Frame>
  );
}

function HelpBody({ contacts }: { contacts: CrisisContactView[] }) {
  return (
    <>
      <PageTitle>Need help now?</PageTitle>
      <p>
        If you are struggling right now, you don't have to wait for the next session or for a reply here. These people
        can help, at any time:
      </p>
      <CrisisContacts contacts={contacts} />
      <p>If you or someone else is in danger now, call 999.</p>
    </>
  );
}

export function CrisisContacts({ contacts }: { contacts: CrisisContactView[] }) {
  return (
    <ul class="contacts">
      {reachableContacts(contacts).map((c) => (
        <li key={c.name}>
          <strong>{c.name}</strong>
          {c.phone && (
            <>
              {' '}
              <a href={`tel:${c.phone.replace(/\s+/g, '')}`}>{c.phone}</a>
            </>
          )}
          {c.url && (
            <>
              {' '}
              <a href={c.url} rel="noopener noreferrer">
                {c.url}
              </a>
            </>
          )}
          {c.note && <span class="quiet"> — {c.note}</span>}
        </li>
      ))}
    </ul>
  );
}
