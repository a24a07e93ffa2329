import { BODY, MEANS } from '../language/lexicon';
import { Hit, oneOf, pattern } from '../language/patterns';
import { PhraseRule, runRules } from './rules';
import { Detection, Post } from './types';

/**
 * self-harm-account: the writer describes an act of self-harm, or an attempt on their life, that
 * has just happened or is going on ("Last night I cut my arms again", "I've been cutting for
 * weeks", "I tried to hang myself today"). Recovery talk ("I used to cut", "eight months
 * without cutting"), urges that were not acted on, accidents and other people's acts are not.
 */

/** Between "i" and a past-tense verb: words that keep it the writer's own, real act. */
const LEAD =
  '(?:(?:just|really|then|also|finally|literally|have|had|ended up|wound up|winded up|went and|actually|again|still|even|kinda|kind of|basically|immediately|so|and|accidentally on purpose|deliberately|purposely|broke down and) ){0,6}';

/** Acts that can take a body part as their object ("cut my arms", "burned my wrist"). */
const MARKING = oneOf(
  'cut | slit | slashed | sliced | scratched | burned | burnt | carved | scarred | gouged | picked at | snipped | sniped | nicked',
);
/** Acts that only count with "myself" ("hit myself", "punched myself"). */
const STRIKING = oneOf(
  'hit | punched | stabbed | hurt | harmed | strangled | choked | bruised | scalded | bashed | banged | whipped | bit | beat | starved | poisoned',
);

/** A few plain acts of ending one's life, for "I was about to ...". */
const SELF_ACT_LITE = oneOf(
  'kill myself | end it | end my life | hang myself | overdose | od | jump | cut | slit my wrists | take my life | take my own life',
);

/** Today, last night, earlier: for stopped attempts, which are only news when recent. */
const RECENTLY =
  /\b(?:yesterday|last night|today|tonight|this (?:morning|afternoon|evening|week)|earlier|just now|hours ago|the other (?:day|night))\b/;

const AFTER_ACT = '(?: (?:again|deep|deeper|badly|really (?:bad|deep)|so (?:bad|deep)|pretty deep|open|up))?';

const PILLS = oneOf(
  'pills | tablets | paracetamol | painkillers | pain killers | sleeping pills | sleeping tablets | meds | medication | antidepressants | xanax | benzos | tylenol | ibuprofen | aspirin | co codamol | codeine | insulin | sertraline | quetiapine | amitriptyline | propranolol | lithium',
);
const OVERDOSE_AMOUNT =
  '(?:all (?:of )?(?:my|the|her|his)|a (?:whole )?(?:bottle|box|packet|pack|strip|handful|bunch|load|lot|heap|stash) of|loads of|(?:[1-9]\\d|[6-9])|too many|a load of|enough|double|triple|a fistful of|every one of my)';

const MARK_HINT = new RegExp(`\\b(?:${MARKING}|${STRIKING}|cutting|burning|scratching|slicing|carving)\\b`);

