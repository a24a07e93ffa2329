import { BODY, FILLER } from '../language/lexicon';
import { oneOf, pattern } from '../language/patterns';
import { PhraseRule } from './rules';

/**
 * imminent-harm-self, part 1: a present wish, urge or intent to die or to hurt oneself.
 * "I want to die", "im gonna kill myself tonight", "I don't want to live anymore",
 * "why shouldn't I just end it". Talk about feelings ("I feel hopeless"), negated intent
 * ("I'm not going to hurt myself"), the past ("I used to want to die") and suppositions
 * ("if I ever wanted to...") are left alone by the patterns and the shared guards.
 */

/** Acts of ending one's life or hurting oneself, in the plain (infinitive) form. */
export const SELF_ACT = oneOf(`
  kill myself | kill me off | end it all | end it(?! with\\b| off\\b| for (?:him|her|them|us)\\b| between\\b) | end my life | end my own life |
  end my existence | end myself | end my suffering | end my misery | end (?:this|my) (?:\\S+ )?life | end everything | end all of this |
  end this(?= ?(?:$|,|;|:|\\.|now|tonight|today|for good|once and for all|forever|soon)) |
  take my (?:own )?life | commit suicide | do suicide | suicide(?= ?(?:$|,|;|tonight|today|tomorrow|soon|now|this|next|after|before|when|on|by|in|and|but)) |
  hang myself | shoot myself(?! in the (?:foot|leg)) | drown myself | stab myself | gas myself | electrocute myself | poison myself |
  suffocate myself | starve myself to death | drink myself to death | burn myself | hurt myself | harm myself | self harm |
  cut myself | cut my ${BODY} | cut again | cut deep(?:er)? | cut(?= ?(?:$|,|tonight|so bad|so badly|right now|now)) |
  slit my (?:wrists?|throat) | slash my (?:wrists?|arms?) | overdose | od | take an overdose | take (?:every|each) (?:last )?(?:pill|tablet) | take (?:all|all of|a bunch of|a load of|loads of|a lot of|too many|enough|every one of|a handful of|a bottle of) (?:my |the |these |those )?(?:pills|tablets|meds|medication|sleeping pills|painkillers) |
  (?:swallow|take|drink|down|neck) (?:all|a bottle|the whole bottle|a whole bottle|the entire bottle|a handful|a bunch|all of|the whole box|a whole box|the whole packet|the rest of) | jump (?:off|from|in front of|out of|under) |
  throw myself (?:off|in front of|under|from) | step in front of | walk into traffic | walk in front of (?:a|the) |
  drive (?:off|into) (?:a|the) (?:cliff|bridge|wall|tree|river|lake|truck|lorry|road) | drive off the road | crash my car |
  off myself | do myself in | top myself | neck myself | rope myself | blow my (?:brains|head) out |
  put a bullet (?:in|through) my (?:head|brain|skull) | leave this (?:world|earth|life) |
  put an end to (?:it|it all|this|my life|everything|myself|my suffering|my pain) | end up (?:killing myself|dead) |
  yeet myself (?:off|out|from) | set myself on fire | set fire to myself | douse myself | burn myself alive |
  give myself (?:alcohol poisoning|an overdose|a lethal dose|an od)
`);

/** Being dead rather than acting: only a wish counts here ("I want to die"; "I'm going to die" is a prediction). */
const DEATH = oneOf(`
  die(?! (?:my|your|her|his|the|it) hair)(?! for\\b)(?! of (?:laughter|laughing|embarrassment|boredom|old age|shame|cringe))(?! laughing)(?! inside)(?! a little) |
  be dead | be gone | not be (?:alive|here|around) | not exist | stop existing | cease to exist | not wake up | never wake up |
  sleep forever | sleep and never wake up | go to sleep and never wake up | fall asleep and never wake up | never want to wake up |
  disappear forever | stop living | not live | not be alive | not be in this world | rest forever | be done with (?:life|living|it all) |
  perish | quit living | quit life | give up on (?:life|living) | stop breathing | not be breathing
`);

