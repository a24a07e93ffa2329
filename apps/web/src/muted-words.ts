/** Whether a text mentions one of a member's muted words: done in the client, for their eyes only. */

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first muted word the text mentions, or null. A whole word or phrase, in any case, with an
 * "s" or "es" after it too ("knife" folds "Knife" and "knifes", not "knifepoint").
 */
export function mutedWordAmong(text: string, words: string[]): string | null {
  for (const w of words) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escape(w)}(e?s)?(?=$|[^\\p{L}\\p{N}])`, 'iu');
    if (re.test(text)) return w;
  }
  return null;
}
