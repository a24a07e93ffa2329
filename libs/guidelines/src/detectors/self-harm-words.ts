import { BODY, FILLER } from '../language/lexicon';
import { Hit, oneOf } from '../language/patterns';

/**
 * The words the imminent-harm-self rules are built from: acts of ending one's life or hurting
 * oneself, being dead, wanting and intending, and where a clause starts and ends.
 */

/** Acts of ending one's life or hurting oneself, in the plain (infinitive) form. */
export const SELF_ACT = oneOf(`
  kill myself(?! laughing| with laughter) | kill me off | end it all | end it(?! with\\b| off\\b| for (?:him|her|them|us)\\b| between\\b) | end my life | end my own life |
  end my existence | end myself | end my suffering | end my misery | end (?:this|my) (?:\\S+ )?life | end this (?:[a-z]+ ){0,2}(?:piece of (?:shit|crap) |excuse (?:of|for) a )(?:(?:that is |which is )?called )?(?:my )?(?:life|existence) | end this (?:[a-z]+ ){0,2}(?:(?:that is |which is )called )(?:my )?(?:life|existence) | end everything | end all of this |
  end this(?= ?(?:$|,|;|:|\\.|now|tonight|today|for good|once and for all|forever|soon)) |
  take my (?:own )?life | commit suicide | do suicide | suicide(?= ?(?:$|,|;|tonight|today|tomorrow|soon|now|this|next|after|before|when|on|by|in|and|but)) |
  hang myself | shoot myself(?! in the (?:foot|leg)) | drown myself | stab myself | gas myself | electrocute myself | poison myself |
  suffocate myself | starve myself to death | drink myself to death | burn myself | hurt myself | harm myself | self harm |
  cut myself | cut my ${BODY} | cut again | cut deep(?:er)? | cut(?= ?(?:$|,|tonight|so bad|so badly|right now|now)) |
  slit my (?:wrists?|throat) | slash my (?:wrists?|arms?) | overdose | od | take an overdose | take (?:every|each) (?:last )?(?:pill|tablet) | take as many (?:\\S+ ){0,3}(?:pills|tablets|meds|medication|painkillers)(?: as i (?:could|can))? | take (?:all|all of|a bunch of|a load of|loads of|a lot of|too many|enough|every one of|a handful of|a bottle of) (?:my |the |these |those )?(?:pills|tablets|meds|medication|sleeping pills|painkillers) |
  jump of (?:the|a|that|this|my) (?:cliff|bridge|roof|building|balcony|ledge|tower|overpass) |
  (?:swallow|take|drink|down|neck) (?:all|a bottle|the whole bottle|a whole bottle|the entire bottle|a handful|a bunch|all of|the whole box|a whole box|the whole packet|the rest of) | jump (?:off|from|in front of|out of|under) |
  throw myself (?:off|in front of|under|from) | step in front of | walk into traffic | walk in front of (?:a|the) |
  drive (?:off|into) (?:a|the) (?:cliff|bridge|wall|tree|river|lake|truck|lorry|road) | drive off the road | crash my car |
  off myself | do myself in | top myself | neck myself | rope myself | blow my (?:fucking )?(?:brains|head) out |
  (?:shove|stick|stab|plunge|drive|push|jam|sink) (?:it|this|that|the \\S+|a \\S+) (?:in|into|through) my (?:neck|throat|wrists?|chest|heart|arms?|thighs?|stomach) |
  put a bullet (?:in|through) my (?:head|brain|skull) | leave this (?:world|earth|life)(?! (?:a |better|in a better|behind)) |
  put an end to (?:it|it all|this|my life|everything|myself|my suffering|my pain) | end up (?:killing myself|dead) |
  yeet myself (?:off|out|from) | set myself on fire | set fire to myself | douse myself | burn myself alive |
  give myself (?:alcohol poisoning|an overdose|a lethal dose|an od)
`);

/** Being dead rather than acting: only a wish counts here ("I want to die"; "I'm going to die" is a prediction). */
export const DEATH = oneOf(`
  die(?! (?:my|your|her|his|the|it) hair)(?! for\\b)(?! of (?:laughter|laughing|embarrassment|boredom|old age|shame|cringe))(?! laughing)(?! inside)(?! a little) |
  be dead | be gone | not be (?:alive|here|around) | not exist | stop existing | cease to exist | not wake up | never wake up |
  sleep forever | sleep and never wake up | go to sleep and never wake up | fall asleep and never wake up | never want to wake up |
  disappear (?:forever|for good|permanently|painlessly|from this (?:world|earth|life)|into (?:the|this) (?:\\S+ ){0,4}(?:void|nothingness|universe|abyss|darkness|vastness|ether)) | stop living | not live | not be alive | not be in this world | rest forever | be done with (?:life|living|it all) |
  perish | quit living | quit life | give up on (?:life|living) | stop breathing | not be breathing
`);