/** Wanting rather than intending: "want to", "wish to", "need to". */
const WANT_WORDS = `
  want to | wanting to | need to | would like to | would love to | wish to | long to | yearn to | hope to | pray to | am ready to |
  ready to | can not wait to | have always wanted to | have wanted to | have been wanting to | beg to | am begging to | crave to`;
const WANT = oneOf(WANT_WORDS);

/** Intending: everything that turns an act into a plan of one's own. */
const INTEND = oneOf(`${WANT_WORDS} |
  going to | will | shall | plan to | planning to | plan on | planning on | intend to | intending to |
  am about to | about to | decided to | have decided to | deciding to | supposed to | might | may | must | should | have to |
  got to | tempted to | trying to | try to | looking to | going to try to | will try to | am going to try and | ready to finally
`);

/** The same acts as -ing forms, for "feel like killing myself", "considering ending it". */
const SELF_ACT_ING = oneOf(`
  killing myself | ending it(?: all)?(?! with\\b) | ending my life | ending things | taking my (?:own )?life | committing suicide |
  suicide | hanging myself | overdosing | jumping (?:off|from|in front of) | cutting(?: myself| my ${BODY})? | hurting myself |
  harming myself | self harming | dying | slitting my (?:wrists?|throat) | shooting myself | drowning myself | offing myself |
  stabbing myself | burning myself
`);

/** Words that hand a sentence to someone else, or negate it, between "i" and the verb. */
const NOT_ME =
  '(?:people|someone|others|they|he|she|him|her|them|everyone|who|anyone|friends?|somebody|person|you|not|never|if|when|whenever|would|used)\\b';

const ADVERBS =
  '(?:(?:just|really|finally|actually|definitely|probably|seriously|literally|fucking|simply|quietly|all|go ahead and|go and|and|try to|try and|attempt to|give up and|(?:go (?:and )?)?(?:purchase|order) (?:\\S+ ){0,3}and|(?:(?!hardly|barely|only)[a-z]+ly)|(?:go (?:and )?)?(?:buy|get|grab|find|take|use|fetch|steal) (?:\\S+ ){0,3}and) )*';

/** Start of a clause, for sentences without "I": "Going to end it tonight.", "Want to die." */
const CLAUSE_START =
  '(?:^|(?<=(?:^|[,;:(\\-]|\\.\\.\\.) ))(?:(?:and|but|so|just|honestly|seriously|literally|still|really|now|then|ok|okay|well|lol|tbh|probably|definitely|finally|i think|pretty sure|fuck it|fuck|\\d+|urgent|update|edit|ps) )*';

/** After a clause end: what can follow "I don't want to live" for it to mean being alive at all. */
const CLAUSE_END =
  '(?= ?(?:$|,|;|:|\\.|\\)|-|!|anymore|any more|any longer|again|and\\b|but\\b|because\\b|so\\b|i\\b|lol|please|honestly|at all|really|either|now|tbh|or\\b))';

/** Cheap pre-checks: a sentence without any of these words cannot hold the pattern. */
const ACT_HINT =
  /\b(?:myself|self|suicide|life|it|this|everything|existence|overdose|od|jump|cut|slit|slash|traffic|front|road|car|trigger|bullet|world|earth|things|swallow|take|dead)\b/;
const DEATH_HINT =
  /\b(?:die|dead|gone|alive|here|around|exist|existing|wake|sleep|disappear|living|live|world|rest|done|perish|quit|give|breathing)\b/;