export const SELF_HARM_ACCOUNT_RULES: readonly PhraseRule[] = [
  {
    name: 'marked my body',
    hint: MARK_HINT,
    re: pattern(`\\bi ${LEAD}${MARKING} (?:myself|my ${BODY}|into my ${BODY}|my own ${BODY})${AFTER_ACT}\\b`),
    reason: 'describes self-harm that has just happened',
    strength: 70,
    easedByTime: true,
    accept: notAnAccident,
  },
  {
    name: 'struck myself',
    hint: /\bmyself\b/,
    re: pattern(`\\bi ${LEAD}${STRIKING} myself${AFTER_ACT}\\b`),
    reason: 'describes self-harm that has just happened',
    strength: 65,
    easedByTime: true,
    accept: notAnAccident,
  },
  {
    name: 'did it again',
    hint: /\b(?:again|last night|tonight|today|yesterday|this morning|earlier|relapsed|caved|gave in|slipped up)\b/,
    re: pattern(
      `\\bi ${LEAD}(?:cut|self harmed|relapsed|harmed|did it|have done it|caved|gave in|slipped up|broke my streak)(?: again| last night| tonight| today| yesterday| this morning| earlier)\\b|\\bi ${LEAD}(?:relapsed|caved|gave in|slipped up)\\b`,
    ),
    reason: 'describes self-harm that has just happened',
    strength: 65,
    needs: 'self-harm',
    easedByTime: true,
  },
  {
    name: 'no subject',
    hint: MARK_HINT,
    re: pattern(
      `^(?:(?:just|then|and|so|literally|again|also|today|tonight|last night|yesterday) )*(?:${MARKING}|${STRIKING}) (?:myself|my ${BODY})${AFTER_ACT}\\b|^(?:(?:just|then|and|so|currently|still) )*(?:cutting|burning|scratching|slicing|carving) (?:myself|my ${BODY})\\b`,
    ),
    reason: 'describes self-harm that has just happened',
    strength: 65,
    easedByTime: true,
    accept: notAnAccident,
  },
  {
    name: 'ongoing',
    hint: /\b(?:self harm\w*|myself|cutting|burning|carving|scratching|cut|slit|burn|scratch|carve|streak)\b/,
    re: pattern(
      `\\bi (?:am|have been|have started|started|began|have begun|am back to|went back to|started back|keep|still|have gone back to|have gotten back into|got back into|am getting back into|have got back into|went back into) (?:\\S+ )?(?:(?:self harming|hurting myself|harming myself|scratching myself|hitting myself|starving myself|burning myself|cutting myself)(?: my ${BODY})?|(?:cutting|burning|carving|scratching) (?:my ${BODY}|again|every day|daily|every night|most nights|for (?:weeks|days|months)|lately|recently|a lot|more)|(?:cutting|self harm)(?= ?(?:$|,|and\\b|but\\b)))(?: again| every day| daily| every night| most nights| for (?:weeks|days|months)| lately| recently| a lot| more)?\\b|\\bi (?:have begun|began|started|have started|am starting) to (?:cut|slit|burn|scratch|carve|self harm|hurt myself|harm myself)(?: myself| my ${BODY}| into my ${BODY}| again)?\\b|\\b(?:\\d+|three|two|four|five|one) (?:day|week|month) (?:streak of|long streak of) (?:cutting|self harm|self harming)\\b`,
    ),
    reason: 'describes self-harm that is going on',
    strength: 65,
    easedByTime: true,
  },
  {
    name: 'habit',
    hint: /\b(?:self harm|cut|burn myself|hurt myself|harm myself)\b/,
    re: pattern(
      `\\bi (?:still |sometimes |often |regularly |usually |constantly )?(?:self harm|cut myself|cut|burn myself|hurt myself|harm myself)(?= ?(?:$|,|and|when|whenever|every|most|to cope|daily|a lot|fairly often|often|sometimes|regularly|\\d|several times|many times|multiple times))`,
    ),
    reason: 'describes self-harm that is going on',
    strength: 60,
    easedByTime: true,
  },
  {
    name: 'fresh wounds',
    hint: /\b(?:fresh|new|open|bleeding)\b/,
    re: pattern(
      `\\b(?:fresh|new|open|bleeding|still bleeding) (?:cuts|wounds|burns|scratches|marks|yeets|slashes|gashes) (?:on|in|all over|across) my\\b|\\bmy (?:\\S+ )?(?:${BODY})(?: \\S+){0,5} (?:is|are) (?:still )?bleeding\\b|\\bfresh (?:yeets|cuts|wounds|burns)\\b`,
    ),
    reason: 'describes self-harm that has just happened',
    strength: 65,
    firstPerson: true,
    easedByTime: true,
  },
  {
    name: 'broke my streak',
    hint: /\b(?:streak|clean|free|record)\b/,
    re: pattern(
      `\\b(?:broke|broken|ruined|lost|ended|fucked|fucked up|blew|screwed|screwed up|messed up) my (?:\\S+ ){0,3}(?:record|streak|clean streak|days? clean|weeks? clean|months? clean|days? free|weeks? free|months? free)\\b`,
    ),
    reason: 'describes a relapse into self-harm',
    strength: 60,
    needs: 'self-harm',
  },
  {
    name: 'attempt',
    hint: /\b(?:tried|attempted|attempt|overdosed|overdose|od|hung|hanged|jumped|swallowed)\b/,
    re: pattern(
      `\\bi\\b(?: (?!(?:not|never|he|she|they|if|when|would|used)\\b)\\S+){0,6}? (?:tried|attempted|made an attempt|was trying|tried my best) to (?:kill myself|end my life|end it(?: all)?|die|hang myself|overdose|od|take my (?:own )?life|commit suicide|drown myself|slit my wrists|shoot myself|jump|electrocute myself|gas myself|suffocate myself|poison myself)\\b|\\bi ${LEAD}(?:attempted suicide|attempted|overdosed|took an overdose|od d|hung myself|hanged myself|jumped off|jumped from)\\b`,
    ),
    reason: 'describes a suicide attempt',
    strength: 80,
    easedByTime: true,
    accept: recentAttempt,
  },
  {
    name: 'tried to hurt myself',
    hint: /\b(?:tried|attempted)\b/,
    re: pattern(
      `\\bi ${LEAD}(?:tried|attempted) (?:cutting|hanging|overdosing|drowning|strangling|suffocating|slitting|stabbing|shooting|electrocuting|gassing|poisoning) (?:myself|my ${BODY})\\b`,
    ),
    reason: 'describes self-harm that has just happened',
    strength: 70,
    easedByTime: true,
  },
  {
    name: 'took an overdose',
    hint: /\b(?:took|swallowed|downed|necked|ate|taken|drank|popped)\b/,
    re: pattern(
      `\\bi ${LEAD}(?:took|swallowed|downed|necked|ate|drank|popped|have taken|had taken) (?:\\S+ )?${OVERDOSE_AMOUNT} (?:\\S+ )?(?:${PILLS}|${MEANS})\\b`,
    ),
    reason: 'describes an overdose',
    strength: 80,
    easedByTime: true,
  },
  {
    // "I just tried to take as many of my meds as I could": an overdose tried, told as it happens.
    name: 'tried to take pills',
    hint: /\b(?:tried|trying|attempted)\b/,
    re: pattern(
      `\\bi\\b(?: (?!(?:not|never|he|she|they|if|when|would|used)\\b)\\S+){0,6}? (?:tried|was trying|attempted) to (?:take|swallow|down|neck|od on|overdose on) (?:\\S+ )?(?:as many|a (?:whole )?(?:bottle|box|packet|pack|strip|handful|bunch|load|lot|heap|stash) of|loads of|too many|a fistful of|every one of my|enough) (?:\\S+ ){0,3}(?:${PILLS})\\b`,
    ),
    reason: 'describes an overdose',
    strength: 80,
    easedByTime: true,
  },
  {
    name: 'took pills',
    hint: /\b(?:took|swallowed|downed|necked|taken|drank|popped)\b/,
    re: pattern(
      `\\b(?:took|swallowed|downed|necked|drank|popped|have taken|had taken) (?:\\S+ ){0,2}${OVERDOSE_AMOUNT} (?:\\S+ ){0,3}(?:${PILLS})\\b`,
    ),
    reason: 'describes an overdose',
    strength: 80,
    firstPerson: true,
    easedByTime: true,
  },
  {
    name: 'my attempt',
    hint: /\battempt\b/,
    re: pattern(
      `\\bmy (?:first|last|latest|recent|most recent|second|third|fourth|failed|botched|\\d+(?:st|nd|rd|th)) (?:suicide |overdose )?attempt\\b`,
    ),
    reason: 'describes a suicide attempt',
    strength: 75,
    easedByTime: true,
    accept: (hit) =>
      /\b(?:yesterday|last night|today|this (?:morning|week)|tonight|just|recently|earlier|few (?:hours|days) ago|the other (?:day|night))\b/.test(
        hit.sentence.text,
      ),
  },
  {
    name: 'and then cut',
    hint: MARK_HINT,
    re: pattern(
      `\\bi\\b(?: (?!(?:not|never|he|she|they|if|when|would|used|him|her|them|someone|people)\\b)\\S+){1,8}? (?:and|then|and then) ${LEAD}(?:${MARKING}|${STRIKING}) (?:myself|my ${BODY}|into my ${BODY})${AFTER_ACT}\\b`,
    ),
    reason: 'describes self-harm that has just happened',
    strength: 65,
    easedByTime: true,
    accept: notAnAccident,
  },
  {
    name: 'a self-harm problem',
    hint: /\b(?:problem|addiction|habit|issue)\b/,
    re: pattern(
      `\\bi (?:have|have got|got|am fighting|am struggling with|struggle with) (?:a |an |this |my )?(?:\\S+ )?(?:self harm|cutting|self harming|burning) (?:problem|addiction|habit|issue)\\b`,
    ),
    reason: 'describes self-harm that is going on',
    strength: 60,
    easedByTime: true,
  },
  {
    name: 'almost did it',
    hint: /\b(?:almost|nearly)\b/,
    re: pattern(
      `\\bi (?:almost|nearly|very nearly) (?:killed myself|jumped|did it|ended it|hanged myself|hung myself|overdosed|went through with it|cut too deep|slit my wrists)\\b`,
    ),
    reason: 'describes a suicide attempt that was stopped',
    strength: 75,
    easedByTime: true,
  },
  {
    name: 'nearly did it',
    hint: /\b(?:was|were|planned)\b/,
    re: pattern(
      `\\bi (?:was|were) (?:\\S+ )?(?:going|about|planning|ready|gonna|so close|this close|seconds away|minutes away) to (?:${SELF_ACT_LITE}|do it|take (?:\\S+ ){0,3}(?:pills|tablets|meds)|jump|go through with it)\\b|\\bi planned on (?:dying|killing myself|doing it|ending it)\\b`,
    ),
    reason: 'describes a suicide attempt that was stopped',
    strength: 75,
    accept: (hit, post) => {
      const previous = post.sentences[hit.sentence.index - 1];
      return RECENTLY.test(hit.sentence.text) || (previous !== undefined && RECENTLY.test(previous.text));
    },
  },
  {
    // Told in the negative: "I didn't go through with it last night", "I didn't kill myself cause I'm a
    // pussy", "I chickened out". Only news when recent, in the title, or put down to nerve.
    name: 'stopped short',
    hint: /\b(?:did not|could not|was not able|was unable|chickened|backed|bottled|pussied|nerve|cold feet|froze|stopped myself|myself out|pulled out)\b/,
    re: pattern(
      `\\bi ${LEAD}(?:did not|could not|was not able to|was unable to|could not bring myself to|could not get myself to|did not have the (?:guts|balls|nerve|courage) to|chickened out of|backed out of|stopped myself from|stopped myself before i could|talked myself out of|pulled out of)(?: actually| end up| go on to| manage to| quite)? (?:go through with it|going through with it|do it|doing it|kill myself|killing myself|jump|jumping|pull the trigger|pulling the trigger|take (?:them|the pills|the tablets|it|the rest)|taking (?:them|the pills|it)|finish it|end it|ending it|hang myself|hanging myself|overdose|overdosing|swallow (?:them|the pills|it))\\b|\\bi ${LEAD}(?:chickened out|backed out|bottled it|pussied out|lost my nerve|got cold feet|froze up)\\b`,
    ),
    reason: 'describes a suicide attempt that was stopped',
    strength: 70,
    needs: 'suicide',
    easedByTime: true,
    accept: (hit, post) => {
      const i = hit.sentence.index;
      const near = [post.sentences[i - 1], hit.sentence, post.sentences[i + 1]].filter((x) => x !== undefined);
      if (near.some((x) => RECENTLY.test(x.text))) return true;
      // A title ("I didn't go through with it") says it all; "I didn't kill myself, I got help" goes on.
      if (i === 0 && hit.sentence.words.length - 1 - hit.last <= 1) return true;
      return /^ (?:(?:,|again|because|cause|cuz|as|since) )*(?:i (?:am|was) (?:such )?(?:a|too|so)|at the last (?:minute|second|moment)|too (?:scared|afraid))\b/.test(
        hit.sentence.text.slice(hit.cEnd, hit.cEnd + 40),
      );
    },
  },
  {
    name: 'tried and failed',
    hint: /\b(?:tried|attempted|attempt)\b/,
    re: pattern(
      `\\bi (?:tried|attempted)(?: it)? (?:yesterday|last night|today|this morning|earlier|again)(?: and (?:failed|survived|woke up))?\\b|^(?:suicide )?attempt (?:failed|did not work|was unsuccessful)\\b`,
    ),
    reason: 'describes a suicide attempt',
    strength: 75,
    needs: 'despair',
  },
  {
    name: 'attempt aftermath',
    hint: /\b(?:snapped|broke|loose|hold|attempt|overdose|failed|survived|woke)\b/,
    re: pattern(
      `\\b(?:the rope|the belt|the cord|the branch) (?:snapped|broke|came loose|did not hold)\\b|\\b(?:botched|failed|survived|woke up after|woke up from|recovering from) (?:my |an |the |another )?(?:suicide |overdose )?(?:attempt|overdose)\\b|\\bi ${LEAD}(?:failed|survived) (?:again|to die)\\b|\\bwoke up in (?:the )?(?:hospital|a&e|icu|intensive care) after\\b`,
    ),
    reason: 'describes a suicide attempt',
    strength: 80,
    firstPerson: true,
    easedByTime: true,
  },
  {
    name: 'rehearsal',
    hint: /\b(?:trigger|neck|tied)\b/,
    re: pattern(
      `\\bi ${LEAD}(?:pulled the trigger|put the (?:rope|noose|belt) (?:around|round|on) my neck|tied the (?:rope|noose))\\b`,
    ),
    reason: 'describes a suicide attempt',
    strength: 85,
    easedByTime: true,
  },
];

