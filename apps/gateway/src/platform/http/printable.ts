/** A printable page runs nothing and loads nothing: only its own inline style. */
export const PRINTABLE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Text for HTML: everything escaped, nothing run. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "2026-12-07 21:04 UTC": a time as a printed page says it. */
export const printedTime = (iso: string): string => iso.replace('T', ' ').slice(0, 16) + ' UTC';

/** A page to read or print, in the board's quiet style: `body` is HTML already escaped. */
export function printablePage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
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
${body}
</body>
</html>`;
}
