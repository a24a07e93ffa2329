/** How long a thread row's one-line preview may be, in characters. */
export const PREVIEW_LENGTH = 120;

/**
 * One plain line from a post for a thread row: markdown-lite marks taken out (emphasis, list
 * markers, a link's address), spaces and line breaks folded, and cut at a word near the length,
 * with an ellipsis. The same on the server (thread lists) and in the client (live posts).
 */
export function previewOf(body: string, length = PREVIEW_LENGTH): string {
  const plain = body
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|_)(?=\S)([^]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= length) return plain;
  const cut = plain.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}