const ACCIDENT =
  /\b(?:by accident|accidentally|by mistake|shaving|cooking|chopping|slipped|tripped|fell|falling|playing|football|gym|lifting|running|workout|training|skiing|crash|on (?:a|the|some|an) (?:tin|can|glass|knife|paper|fence|nail|oven|stove|hob|pan|kettle|iron|grill|radiator|bbq|barbecue|door|corner|table|edge)|with the iron|making (?:dinner|tea|breakfast|lunch)|in the kitchen|at work on|opening)\b/;

function notAnAccident(hit: Hit): boolean {
  return !ACCIDENT.test(hit.sentence.text);
}

/** "I tried to kill myself" is news; "I've tried to kill myself before / twice" is history. */
function recentAttempt(hit: Hit): boolean {
  const matched = hit.sentence.text.slice(hit.cStart, hit.cEnd);
  if (!/\bi (?:have|had) /.test(matched)) return true;
  const rest = hit.sentence.text.slice(hit.cEnd, hit.cEnd + 40);
  if (
    /^ (?:before|in the past|twice|three times|several times|many times|multiple times|a few times|a couple of times|once)\b/.test(
      rest,
    )
  )
    return false;
  return /\b(?:again|last night|today|yesterday|this (?:morning|week)|just|recently|earlier|tonight)\b/.test(
    hit.sentence.text,
  );
}

export function detectSelfHarmAccount(post: Post): Detection[] {
  return runRules(post, 'self-harm-account', SELF_HARM_ACCOUNT_RULES);
}
