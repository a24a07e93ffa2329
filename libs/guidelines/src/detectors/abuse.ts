import { reportedLead } from '../language/context';
import { Hit, oneOf, pattern } from '../language/patterns';
import { PhraseRule, runRules } from './rules';
import { Detection, Post } from './types';

/**
 * abuse: insulting or demeaning another member: words aimed at "you" or at a named person
 * ("You're pathetic", "shut up you stupid cow", "nobody in this group can stand you", "Sam is a
 * liar"). Self-criticism ("I'm so stupid"), reporting what someone said ("he told me I was
 * worthless", "people say you're stupid"), reassurance ("you are not a burden") and insults
 * inside quotation marks are not.
 */

const INSULT_ADJ = oneOf(`
  pathetic | stupid | worthless | useless | disgusting | vile | ugly | fat | thick | dumb | retarded | psycho | pitiful |
  repulsive | evil | nasty | toxic | fake | manipulative | spineless | brainless | gutless | insane | mental | crazy | deranged |
  a waste of space | a joke | a disgrace | an embarrassment | a failure | a liar | a fraud | attention seeking | a nobody |
  selfish | lazy | weird | creepy | sick | sad | cringe | annoying | irritating | ridiculous | delusional | dramatic
`);

const INSULT_NOUN = oneOf(`
  idiot | moron | loser | freak | cow | bitch | slag | slut | whore | twat | prick | dick | dickhead | wanker | tosser | cunt |
  arsehole | asshole | bastard | scum | scumbag | retard | psycho | nutter | nutcase | weirdo | creep | parasite | leech | pig |
  attention seeker | attention whore | drama queen | waste of space | piece of shit | piece of crap | pos | liar | fraud | fake |
  joke | failure | disgrace | embarrassment | snowflake | troll | cretin | imbecile | bellend | knobhead | knob | muppet |
  clown | loser | lowlife | low life | degenerate | animal | monster | nobody | waste of oxygen | waste of air | mess | fool |
  coward | manipulator | narcissist | sociopath | psychopath | headcase | head case | fatso | fatass | fat ass | dumbass | dumb ass |
  jackass | douche | douchebag | git | plonker | pillock | prat | numpty | minger | skank | tramp | hoe | thot
`);

/** Milder adjectives that only insult with an intensifier or an article ("you're so sad", not "you're sad"). */
const MILD =
  /^(?:selfish|lazy|weird|creepy|sick|sad|cringe|annoying|irritating|ridiculous|delusional|dramatic|insane|mental|crazy|fake|ugly|fat)$/;

const INTENSIFIER =
  '(?:(?:a|an|such a|such an|so|the most|the biggest|a fucking|a total|an absolute|a complete|just a|a right|a proper|fucking|really|truly|seriously|honestly|literally|always|nothing but|nothing more than|still|actually|completely|totally|absolutely|pure|utterly|a massive|one|a bit of a|kind of a|kinda) ){0,6}';

/** "you ... not ..." reassurance and questions about oneself ("am I stupid?") stay out. */
function aimedAndMeant(hit: Hit): boolean {
  if (reportedLead(hit)) return false;
  const matched = hit.sentence.text.slice(hit.cStart, hit.cEnd);
  if (/\b(?:not|never|no longer|nothing like)\b/.test(matched)) return false;
  const words = matched.split(' ');
  const last = words[words.length - 1];
  if (MILD.test(last)) {
    const beforeLast = words.slice(0, -1).join(' ');
    if (
      !/\b(?:so|such|fucking|really|the most|a|an|absolutely|completely|totally|utterly|pathetically|disgustingly|always)\b/.test(
        beforeLast,
      )
    ) {
      return false;
    }
  }
  return true;
}

/** Imperatives aimed at someone: "Shut up", "Just leave.", "..., fuck off". Not "I told him to shut up" or "please go away" said to a feeling. */
const IMPERATIVE_LEAD =
  /^(?:(?:(?:just|please|now|so|and|oh|ok|okay|seriously|honestly|lol|mate|dude|well|then|why do not you|why not|you should|you need to|you can|you could|go on|yeah|no|god|jesus|omg|ffs|for fuck s sake|[a-z]+ ,|, )\s?)*)$/;