/** Wanting rather than intending: "want to", "wish to", "need to". */
export const WANT_WORDS = `
  want to | wanting to | need to | would like to | would love to | wish to | long to | yearn to | hope to | pray to | am ready to |
  ready to | can not wait to | have always wanted to | have wanted to | (?<=\\bhave (?:\\S+ )?)wanted to | have been wanting to | beg to | am begging to | crave to`;
export const WANT = oneOf(WANT_WORDS);

/** Intending: everything that turns an act into a plan of one's own. */
export const INTEND = oneOf(`${WANT_WORDS} |
  going to | will | shall | plan to | planning to | plan on | planning on | intend to | intending to |
  am about to | about to | decided to | have decided to | deciding to | supposed to | might | may | must | should | have to |
  got to | tempted to | trying to | try to | looking to | going to try to | will try to | am going to try and | ready to finally
`);

/** The same acts as -ing forms, for "feel like killing myself", "considering ending it". */
export const SELF_ACT_ING = oneOf(`
  killing myself | ending it(?: all)?(?! with\\b) | ending my life | ending things | taking my (?:own )?life | committing suicide |
  suicide | hanging myself | overdosing | jumping (?:off|from|in front of) | cutting(?: myself| my ${BODY})? | hurting myself |
  harming myself | self harming | dying | slitting my (?:wrists?|throat) | shooting myself | drowning myself | offing myself |
  stabbing myself | burning myself
`);

/** Words that hand a sentence to someone else, or negate it, between "i" and the verb. */
export const NOT_ME =
  '(?:people|someone|others|they|he|she|him|her|them|everyone|who|anyone|friends?|somebody|person|you|not|never|if|when|whenever|would|used)\\b';

export const ADVERBS =
  '(?:(?:just|really|finally|actually|definitely|probably|seriously|literally|fucking|simply|quietly|all|go ahead and|go and|and|try to|try and|attempt to|give up and|(?:go (?:and )?)?(?:purchase|order) (?:\\S+ ){0,3}and|(?:(?!hardly|barely|only)[a-z]+ly)|(?:go (?:and )?)?(?:buy|get|grab|find|take|use|fetch|steal) (?:\\S+ ){0,3}and) ){0,6}';

/** Start of a clause, for sentences without "I": "Going to end it tonight.", "Want to die." */
export const CLAUSE_START =
  '(?:^|(?<=(?:^|[,;:(\\-]|\\.\\.\\.) ))(?:(?:and|but|so|just|honestly|seriously|literally|still|really|now|then|ok|okay|well|lol|tbh|probably|definitely|finally|i think|pretty sure|fuck it|fuck|\\d+|urgent|update|edit|ps) ){0,6}';

/** After a clause end: what can follow "I don't want to live" for it to mean being alive at all. */
export const CLAUSE_END =
  '(?= ?(?:$|,|;|:|\\.|\\)|-|!|anymore|any more|any longer|again|and\\b|but\\b|because\\b|so\\b|i\\b|lol|please|honestly|at all|really|either|now|tbh|or\\b))';

/** Cheap pre-checks: a sentence without any of these words cannot hold the pattern. */
export const ACT_HINT =
  /\b(?:myself|self|suicide|life|it|this|everything|existence|overdose|od|jump|cut|slit|slash|traffic|front|road|car|trigger|bullet|world|earth|things|swallow|take|dead)\b/;
export const DEATH_HINT =
  /\b(?:die|dead|gone|alive|here|around|exist|existing|wake|sleep|disappear|living|live|world|rest|done|perish|quit|give|breathing)\b/;

/** "I wish I had the courage", "if only I had the guts", "I just need the nerve". */
export const COURAGE = `\\b(?:i ${FILLER}(?:wish|hope|pray) i|if only i|i ${FILLER}(?:need|lack|am lacking|am waiting for|am building up|am working up|just need)) (?:had |could find |could get |find |get |could have )?(?:the|that|the extra|that extra|that extra bit of|the extra bit of|enough|more|a bit more|the last bit of|the final bit of) (?:fucking )?(?:courage|guts|balls|strength|nerve|bravery)`;

const ACCIDENT_AFTER =
  /^ (?:at the gym|playing|lifting|running|training|on the|falling|doing|if i (?:fall|trip|slip)|by accident|accidentally|in the kitchen|cooking|shaving)\b/;

/** "I hurt myself at the gym", "cut my finger cooking": accidents, not self-harm. */
export function notAnAccident(hit: Hit): boolean {
  const matched = hit.sentence.text.slice(hit.cStart, hit.cEnd);
  if (!/\b(?:hurt|burn|cut) myself$|\bcut my /.test(matched)) return true;
  return !ACCIDENT_AFTER.test(hit.sentence.text.slice(hit.cEnd, hit.cEnd + 30));
}
