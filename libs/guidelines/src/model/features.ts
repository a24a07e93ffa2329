import { Sentence } from '../language/sentences';

/**
 * The words a scored model reads: lower-case canonical words ("don't" is "do not", "gonna" is
 * "going to"), single words and pairs of neighbouring words, each counted once per post. After a
 * negation ("not", "never", "no", ...) the next few words of the same clause are marked with a
 * leading "!", so "not want to die" gives "!want", "!die" rather than "die".
 */

const NEGATION = new Set(['not', 'never', 'no', 'nothing', 'nobody', 'nowhere', 'neither', 'nor', 'without', 'none']);
/** Words that end a clause, and so end a negation's reach. */
const CLAUSE_BREAK = new Set(['but', 'because', 'so', 'and', 'though', 'although', 'yet', 'however']);
const NEGATION_REACH = 4;
const WORD = /^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u;

/** One sentence as marked words: punctuation dropped, negated words prefixed with "!". */
export function markedWords(words: readonly string[]): string[] {
  const out: string[] = [];
  let negated = 0;
  for (const w of words) {
    if (!WORD.test(w)) {
      negated = 0;
      continue;
    }
    if (CLAUSE_BREAK.has(w)) negated = 0;
    if (NEGATION.has(w)) {
      out.push(w);
      negated = NEGATION_REACH;
      continue;
    }
    if (negated > 0) {
      out.push(`!${w}`);
      negated--;
    } else {
      out.push(w);
    }
  }
  return out;
}

/** The features of one sentence, in order, duplicates kept. */
export function sentenceFeatures(s: Pick<Sentence, 'words'>): string[] {
  const marked = markedWords(s.words);
  const out: string[] = [...marked];
  for (let i = 1; i < marked.length; i++) out.push(`${marked[i - 1]} ${marked[i]}`);
  return out;
}

/** The distinct features of a whole post. */
export function postFeatures(sentences: readonly Pick<Sentence, 'words'>[]): Set<string> {
  const seen = new Set<string>();
  for (const s of sentences) for (const f of sentenceFeatures(s)) seen.add(f);
  return seen;
}