function imperative(hit: Hit): boolean {
  const before = hit.sentence.text.slice(0, hit.cStart);
  if (!IMPERATIVE_LEAD.test(before)) return false;
  return !reportedLead(hit);
}

export const ABUSE_RULES: readonly PhraseRule[] = [
  {
    name: 'you are ...',
    hint: /\b(?:you|y all|ur|your)\b/,
    re: pattern(
      `\\b(?:you|you all|all of you|y all|ur|your) (?:are|were|is|r|being) ${INTENSIFIER}(?:${INSULT_ADJ}|${INSULT_NOUN})\\b`,
    ),
    reason: 'an insult aimed at another member',
    strength: 70,
    ownNegation: true,
    accept: aimedAndMeant,
  },
  {
    name: 'your pathetic',
    hint: /\b(?:your|ur)\b/,
    re: pattern(
      `\\b(?:your|ur) ${INTENSIFIER}(?:pathetic|stupid|worthless|useless|disgusting|vile|an idiot|a loser|a joke|a liar|a freak|a failure|a disgrace|a waste of space|an attention seeker|a fraud|a bitch|a cunt|a prick|a twat|an embarrassment|delusional|manipulative|toxic|fake)(?= ?(?:$|,|;|!|and\\b|lol|haha|so\\b|just\\b|get\\b|go\\b|nobody\\b|no one\\b|grow\\b|shut\\b))`,
    ),
    reason: 'an insult aimed at another member',
    strength: 70,
    ownNegation: true,
    accept: aimedAndMeant,
  },
  {
    name: 'you stupid cow',
    hint: /\byou\b/,
    re: pattern(
      `\\byou (?:(?:stupid|pathetic|fucking|little|fat|ugly|dumb|useless|worthless|disgusting|absolute|complete|total|bloody|sad|vile|silly|attention seeking|lying|nasty|spineless|thick|evil|miserable|old|brainless|crazy|psycho|selfish) )*(?:${INSULT_NOUN})\\b`,
    ),
    reason: 'an insult aimed at another member',
    strength: 70,
    ownNegation: true,
    accept: (hit) =>
      !reportedLead(hit) && !/\b(?:like|than|as|about|of|for|with)\s$/.test(hit.sentence.text.slice(0, hit.cStart)),
  },
  {
    name: 'go away',
    hint: /\b(?:shut|fuck|piss|sod|bugger|get|go|drop|die|kill|kys|leave|do us|nobody|no one|crawl)\b/,
    re: pattern(
      `(?:^|(?<=[,;:.!?] )|(?<=\\b(?:just|please|so|now|and|why do not you|why not|you should|you need to|you can|you could) ))(?:shut up|shut it|shut your (?:mouth|face|trap|gob)|fuck off|piss off|sod off|bugger off|get lost|go away|go to hell|drop dead|go die|go and die|die already|kill yourself|go kill yourself|go and kill yourself|kys|just leave|leave already|do us all a favou?r|get out of (?:here|this group|our group|the group)|nobody wants you here|no one wants you here|crawl back under your rock|get a life|go cry|go and cry)\\b`,
    ),
    reason: 'telling another member to go away or shut up',
    strength: 70,
    ownNegation: true,
    accept: imperative,
  },
  {
    name: 'nobody likes you',
    hint: /\byou\b/,
    re: pattern(
      `\\b(?:nobody|no one|noone|not one person)(?: here| in (?:this|the|our) (?:group|community|board|place|room))? (?:likes|wants|can stand|cares about|gives a (?:shit|fuck|damn) about|needs|asked|will ever (?:like|love|want)|loves|respects|believes|trusts|misses) you\\b|\\b(?:everyone|everybody|we all|all of us|the whole group)(?: here| in (?:this|the|our) (?:group|community|board))? (?:hates|is sick of|is tired of|laughs at|talks about|despises|can not stand|would be better off without|thinks you are (?:a |an )?(?:${INSULT_ADJ}|${INSULT_NOUN})) you\\b`,
    ),
    reason: 'demeaning another member',
    strength: 70,
    ownNegation: true,
    accept: (hit) =>
      !reportedLead(hit) &&
      !/^ (?:in (?:the real world|this world|life|society|real life|the end)|when|if|unless)\b/.test(
        hit.sentence.text.slice(hit.cEnd, hit.cEnd + 30),
      ),
  },
  {
    name: 'nobody asked you',
    hint: /\b(?:asked|cares what)\b/,
    re: pattern(`\\b(?:no one|nobody|noone) (?:asked|cares what) (?:you|for your (?:opinion|input|advice))\\b`),
    reason: 'demeaning another member',
    strength: 65,
    ownNegation: true,
  },
  {
    name: 'you deserve to suffer',
    hint: /\byou\b/,
    re: pattern(
      `\\byou (?:deserve|deserved|should|ought) (?:to )?(?:die|suffer|rot|be alone|be dead|kill yourself|go die|be hurt|burn)\\b|\\b(?:i hope|hope) you (?:die|suffer|rot|get hurt|burn|kill yourself|choke)\\b`,
    ),
    reason: 'wishing harm on another member',
    strength: 75,
    accept: (hit) => !reportedLead(hit),
  },
  {
    name: 'named member',
    hint: /\b(?:is|was) /,
    re: pattern(`\\b(?<name>[a-z]+) (?:is|was) ${INTENSIFIER}(?:${INSULT_ADJ}|${INSULT_NOUN})\\b`),
    reason: 'an insult aimed at a named member',
    strength: 60,
    ownNegation: true,
    accept: (hit) => {
      if (!aimedAndMeant(hit)) return false;
      const raw = hit.sentence.raw[hit.first] ?? '';
      const name = hit.groups.name ?? '';
      const capitalised = /^\p{Lu}\p{Ll}+$/u.test(raw);
      const mentioned = hit.first > 0 && hit.sentence.words[hit.first - 1] === '@';
      return (capitalised || mentioned) && !NOT_A_MEMBER.has(name);
    },
  },
];

