import { LOG_ACTION_WORDS } from '@p2p/contract';
import { MeetingPack, PackItem } from '@p2p/contract';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const what = (i: PackItem) => LOG_ACTION_WORDS[i.action] ?? i.action;
const when = (iso: string) => iso.replace('T', ' ').slice(0, 16) + ' UTC';

/** The pack as plain Markdown, for download. */
export function packMarkdown(pack: MeetingPack): string {
  const lines = [`# ${pack.title}`, '', `${pack.communityName} — opened ${when(pack.openedAt)}`, ''];
  if (pack.items.length === 0) lines.push('Nothing was marked for this meeting.');
  for (const i of pack.items) {
    lines.push(`## ${i.position}. ${what(i)}`, '', `${when(i.at)}${i.actor ? ` — ${i.actor}` : ''}`, '');
    if (i.entryText) lines.push(...i.entryText.split('\n').map((l) => `> ${l}`), '');
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
  ${i.reason ? `<p><strong>Why:</strong> ${escapeHtml(i.reason)}</p>` : ''}
  <p><strong>Outcome:</strong> ${i.outcome ? escapeHtml(i.outcome) : '<em>to be recorded</em>'}</p>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(pack.title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
  .meta { color: #555; margin-top: -0.5rem; }
  blockquote { border-left: 4px solid #888; margin: 0.5rem 0; padding: 0.25rem 1rem; background: #f5f5f5; white-space: normal; }
  section { page-break-inside: avoid; }
  @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>${escapeHtml(pack.title)}</h1>
<p class="meta">${escapeHtml(pack.communityName)} — opened ${escapeHtml(when(pack.openedAt))}</p>
${items || '<p>Nothing was marked for this meeting.</p>'}
</body>
</html>`;
}