export const SELF_HARM_INTENT_RULES: readonly PhraseRule[] = [
  {
    name: 'intent',
    hint: ACT_HINT,
    re: pattern(`\\bi ${FILLER}${INTEND} ${ADVERBS}${SELF_ACT}\\b`),
    reason: 'intent to end their life or hurt themselves',
    strength: 70,
    easedByCoping: true,
    accept: notAnAccident,
  },
  {
    name: 'intent, no subject',
    hint: ACT_HINT,
    re: pattern(`${CLAUSE_START}${INTEND} ${ADVERBS}${SELF_ACT}\\b`),
    reason: 'intent to end their life or hurt themselves',
    strength: 65,
    easedByCoping: true,
    accept: notAnAccident,
  },
  {
    name: 'vague intent',
    hint: /\b(?:do|go|follow|try|end|attempt|finish)\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|${CLAUSE_START})${INTEND} ${ADVERBS}(?:do it|go through with it|follow through(?: with it)?|try again|end things|do this|attempt(?: again| it)?|finish (?:it|the job|what i started))\\b`,
    ),
    reason: 'intent, in a post about ending their life',
    strength: 60,
    needs: 'suicide',
  },
  {
    name: 'wish to die',
    hint: DEATH_HINT,
    re: pattern(`(?:\\bi ${FILLER}|${CLAUSE_START})${WANT} ${ADVERBS}${DEATH}\\b`),
    reason: 'a wish to die',
    strength: 60,
    easedByCoping: true,
  },
  {
    name: 'dying soon',
    hint: /\b(?:die|dead|gone|kill|end)\b/,
    re: pattern(`\\bi ${FILLER}(?:going to|will|might|could) ${ADVERBS}(?:die|be dead|be gone|kill myself|end it)\\b`),
    reason: 'intent with a timeframe',
    strength: 65,
    needsTime: true,
  },
  {
    name: 'doing it now',
    hint: /\bi am\b/,
    re: pattern(
      `\\bi am ${ADVERBS}(?:killing myself|ending it(?: all)?|ending my life|ending things|committing suicide|hanging myself|overdosing|jumping|doing it|taking my (?:own )?life|going(?= ?(?:$|,|\\.|tonight|today|tomorrow|soon|now|this)))\\b`,
    ),
    reason: 'intent with a timeframe',
    strength: 75,
    needsTime: true,
    accept: (hit, post) => !/ going$/.test(hit.sentence.text.slice(hit.cStart, hit.cEnd)) || post.suicideTalk,
  },
  {
    name: 'wish to be dead',
    hint: /\bdead\b/,
    re: pattern(
      `(?:\\bi\\b(?: (?!${NOT_ME})\\S+){0,5} |${CLAUSE_START})(?:wish|hope|pray|am praying|keep praying|keep wishing|keep hoping|wished|hoping|praying|wishing)(?: to (?:fucking )?god)?(?: that)? i (?:was|were|could be|would be|will be|am|were just) dead\\b`,
    ),
    reason: 'a wish to be dead',
    strength: 60,
    easedByCoping: true,
  },
  {
    name: 'hope to die',
    hint: /\b(?:wish|hope|pray|wishing|hoping|praying|wished|hoped)\b/,
    re: pattern(
      `(?:\\bi\\b(?: (?!${NOT_ME})\\S+){0,5} |${CLAUSE_START})(?:wish|hope|pray|am praying|keep praying|keep wishing|keep hoping|hoping|praying|wishing|wished|hoped)(?: to (?:fucking )?god)?(?: that)? i (?:could |would |will |can |might |just |get to |finally |do |quickly |peacefully |painlessly |simply |somehow )*(?:die|drop dead|do not wake up|never wake up|wake up dead|stop existing|cease to exist|not wake up|not exist|did not (?:live|exist|wake up)|was not (?:alive|here|around)|${SELF_ACT}|get (?:\\S+ ){1,4}and die|get killed|be killed|catch (?:\\S+ ){1,3}and die|get hit by (?:a|an) (?:car|bus|truck|train|lorry))\\b`,
    ),
    reason: 'a wish to die',
    strength: 60,
    easedByCoping: true,
  },
  {
    name: 'courage to do it',
    hint: /\b(?:courage|guts|balls|strength|nerve|bravery)\b/,
    re: pattern(
      `\\b(?:i ${FILLER}(?:wish|hope|pray) i|if only i) (?:had|could find|could get|find|get|could have) (?:the|that|the extra|that extra|that extra bit of|the extra bit of|enough|more|a bit more|the last bit of|the final bit of) (?:fucking )?(?:courage|guts|balls|strength|nerve|bravery)(?: to (?:actually |finally |just )?(?:${SELF_ACT}|do it|go through with it|die|end it))?\\b`,
    ),
    reason: 'a wish to end their life',
    strength: 60,
  },
  {
    name: 'no wish to live',
    hint: /\b(?:not|longer|never) (?:want|wanna|wish|feel)\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|${CLAUSE_START})(?:(?:do|does) not|no longer|never) (?:want|wanna|wish|feel like i want) to (?:live|be alive|exist|be on this (?:earth|planet)|be in this world|see tomorrow|wake up(?: tomorrow)?|keep on living|go on living|carry on living|keep living)(?: anymore| any more| any longer| ever again)?${CLAUSE_END}`,
    ),
    reason: 'no wish to go on living',
    strength: 55,
    ownNegation: true,
    easedByCoping: true,
    // "a life I don't want to live" is about a kind of life, not about living.
    accept: (hit) =>
      !/\b(?:life|lives|way|like this|like that)(?: that)? $/.test(
        hit.sentence.text.slice(Math.max(0, hit.cStart - 20), hit.cStart),
      ),
  },
  {
    name: 'no wish to go on',
    hint: /\b(?:not|longer) (?:want|wanna|wish)\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|${CLAUSE_START})(?:(?:do|does) not|no longer) (?:want|wanna|wish) to (?:be here|go on|keep going|keep living|continue living|carry on|continue|survive|be around|breathe|live|go on living|keep on living|carry on living|keep on going) (?:anymore|any more|any longer|another day|one more day)\\b`,
    ),
    reason: 'no wish to go on living',
    strength: 55,
    ownNegation: true,
    easedByCoping: true,
  },
  {
    name: 'wanting to die',
    hint: /\b(?:wanting|longing|praying|begging|want|wanna|need)\b/,
    re: pattern(
      `\\bi\\b(?: (?!${NOT_ME})\\S+){1,7} (?:wanting|longing|praying|begging|and (?:really |just |still |honestly )?(?:want|wanna|need)) (?:to|for) (?:${DEATH}|${SELF_ACT}|death|my (?:life|death) to (?:end|come)|it all to end|my life to be over)\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
    easedByCoping: true,
  },
  {
    name: 'wants it all over',
    hint: /\b(?:end|over|stop)\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|${CLAUSE_START})(?:want|wanna|need|wish|pray|hope|would like|am begging for|beg for|long for) (?:for )?(?:it all|everything|my life|life|all of this|all of it|this life|my existence|it to all|this to all) (?:to )?(?:end|be over|all end|finally end)\\b|\\b(?:want|wanna|need|wish|pray|hope|would like) (?:for )?my life to stop\\b`,
    ),
    reason: 'a wish for their life to end',
    strength: 50,
    easedByCoping: true,
  },
  {
    name: 'feel like dying',
    hint: /\bfeel\w* like\b/,
    re: pattern(`\\bi ${FILLER}(?:feel|am feeling|keep feeling|feel so much) like ${SELF_ACT_ING}\\b`),
    reason: 'an urge to end their life or hurt themselves',
    strength: 55,
    easedByCoping: true,
    accept: notAnAccident,
  },
  {
    name: 'considering it',
    hint: /\b(?:consider\w*|contemplat\w*|debating|plann?\w*|looking forward|thinking|set on|intent on|bent on)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:considering|consider|contemplating|contemplate|seriously considering|strongly considering|debating|planning on|plan on|planned on|was planning on|had planned on|looking forward to|thinking of going to|set on|intent on|hell bent on|considered|have considered|have been considering|been considering) (?:${SELF_ACT_ING}|my (?:death|suicide))\\b`,
    ),
    reason: 'considering ending their life',
    strength: 55,
  },
  {
    name: 'ready to go',
    hint: /\bready\b/,
    re: pattern(
      `\\bi ${FILLER}(?:am )?ready (?:for (?:suicide|death|it to (?:end|be over)|the end)|to (?:go|leave|die|end it|be done)${CLAUSE_END})`,
    ),
    reason: 'ready to end their life',
    strength: 60,
    needs: 'suicide',
  },
  {
    name: 'should I',
    hint: /\b(?:why|should|shall|stopping)\b/,
    re: pattern(
      `\\b(?:why (?:not|do not i|should not i|would not i|can not i|not just|do i not|should i not|would i not|can i not)|should i|shall i|why do not i|what is stopping me from)(?: just| finally| simply| go ahead and)? ${SELF_ACT}\\b`,
    ),
    reason: 'asking whether to end their life',
    strength: 55,
    ownNegation: true,
  },
  {
    name: 'let me die',
    hint: /\b(?:please|god|lord)\b/,
    re: pattern(
      `\\b(?:please|god|lord)(?: god| please| just)? (?:let me die|do not let me wake up|let me not wake up|take me now|take my life|end my life)\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
  },
  {
    name: 'can not wait to die',
    hint: /\b(?:die|death|dead|dying|end|suicide|killing|ending)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:can not wait|am looking forward|look forward|long|am longing|crave|am craving|beg|am begging|yearn|am excited|feel (?:\\S+ )?excited)(?: to| for| about)? (?:the prospect of )?(?:die|death|be dead|my death|dying|for my life to end|the day i die|suicide|killing myself|ending it)\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
    ownNegation: true,
  },
  {
    name: 'need to die',
    hint: /\b(?:die|dead)\b/,
    re: pattern(`\\bi ${FILLER}(?:need to|have to|ought to|should|must) (?:just )?(?:give up and )?(?:die|be dead)\\b`),
    reason: 'a wish to die',
    strength: 55,
  },
  {
    name: 'not safe',
    hint: /\b(?:safe|danger\w*)\b/,
    re: pattern(
      `\\bi (?:can not|am not able to|do not think i can|do not know if i can|do not know how to|am struggling to) keep myself safe\\b|\\bi (?:do not|no longer) feel safe (?:from myself|with myself|around myself|right now|tonight|at the moment|being alone|on my own|alone|in my own head)\\b|\\bi am (?:a danger|dangerous) to myself\\b`,
    ),
    reason: 'says they cannot keep themselves safe',
    strength: 70,
    ownNegation: true,
  },
  {
    name: 'close to it',
    hint: /\b(?:close|near)\b/,
    re: pattern(
      `\\b(?:i am (?:\\S+ )?(?:close|so close|this close|very close|dangerously close|really close|so near)|(?:i have )?(?:never|ever) been (?:so |this )?closer?|(?:the )?closest (?:i have )?ever been|on the (?:edge|brink|verge)(?: of)?) (?:to |of )?(?:ending it|killing myself|suicide|doing it|ending my life|giving in to it|jumping|acting on it|ending things|(?:downing|taking|swallowing|necking|overdosing on) (?:\\S+ ){0,5}(?:pills|tablets|meds|them|it))\\b`,
    ),
    reason: 'close to acting on it',
    strength: 60,
  },
  {
    name: 'want out',
    hint: /\bout\b/,
    re: pattern(
      `\\bi ${FILLER}(?:want|wanna|need|just want) out(?= ?(?:$|,|;|\\.|!|of (?:life|this life|this world|here|existence|it all|everything)\\b|and\\b|but\\b|so\\b|now\\b|i\\b))`,
    ),
    reason: 'a wish to die',
    strength: 50,
    needs: 'despair',
    easedByCoping: true,
  },
  {
    name: 'join them',
    hint: /\bjoin\b/,
    re: pattern(
      `\\bi ${FILLER}(?:want to|hope to|wish i could|wish to|need to|am going to|plan to|will|can not wait to) join (?:him|her|them|my \\S+)(?: (?:soon|in death|in heaven|on the other side|wherever (?:he|she|they) (?:is|are)))?${CLAUSE_END}`,
    ),
    reason: 'a wish to die',
    strength: 55,
    needs: 'suicide',
  },
  {
    name: 'thinking of doing it soon',
    hint: /\b(?:thinking|considering)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:thinking of|thinking about|considering) (?:doing it|ending it(?: all)?|going through with it|${SELF_ACT_ING})\\b`,
    ),
    reason: 'intent with a timeframe',
    strength: 65,
    needsTime: true,
  },
  {
    name: 'not planning to live',
    hint: /\b(?:plan|intend|expect|want|see|will|going|think)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:do not|no longer) (?:plan|intend|expect|want|see myself) (?:on |to )?(?:living|being alive|being here|live|be alive|be here|making it|make it|being around) (?:more than|past|beyond|much longer|for (?:much )?long|to (?:see|\\d+)|another|until)\\b|\\bi (?:will not|am not going to|do not think i will) (?:be turning|turn|make it to|see|live to see|reach|be alive (?:for|at|on)) (?:\\d+|my \\S+ birthday|next year|christmas|the end of the (?:year|month|week)|\\d{4})\\b`,
    ),
    reason: 'a time set',
    strength: 60,
    needs: 'despair',
    ownNegation: true,
  },
  {
    name: 'considering it again',
    hint: /\bagain\b/,
    re: pattern(
      `\\b(?:consider|considering|contemplating|thinking about|think about) (?:it|suicide|doing it|killing myself|ending it) again\\b`,
    ),
    reason: 'considering ending their life',
    strength: 55,
    needs: 'suicide',
    firstPerson: true,
  },
  {
    name: 'would do it now',
    hint: /\bwould\b/,
    re: pattern(`\\bi ${FILLER}would ${ADVERBS}${SELF_ACT}\\b`),
    reason: 'intent with a timeframe',
    strength: 60,
    needsTime: true,
    ownNegation: true,
    accept: (hit) => !/\b(?:not|never)\b/.test(hit.sentence.text.slice(hit.cStart, hit.cEnd)),
  },
  {
    name: 'trying not to',
    hint: /\bnot to\b/,
    re: pattern(`\\bi ${FILLER}(?:trying|try|struggling|fighting)(?: so| really)?(?: hard)? not to (?:${SELF_ACT})\\b`),
    reason: 'fighting an urge right now',
    strength: 55,
    needsTime: true,
    ownNegation: true,
  },
  {
    name: 'next time',
    hint: /\bnext time\b/,
    re: pattern(
      `\\bnext time,? i (?:will not|am not going to|won t) (?:stop|fail|hesitate|chicken out|back out|mess it up|fuck it up)\\b|\\bnext time i will (?:go deeper|do it properly|get it right|make sure|not fail)\\b`,
    ),
    reason: 'intent to end their life',
    strength: 70,
    ownNegation: true,
  },
  {
    name: 'soon over',
    hint: /\bover\b/,
    re: pattern(
      `\\b(?:it is|it will (?:all )?be|this will (?:all )?be|everything will be|it will all) (?:all )?(?:soon to be )?over (?:soon|shortly|tonight|tomorrow)\\b|\\bsoon to be over\\b|\\bthis is it for me\\b`,
    ),
    reason: 'a time set',
    strength: 60,
    needs: 'despair',
  },
  {
    name: 'so I can do it',
    hint: /\b(?:so|where|enough to|until) (?:that )?i\b/,
    re: pattern(
      `\\b(?:so (?:that )?|where |enough (?:that )?|until )i (?:can|could|will|would be able to|am able to) (?:finally |just |actually )?(?:${SELF_ACT})\\b`,
    ),
    reason: 'intent to end their life',
    strength: 60,
    ownNegation: true,
  },
  {
    name: 'urge',
    hint: /\b(?:urge|urges|need|desire|compulsion|impulse|temptation|itch)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:have|feel|get|am getting|am having|still have|keep getting|keep having|am fighting|am battling|am feeling|felt|had|got) (?:the |a |an |this |that |such a |such an |so much |these |those )?(?:\\S+ ){0,3}(?:urge|urges|need|desire|compulsion|impulse|temptation|itch) to ${ADVERBS}(?:${SELF_ACT}|die)\\b`,
    ),
    reason: 'an urge to end their life or hurt themselves',
    strength: 55,
    easedByCoping: true,
    easedByTime: true,
  },
  {
    name: 'cannot stop myself',
    hint: /\b(?:stop|hold|keep) myself\b/,
    re: pattern(
      `\\bi ${FILLER}(?:will not|can not|could not|would not|am not going to|do not think i (?:can|will|could)|do not know if i (?:can|will|could)|am not sure i (?:can|will|could)) (?:be able to )?(?:stop|hold|keep) myself (?:back )?(?:from )?(?:${SELF_ACT_ING}|going through with it|doing it|acting on it|going there|doing something)\\b`,
    ),
    reason: 'says they may not stop themselves',
    strength: 70,
    ownNegation: true,
  },
  {
    name: 'serious about it',
    hint: /\b(?:serious|decided|settled|chosen|chose|opted)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:am )?(?:serious|dead serious|deadly serious) (?:about|this time about) (?:suicide|${SELF_ACT_ING}|ending it|doing it)\\b|\\b(?:decided on|settled on|settled for|have chosen|chose|opted for) (?:suicide|death|killing myself|ending it)\\b`,
    ),
    reason: 'intent to end their life',
    strength: 70,
  },
  {
    name: 'all I want is',
    hint: /\b(?:all|only thing|one thing) i\b/,
    re: pattern(
      `\\b(?:all|the only thing|only thing|the one thing) i (?:\\S+ )?(?:want|wanna|need|wish|wanted|can think about|think about) (?:to do )?(?:is|was|right now is)? ?(?:to )?(?:(?:find a way to )?(?:${SELF_ACT}|${DEATH}|die)|find (?:a|an easy|an|the) way out)\\b`,
    ),
    reason: 'a wish to die or hurt themselves',
    strength: 60,
    easedByCoping: true,
  },
  {
    name: 'before I do it',
    hint: /\b(?:before|till|until|til|untill) i\b/,
    re: pattern(
      `\\b(?:before|till|until|til|untill) i (?:will |can |finally |actually |get to |decide to |choose to )?(?:${SELF_ACT}|do it|go through with it|end it|end things|go)\\b`,
    ),
    reason: 'intent to end their life',
    strength: 60,
    needs: 'suicide',
    ownNegation: true,
    easedByTime: true,
  },
  {
    name: 'rather be dead',
    hint: /\brather\b/,
    re: pattern(
      `\\bi ${FILLER}would (?:much |just |honestly )?rather (?:be dead|die|never wake up|not wake up|not exist|not be alive|not be here)\\b`,
    ),
    reason: 'a wish to die',
    strength: 50,
    accept: (hit) => {
      // "I'd rather die than go to that party" is a figure of speech; "...than be me" or "...than live like this" is not.
      const rest = hit.sentence.text.slice(hit.cEnd, hit.cEnd + 60);
      return (
        !/^ (?:than|then)\b/.test(rest) ||
        /\b(?:be me|live|living|feel|feeling|exist|existing|go on|keep going|continue|wake up|this life|suffer|suffering|be alive|another day|be here|be like this|deal with this)\b/.test(
          rest,
        )
      );
    },
  },
  {
    name: 'contemplating whether',
    hint: /\b(?:contemplating|considering|debating|deciding|thinking about|wondering)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:contemplating|considering|debating|deciding)(?: on)? (?:if|whether|whether or not) (?:i should|to|i will|i am going to)(?: finally)? (?:${SELF_ACT}|attempt|try)\\b`,
    ),
    reason: 'considering ending their life',
    strength: 55,
  },
  {
    name: 'doing it now, no subject',
    hint: /\b(?:killing|ending|committing|hanging|overdosing|taking|doing)\b/,
    re: pattern(
      `${CLAUSE_START}(?:killing myself|ending it(?: all)?|ending my life|committing suicide|hanging myself|overdosing|taking my (?:own )?life|doing it)\\b`,
    ),
    reason: 'intent with a timeframe',
    strength: 75,
    needsTime: true,
  },
];

const ACCIDENT_AFTER =
  /^ (?:at the gym|playing|lifting|running|training|on the|falling|doing|if i (?:fall|trip|slip)|by accident|accidentally|in the kitchen|cooking|shaving)\b/;

function notAnAccident(hit: { sentence: { text: string }; cEnd: number; cStart: number }): boolean {
  const matched = hit.sentence.text.slice(hit.cStart, hit.cEnd);
  if (!/\b(?:hurt|burn|cut) myself$|\bcut my /.test(matched)) return true;
  return !ACCIDENT_AFTER.test(hit.sentence.text.slice(hit.cEnd, hit.cEnd + 30));
}
