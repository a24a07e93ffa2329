import { FAMILY_NOUN, FILLER, PERSON_NOUN } from '../language/lexicon';
import { Hit, oneOf, pattern } from '../language/patterns';
import { PhraseRule, runRules } from './rules';
import { Detection, Post } from './types';

/**
 * imminent-harm-others: the writer threatens violence to someone ("If he turns up again I swear
 * I'll stab him", "Going to smash his face in", "I know where she parks her car"). Figures of
 * speech ("this heat is killing me", "I could kill for a coffee", "my boss will murder me"),
 * other people's threats and past events are not: a threat needs the writer as the one who will
 * act, a violent verb, and a person on the receiving end.
 */

const VIOLENCE = oneOf(`
  kill | murder | stab | shoot | strangle | choke | beat | batter | punch | hit | kick | smash | glass | slap | attack | hurt |
  knife | bash | deck | headbutt | poison | burn | run over | slit | throttle | maim | torture | beat up | beat the shit out of |
  beat the crap out of | kick the shit out of | smack | whack | lamp | chin | floor | knock out | set fire to | end | bottle
`);

/** Who a threat lands on. A bare word is taken as a name only if written with a capital (checked below). */
const TARGET = `(?:${oneOf(`
  him | her | them | you | you all | all of you | everyone | everybody | every one of them | people | y all | the lot of them |
  (?:that|this|those|these|the) (?:\\S+ )?${PERSON_NOUN}(?: from (?:the )?\\S+)? | my ${FAMILY_NOUN} | his ${FAMILY_NOUN} | her ${FAMILY_NOUN} |
  (?:his|her|their|your) (?:face|head|legs|neck|jaw|nose|teeth|skull|throat|kneecaps|car|house)
`)}|(?<name>[a-z]+))`;

const TAIL = '(?: (?:up|in|out|over|down|off|dead|to death|so hard|senseless))?';