/** Capitalised words that are not people (or not members) even mid-sentence. */
const NOT_A_MEMBER = new Set(
  `
  i it this that life depression anxiety god christmas monday tuesday wednesday thursday friday
  saturday sunday america england britain trump reddit facebook twitter school work covid coronavirus
  everything nothing everyone society humanity he she they mum dad my suicide death love therapy
  college university english math maths science religion money hope sleep dying living loneliness
  medication there here what which who everybody nobody someone somebody anyone one family today
  tomorrow tonight yesterday group art music church government capitalism job ocd bpd ptsd adhd autism
  therapist counselling counseling psychiatry medicine treatment internet instagram tiktok youtube
  netflix news media politics history physics chemistry biology homework exam exams weather food
  dating marriage sex alcohol weed drinking christianity london nhs
`
    .trim()
    .split(/\s+/),
);

/** Posts written to oneself ("I talk to myself", "note to self", "the voice says") use "you" for the writer. */
const TALKING_TO_MYSELF =
  /\b(?:talk(?:ing)? to myself|note to self|dear (?:me|self|younger me|past me|future me)|to my (?:younger|past|future|old) self|letter to myself|my inner (?:voice|critic)|the voices? (?:in my head )?(?:says?|tells?|keeps? saying|screams?)|my (?:brain|head|mind) (?:says|tells me|keeps telling me))\b/;

export function detectAbuse(post: Post): Detection[] {
  if (post.sentences.some((s) => TALKING_TO_MYSELF.test(s.text))) return [];
  return runRules(post, 'abuse', ABUSE_RULES).filter((d) => !insideAsterisks(post.text, d.start, d.end));
}

/** *Inner voice in italics* is quoted, not said to anyone. */
function insideAsterisks(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const lineEnd = text.indexOf('\n', end);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd === -1 ? undefined : lineEnd);
  return (before.split('*').length - 1) % 2 === 1 && after.includes('*');
}
