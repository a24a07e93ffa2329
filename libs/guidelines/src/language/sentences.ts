import { WrittenWord, canonicalise } from './canonical';

/**
 * One sentence of a post, read into canonical words. Detectors match patterns against `text`
 * (canonical words joined by single spaces) and map what they find back to the exact written
 * words with `spanOf`, so every finding can quote the member's own words.
 */
export interface Sentence {
  index: number;
  /** Source span of the whole sentence. */
  start: number;
  end: number;
  /** Canonical words joined by single spaces. */
  text: string;
  words: string[];
  /** Offset of each word in `text`. */
  at: number[];
  /** Source span of each word. */
  from: number[];
  to: number[];
  /** The written form each word came from (to see capitals, e.g. names). */
  raw: string[];
  /** The sentence starts inside a double quotation opened in an earlier sentence of the same paragraph. */
  inQuote: boolean;
}

export interface Span {
  start: number;
  end: number;
}

/** A written word, a line break, sentence-ending punctuation, or any other single symbol. */
const TOKEN = /([\p{L}\p{N}]+(?:['’‘ʼ`´][\p{L}]+|-[\p{L}\p{N}]+)*)|(\n)|([.!?…]+)|(\S)/gu;
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '*', '_', '~']);
// A map without a prototype: written words such as "constructor" must not find Object's own members.
const QUOTES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '„': '"',
  '‘': "'",
  '’': "'",
});

/** Long run-on sentences are read in overlapping windows so no pattern has to look too far. */
const MAX_WORDS = 120;
const WINDOW = 100;
const OVERLAP = 16;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let current: WrittenWord[] = [];
  let quoteOpen = false;
  const flush = (endOfParagraph: boolean) => {
    if (current.length > 0) {
      const opened = quoteOpen;
      for (const piece of windows(current)) sentences.push(build(piece, sentences.length, opened));
      const marks = current.filter((w) => w.text === '"').length;
      if (marks % 2 === 1) quoteOpen = !quoteOpen;
    }
    if (endOfParagraph) quoteOpen = false;
    current = [];
  };
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[2] !== undefined) {
      flush(true);
    } else if (m[3] !== undefined) {
      const after = text.charAt(end);
      const ellipsis = (m[0].length > 1 && !/[!?]/.test(m[0])) || m[0] === '…';
      // "I just wanna... go away" runs on; an ellipsis only ends a sentence before a capital or a line end.
      const endsHere = ellipsis
        ? /^\s*(?:$|\n|[\p{Lu}"“])/u.test(text.slice(end, end + 3))
        : after === '' || /\s/.test(after) || CLOSERS.has(after);
      if (endsHere) flush(false);
      else current.push({ text: m[0], start, end });
    } else {
      const written = m[4] !== undefined ? (QUOTES[m[0]] ?? m[0]) : m[0];
      current.push({ text: written, start, end });
    }
  }
  flush(true);
  return sentences;
}

function* windows(words: WrittenWord[]): Generator<WrittenWord[]> {
  if (words.length <= MAX_WORDS) {
    yield words;
    return;
  }
  for (let i = 0; i < words.length; i += WINDOW - OVERLAP) {
    yield words.slice(i, i + WINDOW);
    if (i + WINDOW >= words.length) return;
  }
}

function build(written: WrittenWord[], index: number, inQuote: boolean): Sentence {
  const canonical = canonicalise(written);
  const words: string[] = [];
  const at: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const raw: string[] = [];
  let offset = 0;
  for (const c of canonical) {
    words.push(c.word);
    at.push(offset);
    offset += c.word.length + 1;
    from.push(written[c.first].start);
    to.push(written[c.last].end);
    raw.push(written[c.first].text);
  }
  return {
    index,
    start: written[0].start,
    end: written[written.length - 1].end,
    text: words.join(' '),
    words,
    at,
    from,
    to,
    raw,
    inQuote,
  };
}

/** The index of the word that holds canonical offset `offset` (the last word starting at or before it). */
export function wordAt(s: Sentence, offset: number): number {
  let lo = 0;
  let hi = s.at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.at[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Source span of canonical text [start, end) of a sentence. */
export function spanOf(s: Sentence, start: number, end: number): Span {
  const first = wordAt(s, start);
  const last = wordAt(s, Math.max(start, end - 1));
  return { start: s.from[first], end: Math.max(s.to[last], s.to[first]) };
}
