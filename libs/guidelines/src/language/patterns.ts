import { Sentence, Span, spanOf, wordAt } from './sentences';

/** `(?:a|b|c)` from a list written as "a | b | c" (newlines allowed), longest first so the longest wins. */
export function oneOf(list: string | readonly string[]): string {
  const items = (typeof list === 'string' ? topLevelAlternatives(list) : [...list])
    .map((x) => x.trim())
    .filter(Boolean);
  items.sort((a, b) => b.length - a.length);
  return `(?:${items.join('|')})`;
}

/** Splits "a | b(?:c|d) | e" on the bars outside any group or character class. */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** A global regex over canonical text; `\b` edges are the caller's job. */
export function pattern(source: string): RegExp {
  return new RegExp(source, 'g');
}

/** Where a pattern matched: canonical offsets, word indices and the source span. */
export interface Hit extends Span {
  sentence: Sentence;
  /** Canonical offsets in `sentence.text`. */
  cStart: number;
  cEnd: number;
  /** First and last canonical word. */
  first: number;
  last: number;
  groups: Record<string, string | undefined>;
}

export function* hits(s: Sentence, re: RegExp): Generator<Hit> {
  for (const m of s.text.matchAll(re)) {
    let cStart = m.index;
    let cEnd = cStart + m[0].length;
    while (cStart < cEnd && s.text.charAt(cStart) === ' ') cStart++;
    while (cEnd > cStart && s.text.charAt(cEnd - 1) === ' ') cEnd--;
    if (cEnd === cStart) continue;
    const span = spanOf(s, cStart, cEnd);
    yield {
      ...span,
      sentence: s,
      cStart,
      cEnd,
      first: wordAt(s, cStart),
      last: wordAt(s, cEnd - 1),
      groups: m.groups ?? {},
    };
  }
}

/** Canonical text just before a hit (up to `chars` characters), ending with a space. */
export function before(hit: Hit, chars = 60): string {
  return hit.sentence.text.slice(Math.max(0, hit.cStart - chars), hit.cStart);
}

/** Canonical text just after a hit (up to `chars` characters), starting with a space. */
export function after(hit: Hit, chars = 60): string {
  return hit.sentence.text.slice(hit.cEnd, hit.cEnd + chars);
}

/** Grow a hit's source span to cover another canonical range of the same sentence. */
export function widen(hit: Hit, cStart: number, cEnd: number): Span {
  const extra = spanOf(hit.sentence, cStart, cEnd);
  return { start: Math.min(hit.start, extra.start), end: Math.max(hit.end, extra.end) };
}
