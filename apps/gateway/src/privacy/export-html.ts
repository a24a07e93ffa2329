import { ExportedEntryView, MyDataView } from '@p2p/contract';
import { escapeHtml, printablePage, printedTime } from '../platform/http/printable';

/**
 * Each section's heading, in the order the page shows them. Typed by the export itself: a new
 * section does not compile until it has a heading here.
 */
const SECTIONS: Record<Exclude<keyof MyDataView, 'format' | 'exportedAt' | 'about'>, string> = {
  profile: 'Your account',
  memberships: 'Your communities',
  entries: 'What you wrote',
  drafts: 'What you were still writing (not sent)',
  threadsStarted: 'Threads you started',
  flagsRaised: 'Posts you flagged',
  reactionsLeft: 'Reactions you left',
  privateBoardsAndConversations: 'Private boards and conversations you are in',
  conversationsMonitored: 'Conversations you monitored',
  attendance: 'Your attendance',
  suspensions: 'Times your access was paused',
  elections: 'Elections',
  logRecords: 'The verbatim log: records about you or your entries',
  messagesFromTheTop3: 'Messages from the Top 3',
  notifications: 'Notifications',
  notificationSettings: 'How you are told',
  messagesSent: 'Emails and alerts sent to you',
  pushDevices: 'Devices with alerts on',
  crisisPlan: 'Your crisis plan',
  hardDays: 'Muted words and breaks',
  streamEventsForYou: 'Live messages sent to you alone',
  threadsRead: 'Where you have read up to',
  signIns: 'Your sign-ins',
  operatorRequests: 'Exports the operator made for you, on request',
  forTheCommunity: 'What you did for the community',
};

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** "displayName" → "display name". */
const words = (key: string): string => key.replace(/([A-Z])/g, ' $1').toLowerCase();

/** Any value as readable HTML: names for { id, name }, times in words, lists and fields for the rest. */
function render(value: unknown): string {
  if (value === null || value === undefined) return '<em>none</em>';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(TIME.test(value) ? printedTime(value) : value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '<em>none</em>';
    return `<ul>${value.map((v) => `<li>${render(v)}</li>`).join('')}</ul>`;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.name === 'string' && Object.keys(o).every((k) => ['id', 'name', 'kind'].includes(k))) {
    return escapeHtml(o.name);
  }
  return `<dl>${Object.entries(o)
    .map(([k, v]) => `<dt>${escapeHtml(words(k))}</dt><dd>${render(v)}</dd>`)
    .join('')}</dl>`;
}

function entry(e: ExportedEntryView): string {
  const where = `${e.community.name} · ${e.board.name} · ${e.thread.name}`;
  return `<section>
  <p class="meta">${escapeHtml(printedTime(e.createdAt))} — ${escapeHtml(where)}</p>
  <blockquote>${escapeHtml(e.body).replace(/\n/g, '<br>')}</blockquote>
  <p>${escapeHtml(e.whatHappened)}</p>
</section>`;
}

/** The export as a page to read, save or print: everything escaped, nothing run. */
export function exportHtml(data: MyDataView): string {
  const sections = (Object.entries(SECTIONS) as [keyof typeof SECTIONS, string][])
    .map(([key, title]) => {
      const body =
        key === 'entries'
          ? data.entries.length > 0
            ? data.entries.map(entry).join('\n')
            : '<p><em>none</em></p>'
          : render(data[key]);
      return `<h2>${escapeHtml(title)}</h2>\n${body}`;
    })
    .join('\n');
  return printablePage(
    'Everything P2P Board holds about you',
    `<h1>Everything P2P Board holds about you</h1>
<p class="meta">${escapeHtml(data.profile.displayName)} — made ${escapeHtml(printedTime(data.exportedAt))}</p>
${data.about.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${sections}`,
  );
}
