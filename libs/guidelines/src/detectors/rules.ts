import { coping, longAgo, negatedLead, quotedFromSomeoneElse, supposedLead, timeNear } from '../language/context';
import { Hit, hits, widen } from '../language/patterns';
import { Sentence, Span } from '../language/sentences';
import { GuidelineCategory } from '../types';
import { Detection, Post } from './types';

/**
 * A phrase pattern plus the questions a careful reader asks about it. Most detectors are a list
 * of these; `runRules` applies the shared guards so each list only says what is special.
 */
export interface PhraseRule {
  /** Short name, used in tests and when reading why something matched. */
  name: string;
  re: RegExp;
  /** Why, in a few words: 'intent to end their life'. */
  reason: string;
  strength: number;
  /** The post must elsewhere talk about suicide / despair / self-harm for these words to count. */
  needs?: 'suicide' | 'despair' | 'self-harm';
  /** Only counts with a time expression nearby ("I'm killing myself" means nothing without "tonight"). */
  needsTime?: boolean;
  /** A wish or urge: not a breach when the same breath tells of using a crisis plan. */
  easedByCoping?: boolean;
  /** An act: not a breach when placed long ago ("when I was 15", "used to"). */
  easedByTime?: boolean;
  /** Skip the negation / supposition guards (the pattern carries its own negation, e.g. "don't want to live"). */
  ownNegation?: boolean;
  /** The whole sentence must be this phrase (e.g. a lone "Goodbye."). */
  wholeSentence?: boolean;
  /** The writer must be the one speaking or acting (an "I", "my" or "me" near, and no "he said" just before). */
  firstPerson?: boolean;
  /** Only the "he said" / "the film ends with" check: words with no subject of their own ("Goodbye everyone"). */
  notReported?: boolean;
  /** Any further check. */
  accept?: (hit: Hit, post: Post) => boolean;
  /** A cheap test the sentence must pass before the full pattern is tried (keeps long posts fast). */
  hint?: RegExp;
}

const THIRD_PERSON_LEAD =
  /\b(?:he|she|they|him|them|my (?:friend|brother|sister|mum|dad|partner|son|daughter|cousin|ex)|someone|somebody|people|friend|anyone|everyone|who|person|his|her|their|character|film|book|song|show)\b(?: \S+){0,4} $/;
const FIRST_PERSON_LEAD = /\b(?:i|me|my|myself)\b/;

/** The writer is the one speaking or acting: an "I", "my" or "me" near, and no "he said" just before. */
export function firstPersonLead(hit: Hit): boolean {
  const lead = hit.sentence.text.slice(Math.max(0, hit.cStart - 50), hit.cStart);
  if (FIRST_PERSON_LEAD.test(hit.sentence.text.slice(hit.cStart, hit.cEnd))) return true;
  if (THIRD_PERSON_LEAD.test(lead)) return false;
  return hit.first <= 2 || FIRST_PERSON_LEAD.test(lead) || FIRST_PERSON_LEAD.test(hit.sentence.text);
}

function isWholeSentence(hit: Hit): boolean {
  const s = hit.sentence;
  const rest = (s.text.slice(0, hit.cStart) + ' ' + s.text.slice(hit.cEnd)).replace(/[^a-z0-9]+/g, ' ').trim();
  return (
    rest === '' ||
    /^(?:ok|okay|so|well|anyway|and|just|lol|x+|xo|love you all|love|sorry|(?:thank you|thanks)(?: so much)?(?: all| everyone| guys)?(?: for (?:everything|reading|listening|trying|all))?(?: and)?)$/.test(
      rest,
    )
  );
}

export function runRules(post: Post, category: GuidelineCategory, rules: readonly PhraseRule[]): Detection[] {
  const found: Detection[] = [];
  for (const s of post.sentences) {
    for (const rule of rules) {
      if (rule.needs === 'suicide' && !post.suicideTalk) continue;
      if (rule.needs === 'despair' && !post.despairTalk) continue;
      if (rule.needs === 'self-harm' && !post.selfHarmTalk) continue;
      if (rule.hint && !rule.hint.test(s.text)) continue;
      rule.re.lastIndex = 0;
      for (const hit of hits(s, rule.re)) {
        const detection = judge(post, s, rule, hit, category);
        if (detection !== null) found.push(detection);
      }
    }
  }
  return found;
}

function judge(post: Post, s: Sentence, rule: PhraseRule, hit: Hit, category: GuidelineCategory): Detection | null {
  if (quotedFromSomeoneElse(hit)) return null;
  if (!rule.ownNegation && (negatedLead(hit) || supposedLead(hit))) return null;
  if (rule.firstPerson && !firstPersonLead(hit)) return null;
  if (rule.notReported && THIRD_PERSON_LEAD.test(hit.sentence.text.slice(Math.max(0, hit.cStart - 50), hit.cStart))) {
    return null;
  }
  if (rule.wholeSentence && !isWholeSentence(hit)) return null;
  if (rule.easedByCoping && coping(post.sentences, s)) return null;
  if (rule.easedByTime && longAgo(post.sentences, s)) return null;
  if (rule.accept && !rule.accept(hit, post)) return null;
  const time = timeNear(hit);
  if (rule.needsTime && time === null) return null;
  let span: Span = hit;
  let reason = rule.reason;
  let strength = rule.strength;
  if (time !== null && category === 'imminent-harm-self') {
    span = widen(hit, time.cStart, time.cEnd);
    reason = withTimeframe(reason);
    strength += 10;
  }
  return { category, start: span.start, end: span.end, reason, strength };
}

function withTimeframe(reason: string): string {
  if (reason.includes('timeframe')) return reason;
  if (reason.startsWith('intent')) return 'intent with a timeframe';
  return `${reason}, with a timeframe`;
}
