import { api, type Page } from '../api';
import { PageTitle, useLoad } from '../components/ui';
import { community, isStaff, isTop3 } from '../session';
import type { AccessRequestView, SignificantEventView } from '../types';

/** The Top 3's and staff's pages in one place, with what is waiting for them. */
export function TeamPage() {
  const c = community.value!;
  const base = `/c/${c.id}`;
  const reports = useLoad(() => api.get<Page<SignificantEventView>>(`/communities/${c.id}/significant-events`), [c.id]);
  const requests = useLoad(() => api.get<Page<AccessRequestView>>(`/communities/${c.id}/access-requests`), [c.id]);
  const unseen = reports.data?.items.filter((r) => !r.acknowledgedAt).length ?? 0;
  const waiting = requests.data?.items.filter((r) => r.status === 'waiting').length ?? 0;
  const links: [string, string, string][] = [
    [`${base}/meetings`, 'Community meetings', 'Open a meeting, read its pack, and record what it decided.'],
    [
      `${base}/significant-events`,
      'Significant events',
      isStaff.value
        ? `Reports from the Top 3.${unseen ? ` ${unseen} waiting to be acknowledged.` : ''}`
        : 'Tell the staff team about something that matters.',
    ],
    [
      `${base}/access`,
      'Staff access to boards',
      isTop3.value
        ? `Staff requests to read a board, for two of you to agree to.${waiting ? ` ${waiting} waiting.` : ''}`
        : 'Ask the Top 3 to let you read a board for a while.',
    ],
  ];
  links.push([
    `${base}/data`,
    'How long things are kept',
    'On "Your data": how long posts, chat and the log\'s words are kept, and what erasing an account leaves of what was shared.',
  ]);
  if (isStaff.value) {
    links.push(
      [`${base}/sessions`, 'Sessions and attendance', 'Add sessions and record who came.'],
      [`${base}/people`, 'People', 'Add members and staff; end a pause early; record that someone has left.'],
    );
  }
  return (
    <>
      <PageTitle>{isStaff.value ? 'Staff pages' : 'Top 3 pages'}</PageTitle>
      <ul class="cards">
        {links.map(([href, label, note]) => (
          <li key={href} class="card">
            <a href={href}>{label}</a>
            <p class="quiet">{note}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
