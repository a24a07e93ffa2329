import { LOG_ACTION_WORDS, MeetingPack, PackItem, WORDS_REMOVED } from '@p2p/contract';
import { escapeHtml, printablePage, printedTime } from '../platform/http/printable';

const what = (i: PackItem) => LOG_ACTION_WORDS[i.action] ?? i.action;
const when = printedTime;

/** The pack as plain Markdown, for download. */
export function packMarkdown(pack: MeetingPack): string {
  const lines = [`# ${pack.title}`, '', `${pack.communityName} — opened ${when(pack.openedAt)}`, ''];
  if (pack.items.length === 0) lines.push('Nothing was marked for this meeting.');
  for (const i of pack.items) {
    lines.push(`## ${i.position}. ${what(i)}`, '', `${when(i.at)}${i.actor ? ` — ${i.actor}` : ''}`, '');
    if (i.entryText) lines.push(...i.entryText.split('\n').map((l) => `> ${l}`), '');
    if (i.wordsRemoved) lines.push(`_${WORDS_REMOVED[i.wordsRemoved]}_`, '');
    if (i.reason) lines.push(`Why: ${i.reason}`, '');
    lines.push(`Outcome: ${i.outcome ?? '_to be recorded_'}`, '');
  }
  return lines.join('\n');
}

/** The pack as a printable page: everything escaped, nothing run. */
export function packHtml(pack: MeetingPack): string {
  const items = pack.items
    .map(
      (i) => `<section>
  <h2>${i.position}. ${escapeHtml(what(i))}</h2>
  <p class="meta">${escapeHtml(when(i.at))}${i.actor ? ` — ${escapeHtml(i.actor)}` : ''}</p>
  ${i.entryText ? `<blockquote>${escapeHtml(i.entryText).replace(/\n/g, '<br>')}</blockquote>` : ''}
  ${i.wordsRemoved ? `<p><em>${escapeHtml(WORDS_REMOVED[i.wordsRemoved])}</em></p>` : ''}
  ${i.reason ? `<p><strong>Why:</strong> ${escapeHtml(i.reason)}</p>` : ''}
  <p><strong>Outcome:</strong> ${i.outcome ? escapeHtml(i.outcome) : '<em>to be recorded</em>'}</p>
</section>`,
    )
    .join('\n');
  return printablePage(
    pack.title,
    `<h1>${escapeHtml(pack.title)}</h1>
<p class="meta">${escapeHtml(pack.communityName)} — opened ${escapeHtml(when(pack.openedAt))}</p>
${items || '<p>Nothing was marked for this meeting.</p>'}`,
  );
}
