import { COPING, DISTANT_PAST, RECENT, TIME } from './lexicon';
import { Hit, before } from './patterns';
import { Sentence } from './sentences';

/**
 * The questions a careful reader asks before taking words at face value: is it negated, only
 * supposed, someone else's words, long ago, or already handled with a crisis plan?
 */

/** "I don't think I'll...", "there's no way I'd...", "I'm not saying I want to...". */
const NEGATED_LEAD = new RegExp(
  `(?:\\b(?:not|never) (?:really )?(?:think|believe|feel like|see|imagine|say|saying|sure|like|mean|meaning|going to|ever going to)(?: if| whether| that)?|\\bdoubt(?: that)?|\\bno way|\\bnot because|\\bnot that|\\bnot as if|\\bnever (?:would|will)|\\bnot (?:planning|trying) on|\\bno longer|\\b(?:do not|did not) know(?: if| whether| whether or not)?|\\bnot sure(?: if| whether)?) $`,
);

/** "if I ever wanted to...", "whenever I want to...": a supposition or a habit, not an intent. */
const SUPPOSED_LEAD =
  /(?:\b(?:if|whether|unless|in case|what if|even if|when|whenever|until|till|once|before|in order|every time|each time|anytime|any time|as if|like if)(?: i)?(?: ever| really| ever really| still| do| actually)? )$/;

export function negatedLead(hit: Hit): boolean {
  return NEGATED_LEAD.test(before(hit, 40));
}

export function supposedLead(hit: Hit): boolean {
  return SUPPOSED_LEAD.test(before(hit, 30));
}

/** First person, own words: "I said 'I want to die'" is still the writer speaking. */
const OWN_WORDS =
  /\bi (?:said|say|told|tell|keep saying|kept saying|wrote|write|texted|think|thought|keep thinking|kept thinking|tell myself|told myself|just said|screamed|whispered|typed|posted)\b/;

/** Inside quotation marks, introduced by someone else ("she said "..."") or not introduced at all. */
export function quotedFromSomeoneElse(hit: Hit): boolean {
  const { words, inQuote } = hit.sentence;
  for (const mark of ['"', "'"]) {
    let open = -1;
    let count = mark === '"' && inQuote ? 1 : 0;
    for (let i = 0; i < hit.first; i++) {
      if (words[i] === mark) {
        count++;
        if (count % 2 === 1) open = i;
      }
    }
    if (count % 2 === 0) continue;
    let closed = false;
    for (let i = hit.last + 1; i < words.length; i++) {
      if (words[i] === mark) {
        closed = true;
        break;
      }
    }
    if (!closed && mark === "'") continue;
    if (open === -1) return true;
    const lead = words.slice(Math.max(0, open - 8), open).join(' ');
    return !OWN_WORDS.test(lead);
  }
  return false;
}

/** Reporting or framing words before an insult: "he told me you're...", "it makes you feel like you're...". */
const REPORTED_LEAD = new RegExp(
  `\\b(?:said|says|say|saying|told|tells|tell|telling|call|calls|called|calling|think|thinks|thought|believe|believes|feel like|felt like|feels like|makes you feel|make you feel|made me feel|as if|as though|scream|screamed|screams|yell|yelled|yells|shout|shouted|shouts|texted|wrote|writes|whisper|whispers|whispered|voice|voices|hear|heard|reminds|remind|means|meant|assume|assumed|if|when|imply|implying|implies|accused|accuse|accusing|claim|claims|claimed|pretend|pretending|acting like|act like|treat you like|treats you like|treated you like|treat me like|looked at me like|look at you like|make you|makes you|made you|who says|who said|so that|me :|mum :|dad :|she :|he :)\\b(?: \\S+){0,8} $`,
);

export function reportedLead(hit: Hit): boolean {
  return REPORTED_LEAD.test(before(hit, 60));
}

const DISTANT_RE = new RegExp(`\\b${DISTANT_PAST}\\b`);
const RECENT_RE = new RegExp(`\\b${RECENT}\\b`);
const COPING_RE = new RegExp(`\\b${COPING}\\b`);

/** The act is placed long ago ("used to", "years ago", "when I was 15") and nothing makes it recent. */
export function longAgo(sentences: readonly Sentence[], s: Sentence): boolean {
  if (RECENT_RE.test(s.text)) return false;
  if (DISTANT_RE.test(s.text)) return true;
  const previous = sentences[s.index - 1];
  return previous !== undefined && DISTANT_RE.test(previous.text) && !RECENT_RE.test(previous.text);
}

/** The sentence, or the next one, tells of using a crisis plan or getting through an urge. */
export function coping(sentences: readonly Sentence[], s: Sentence): boolean {
  if (COPING_RE.test(s.text)) return true;
  const next = sentences[s.index + 1];
  return next !== undefined && /^(?:but|so|then|and|instead)\b/.test(next.text) && COPING_RE.test(next.text);
}

const TIME_RE = new RegExp(`\\b${TIME}\\b`, 'g');

/** A time expression near a hit (a few words after it, or just before it), in canonical offsets. */
export function timeNear(hit: Hit): { cStart: number; cEnd: number } | null {
  const s = hit.sentence;
  const windowStart = Math.max(0, hit.cStart - 40);
  const windowEnd = Math.min(s.text.length, hit.cEnd + 70);
  const region = s.text.slice(windowStart, windowEnd);
  TIME_RE.lastIndex = 0;
  let best: { cStart: number; cEnd: number } | null = null;
  for (const m of region.matchAll(TIME_RE)) {
    const cStart = windowStart + m.index;
    const cEnd = cStart + m[0].length;
    if (cEnd <= hit.cStart || cStart >= hit.cEnd) {
      if (best === null || Math.abs(cStart - hit.cEnd) < Math.abs(best.cStart - hit.cEnd)) best = { cStart, cEnd };
    }
  }
  return best;
}
