import { reachableContacts } from '@p2p/contract';
import type { CrisisContactView } from '../types';

/** The crisis contacts as a list: only those a person can reach (a phone or an address). */
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