/** Words after the target that make it a figure of speech or not violence at all. */
const NOT_VIOLENT_AFTER =
  /^ (?:up\b(?! (?:so|bad))|with kindness|with love|at\b|in (?:chess|a game|fortnite|the game|an argument|a race)|feelings|by (?:leaving|telling|saying|not)|emotionally|'s feelings|if you (?:spoil|tell|eat|touch)|when you (?:see|get))/;
const JOKING = /\b(?:lol|lmao|haha\w*|jk|joking|only joking|kidding|x+d|😂|🤣|😅)\b|😂|🤣|😅/;

/** Capitalised words that look like names but are not people. */
const NOT_NAMES = new Set(
  `
  i it this that everything nothing time myself me my the a an life depression anxiety again tonight
  today tomorrow now someone something anyone anything god all things people
`
    .trim()
    .split(/\s+/),
);

function targetIsPerson(hit: Hit): boolean {
  const name = hit.groups.name;
  if (name === undefined) return true;
  const index = hit.last;
  const raw = hit.sentence.raw[index] ?? '';
  return /^\p{Lu}\p{Ll}+$/u.test(raw) && !NOT_NAMES.has(name);
}

/** "with my death I'll hurt people": hurt that comes from the writer dying, not from violence. */
const HURT_BY_DYING =
  /\b(?:with my (?:death|suicide|existence|leaving)|by (?:dying|leaving|killing myself)|if i (?:die|kill myself|left|leave)|when i (?:die|am gone|go))\b/;

function threatNotFigure(hit: Hit): boolean {
  const s = hit.sentence;
  if (JOKING.test(s.text)) return false;
  if (HURT_BY_DYING.test(s.text)) return false;
  // "hit him up" is getting in touch, not hitting.
  if (/\bhit \S+(?: \S+)? up$/.test(s.text.slice(hit.cStart, hit.cEnd))) return false;
  if (NOT_VIOLENT_AFTER.test(s.text.slice(hit.cEnd, hit.cEnd + 30))) return false;
  return targetIsPerson(hit);
}

const WILL = oneOf(`
  will | going to | want to | plan to | planning to | intend to | am about to | about to | am going to | swear i will | swear to god i will |
  am gonna | promise i will | need to | have to | am ready to | ready to | am tempted to | tempted to | would love to | wanna | shall |
  am definitely going to | will definitely | am coming to | might | may | must
`);

const VIOLENCE_HINT = new RegExp(`\\b${VIOLENCE}\\b`);

export const HARM_OTHERS_RULES: readonly PhraseRule[] = [
  {
    name: 'threat',
    hint: VIOLENCE_HINT,
    re: pattern(
      `\\bi ${FILLER}${WILL} (?:(?:just|really|actually|fucking|definitely|go and|come and|fucking go) )*${VIOLENCE} ${TARGET}${TAIL}\\b`,
    ),
    reason: 'a threat to hurt someone',
    strength: 75,
    accept: threatNotFigure,
  },
  {
    name: 'threat, no subject',
    hint: VIOLENCE_HINT,
    re: pattern(
      `(?:^|(?<=(?:^|[,;:(\\-]) ))(?:(?:and|but|so|just|honestly|seriously|swear|i swear) )*(?:going to|will|gonna|about to|gunna) (?:(?:just|really|actually|fucking|definitely|go and|come and) )*${VIOLENCE} ${TARGET}${TAIL}\\b`,
    ),
    reason: 'a threat to hurt someone',
    strength: 70,
    accept: threatNotFigure,
  },
  {
    name: 'break something of theirs',
    hint: /\b(?:face|head|legs|neck|jaw|nose|teeth|skull|throat|kneecaps|tyres|windows)\b/,
    re: pattern(
      `\\b(?:i ${FILLER}${WILL}|(?:^|(?<=[,;] ))(?:going to|will)) (?:\\S+ )?(?:smash|kick|cave|bash|punch|break|rip|tear|slit|cut) (?:his|her|their|your|that \\S+ s|the \\S+ s) (?:face|head|legs|neck|jaw|nose|teeth|skull|throat|kneecaps|tyres|windows)(?: in| off| out| open)?\\b`,
    ),
    reason: 'a threat to hurt someone',
    strength: 75,
    accept: (hit) => !JOKING.test(hit.sentence.text),
  },
  {
    name: 'make them pay',
    hint: /\bmak(?:e|ing)\b/,
    re: pattern(
      `\\b(?:make|making) (?:sure )?(?:that )?(?:him|her|them|you|(?:that|this|the) (?:\\S+ ){0,4}(?:${PERSON_NOUN}))(?: (?:from|at|on) (?:the )?\\S+)? (?:pay|regret(?:s)? (?:it|this|that|what)|regrets? it|suffer|suffers|sorry|wish (?:he|she|they|you) (?:was|were) dead|bleed|pays)\\b`,
    ),
    reason: 'a threat to hurt someone',
    strength: 70,
    firstPerson: true,
    accept: (hit) => {
      const lead = hit.sentence.text.slice(Math.max(0, hit.cStart - 40), hit.cStart);
      const meant =
        /\b(?:will|going to|want to|make sure|swear|shall|about to|plan to|promise|intend to|need to|gonna)(?: \S+){0,2} $/.test(
          lead,
        ) || /^make sure/.test(hit.sentence.text.slice(hit.cStart));
      return meant && !/\b(?:not|never)(?: \S+){0,3} $/.test(lead) && !JOKING.test(hit.sentence.text);
    },
  },
  {
    name: 'knows where they live',
    hint: /\bknow where\b/,
    re: pattern(
      `\\bi (?:\\S+ )?know where (?:he|she|they|you|that \\S+|the \\S+|your \\S+|his \\S+|her \\S+) (?:lives?|parks?|works?|sleeps?|goes|stays?|hangs? out|drinks|walks|drops|picks)\\b`,
    ),
    reason: 'a veiled threat',
    strength: 70,
  },
  {
    name: 'you will regret it',
    hint: /\b(?:regret|pay for|sorry|coming|dead|watch your back)\b/,
    re: pattern(
      `\\byou (?:will|are going to|are gonna) (?:regret (?:this|it|that)|pay for (?:this|it|that)|be sorry|get what is coming)\\b|\\byou are (?:dead|a dead (?:man|woman))(?: meat| if| when| next time)\\b|\\bwatch your back\\b`,
    ),
    reason: 'a threat to someone',
    strength: 65,
    accept: (hit) => !JOKING.test(hit.sentence.text),
  },
  {
    name: 'attack a place',
    hint: /\b(?:shoot up|bomb|blow up|burn down|set fire|attack)\b/,
    re: pattern(
      `\\b(?:i ${FILLER}${WILL}|going to) (?:shoot up|bomb|blow up|burn down|set fire to|attack) (?:the|my|this|that|our) (?:school|college|uni|university|work|office|ward|hospital|group|building|house|church|mosque|synagogue|centre|center)\\b`,
    ),
    reason: 'a threat of violence',
    strength: 85,
  },
];

export function detectHarmToOthers(post: Post): Detection[] {
  return runRules(post, 'imminent-harm-others', HARM_OTHERS_RULES);
}
