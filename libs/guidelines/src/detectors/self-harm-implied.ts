import { FILLER } from '../language/lexicon';
import { Hit, pattern } from '../language/patterns';
import { PhraseRule } from './rules';
import { Post } from './types';
import { ADVERBS, CLAUSE_END, CLAUSE_START, SELF_ACT, SELF_ACT_ING } from './self-harm-words';

/**
 * imminent-harm-self, part 5: intent that is meant but not spelled out. A careful reader hears
 * "when my parents go I'll go", "the day I'll finally be able to do it", "I'm too scared to pull
 * the trigger", "every day is a fight not to hurt myself", or a question about how much it takes
 * to kill a person, as someone telling them where they are now, even with no suicide word in the
 * sentence. Each rule keeps its everyday twin out: "when they leave I'll go to bed", "nobody can
 * save me", "this heat is killing me", "I'm too scared to ask her out".
 */

/** The sentence ends with a question mark in what was written. */
export function isQuestion(hit: Hit, post: Post): boolean {
  return /^\s*[?]/.test(post.text.slice(hit.sentence.end, hit.sentence.end + 4));
}

const DYING =
  /\b(?:suicid\w*|kill(?:ing)? myself|die|dying|dead|death|end (?:it|my life)|overdos\w*|hang(?:ing)? myself|pills|gun|rope|jump)\b/;

/** Dying is spoken of in this sentence or the one before it. */
function dyingNear(hit: Hit, post: Post): boolean {
  const previous = post.sentences[hit.sentence.index - 1];
  const lead = hit.sentence.text.slice(Math.max(0, hit.cStart - 80), hit.cStart);
  return DYING.test(lead) || (hit.cStart < 80 && previous !== undefined && DYING.test(previous.text));
}

/** The act a wish is held back from, or an urge is fought against. */
const HELD_ACT = `(?:${SELF_ACT}|do it|go through with it|follow through(?: with (?:it|this))?|pull the trigger|jump|take the pills|end it(?: all)?)`;

/** A verb that ends "when they go ..." the way a death does. */
const GOES =
  '(?:go|goes|die|dies|pass|passes|pass away|passes away|is gone|are gone|does|do|leave this world|leaves this world)';

/** Illness or harm someone hopes will take them. */
const ILLNESS =
  '(?:the virus|virus|covid|covid 19|coronavirus|corona|the corona|cancer|terminal cancer|a terminal illness|terminal illness|an incurable (?:\\S+ )?(?:illness|disease)|incurable (?:\\S+ )?(?:illness|disease)|a disease|some disease|a heart attack|an aneurysm|a stroke)';

export const SELF_HARM_IMPLIED_RULES: readonly PhraseRule[] = [
  {
    // "When my parents go I'll go", "I think I might go when he does".
    name: 'go when they go',
    hint: /\bi (?:think i |guess i )?(?:will|am going to|might|will probably|plan to|want to|would) (?:go|follow|be gone|join)\b/,
    re: pattern(
      `\\b(?:when|once|after|as soon as|the day) (?:my |the |our )?(?:\\S+ ){0,2}${GOES}(?: ,)? i (?:think i )?(?:will|am going to|might|will probably|plan to|want to|would) (?:go|follow (?:him|her|them)|be gone|go with (?:him|her|them)|join (?:him|her|them))(?= ?(?:$|,|;|\\.|too|as well|with|and|but|i\\b))|\\bi (?:think i |guess i )?(?:will|am going to|might|will probably|plan to|would) (?:go|follow (?:him|her|them)|be gone) (?:too |as well )?(?:when|once|after|as soon as|the day) (?:he|she|they|my \\S+|the \\S+|our \\S+)(?: \\S+)? ${GOES}\\b`,
    ),
    reason: 'intent, set for a time',
    strength: 60,
    needs: 'despair',
  },
  {
    // "all I'm looking forward to is the day that I'll be able to kill myself".
    name: 'the day I do it',
    hint: /\bthe (?:day|time|moment|night) (?:that |when )?i\b/,
    re: pattern(
      `\\bthe (?:day|time|moment|night) (?:that |when )?i (?:will be able to|will|can|get to|finally|am going to|will finally|can finally|will finally be able to) (?:finally )?(?:${SELF_ACT}|go through with it)\\b`,
    ),
    reason: 'talks of ending their life as settled',
    strength: 60,
    accept: (hit) => !/\b(?:if|would|used to|whenever|every)\b/.test(hit.sentence.text.slice(0, hit.cStart).slice(-30)),
  },
  {
    // "seems like the time to ... just ending it", "now is the right time to end it".
    name: 'the time has come',
    hint: /\btime\b/,
    re: pattern(
      `\\b(?:seems like|feels like|is|it is|this is|now is|has come|come) (?:the|a good|the right|the perfect|my) (?:time|moment|day|night) to (?:\\S+ ){0,12}?(?:${SELF_ACT}|ending it(?: all)?|killing myself|ending my life|die|do it|go)(?= ?(?:$|,|;|\\.|now|tonight|today|and|i\\b))`,
    ),
    reason: 'a time set',
    strength: 60,
    needs: 'suicide',
    firstPerson: true,
  },
  {
    // "I'm too scared to pull the trigger", "I can't bring myself to do it", "I don't have the guts to".
    name: 'held back',
    hint: /\b(?:scared|afraid|coward|pussy|chicken|bring myself|get myself|guts|balls|nerve|brave|weak|frightened|terrified)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:am |was )?(?:too (?:much of a )?(?:scared|afraid|frightened|terrified|cowardly|weak|chicken|coward|pussy|much of a coward|much of a pussy|much of a wimp)|not brave enough|can not (?:seem to )?bring myself(?: over| around)?|could not bring myself(?: over| around)?|can not get myself|could not get myself|do not have the (?:guts|balls|courage|nerve|strength)|have not got the (?:guts|balls|courage|nerve)|lack the (?:guts|balls|courage|nerve)) (?:to )?(?:actually |just |really |finally |even )?(?:try (?:and |to )?)?${HELD_ACT}\\b`,
    ),
    reason: 'a wish to end their life, held back only by fear',
    strength: 55,
    needs: 'suicide',
    ownNegation: true,
    easedByTime: true,
    // "I can't bring myself to do it" is about homework as often as not: a bare "do it" needs dying nearby.
    accept: (hit, post) => !/ do it$/.test(hit.sentence.text.slice(hit.cStart, hit.cEnd)) || dyingNear(hit, post),
  },
  {
    // "Every single day is a fight not to hurt myself", "I struggle not to kill myself every night".
    name: 'daily fight',
    hint: /\bnot to\b/,
    re: pattern(
      `\\b(?:a|the|my) (?:daily |constant |real |everyday |huge |massive )?(?:fight|struggle|battle|effort) (?:every day |each day |daily )?not to ${ADVERBS}${HELD_ACT}\\b|\\bi ${FILLER}(?:struggle|fight|try|have to fight|have to try|am struggling|am fighting)(?: so| really)?(?: hard)? not to ${ADVERBS}${HELD_ACT} (?:every day|every night|each day|each night|daily|constantly|all the time|most days|most nights)\\b|\\b(?:every day|every night|each day|each night|daily|constantly|all day) i ${FILLER}(?:struggle|fight|try|have to fight|have to try|am struggling|am fighting)(?: so| really)?(?: hard)? not to ${ADVERBS}${HELD_ACT}\\b`,
    ),
    reason: 'fighting an urge that is going on',
    strength: 55,
    firstPerson: true,
    ownNegation: true,
    easedByTime: true,
  },
  {
    // "I spend the drive stopping myself from speeding into a wall."
    name: 'stopping myself',
    hint: /\bmyself from\b/,
    re: pattern(
      `\\b(?:stopping|stop|keeping|keep|holding|hold|restraining|restrain) myself (?:back )?from (?:just )?(?:${SELF_ACT_ING}|(?:speeding|driving|swerving|crashing|steering|walking|stepping) (?:\\S+ ){0,3}(?:into|off|in front of|onto|under))\\b`,
    ),
    reason: 'fighting an urge that is going on',
    strength: 55,
    firstPerson: true,
    ownNegation: true,
    easedByTime: true,
    easedByCoping: true,
  },
  {
    // "I hope this virus kills me", "can coronavirus just kill me?", "doing drugs in the hope they'll kill me".
    name: 'hope it kills me',
    hint: /\b(?:kill|kills|killed|take|takes|finish|end|snatch|snatches)\b/,
    re: pattern(
      `\\b(?:hope|hopes|hoping|wish|wishing|pray|praying)(?: that)? (?:\\S+ ){1,4}?(?:will |would |could |might |finally |just )*(?:kills|kill|takes|take|finishes|finish|ends|end|snatches|snatch) me(?: off| out| away)?\\b|\\b(?:can|could|will|would|why (?:can|will|does|do|would) not) (?:\\S+ ){1,2}(?:just |please |finally |already )+(?:kill|take|finish|end) me(?: off| out)?\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
    needs: 'suicide',
    firstPerson: true,
    accept: (hit) =>
      !/\b(?:not|never|no one|nobody|mum|mom|dad|parents|boss|teacher|wife|husband|she|he|they) (?:\S+ )?(?:will |would |could |might |finally |just )*(?:kills|kill|takes|take|finishes|finish|ends|end) me\b/.test(
        hit.sentence.text.slice(hit.cStart, hit.cEnd),
      ),
  },
  {
    // "I kind of want to catch the virus already", "going to focus on getting terminal cancer".
    name: 'wants a fatal illness',
    hint: /\b(?:virus|covid|corona|coronavirus|cancer|illness|disease|heart attack|aneurysm|stroke)\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|${CLAUSE_START})(?:want to|wish i could|hope to|hope i|would love to|would like to|am going to|going to|pray i|want|am hoping to|focus on) (?:just |finally |already )?(?:catch|get|getting|contract|develop|catching) ${ILLNESS}\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
    needs: 'suicide',
  },
  {
    // "Anytime I can die would be great, the sooner the better."
    name: 'the sooner the better',
    hint: /\bsooner\b/,
    re: pattern(`\\b(?:die|dead|death|dying|gone|end it|over|go)\\b(?: \\S+){0,8}? (?:, )?the sooner the better\\b`),
    reason: 'a wish to die',
    strength: 55,
    needs: 'suicide',
    firstPerson: true,
  },
  {
    // "I want to be encouraged to end my misery", "I need someone to give me a push to do it".
    name: 'asks for a push',
    hint: /\b(?:encourag\w*|permission|push|pushed|convince|convinced|talked into)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:want|need|wish|would like|am looking for|am asking for|just need)(?: to be| someone to| people to| you to| somebody to| someone s| for someone to)? (?:\\S+ ){0,2}?(?:encouraged|encourage me|encouragement|permission|a push|push me|pushed|talked into it|convince me|convinced|the (?:psychological |final |last )?push (?:i need )?)(?: to)? ${ADVERBS}(?:${SELF_ACT}|do it|go through with it)\\b`,
    ),
    reason: 'a wish to end their life',
    strength: 60,
  },
  {
    // "I'm thinking of ending it all" (but "I think about suicide" is ideation, not a plan).
    name: 'thinking of doing it',
    hint: /\bthinking\b/,
    re: pattern(
      `\\bi am (?:(?!not\\b|never\\b|no\\b|always\\b|constantly\\b|often\\b|sometimes\\b|forever\\b)\\S+ ){0,4}?thinking (?:of|about) (?:doing it|ending it(?: all)?(?! with\\b)|ending my life|killing myself|taking my (?:own )?life|committing suicide|going through with it|hanging myself|overdosing|jumping (?:off|from|in front of))\\b`,
    ),
    reason: 'considering ending their life',
    strength: 55,
    needs: 'suicide',
    easedByCoping: true,
  },
  {
    // "Give me one reason not to kill myself."
    name: 'one reason not to',
    hint: /\breason\b/,
    re: pattern(
      `\\b(?:give me|tell me|is there|what is|anyone got|someone give me|i (?:just |really )?need|i want|i need to hear) (?:one|a|any|a single|1|one good|a good) (?:good |real |single )?reason (?:not to|to not|why i should not|i should not|why not to) (?:just )?(?:${SELF_ACT}|die|do it|end it|go through with it)\\b`,
    ),
    reason: 'asking whether to end their life',
    strength: 55,
    ownNegation: true,
  },

  {
    // "I've already made my decision", "my mind is made up", in a post about dying.
    name: 'decision made',
    hint: /\b(?:decision|mind)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:made|have made|have finally made|finally made|have already made|already made) (?:my|the|a|this|that) (?:final )?decision\\b|\\bmy mind is (?:made up|set)\\b|\\bi (?:have )?made up my mind\\b|\\bmy decision is (?:made|final)\\b`,
    ),
    reason: 'talks of ending their life as settled',
    strength: 60,
    needs: 'suicide',
    accept: (hit, post) => dyingNear(hit, post) || hit.sentence.index <= 1,
  },
  {
    // "I've finally grown the balls to fulfil my plan."
    name: 'found the nerve',
    hint: /\b(?:courage|guts|balls|nerve|strength)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:found|got|have got|grown|grew|have grown|mustered|worked up|built up|gathered|summoned) (?:up )?(?:the|enough|the last bit of|the final bit of) (?:courage|guts|balls|nerve|strength) to (?:finally |actually |just )?(?:${SELF_ACT}|do it|go through with it|follow through|(?:fulfil|fulfill|carry out|go ahead with|act on) (?:my|the) plan|act on it)\\b`,
    ),
    reason: 'intent to end their life',
    strength: 70,
    needs: 'despair',
  },
  {
    // "Going out for a night walk, not planning on coming back."
    name: 'not coming back',
    hint: /\bback\b/,
    re: pattern(
      `\\b(?:not|never) (?:planning on|planning to|going to be|intending to|intending on|expecting to|plan on|plan to) (?:come|coming) back\\b(?! (?:to|on|here) (?:this|reddit|here|the|work|school|uni|college))|\\bi (?:will not|am not going to|will never) (?:be )?(?:come|coming) (?:back|home)(?: (?:tonight|this time|from this|again))?${CLAUSE_END}`,
    ),
    reason: 'a goodbye or final message',
    strength: 70,
    ownNegation: true,
    // Said on the way out ("going for a walk, not planning on coming back"), or in despair.
    accept: (hit, post) =>
      (/\b(?:i|my|me)\b/.test(hit.sentence.text) ||
        !/\b(?:he|she|they|his|her|their|him|them)\b/.test(hit.sentence.text)) &&
      (post.despairTalk ||
        /\b(?:going out|go out|walk|drive|driving|leaving|heading|head out|off to)\b/.test(hit.sentence.text)),
  },
  {
    // "This weekend, I will find peace."
    name: 'peace soon',
    hint: /\b(?:peace|relief)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:will|am going to|shall) (?:finally )?(?:find (?:my |eternal )?(?:peace|relief)|be at peace|rest in peace)\\b`,
    ),
    reason: 'a time set',
    strength: 60,
    needs: 'despair',
    needsTime: true,
  },
  {
    // "Noone loves me. I wanna go." ("I want to go home" and "do you want to go?" are not this).
    name: 'want to go',
    hint: /\bgo\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|${CLAUSE_START})(?:want|need|wish i could|just want) to go(?= ?(?:$|,|;|\\.|!|now|already|anymore|please|forever))`,
    ),
    reason: 'a wish to die',
    strength: 50,
    needs: 'despair',
    easedByCoping: true,
    accept: (hit, post) => !isQuestion(hit, post),
  },
  {
    // "I want someone to hit me and make it look like an accident", "I wish a car would run me over".
    name: 'someone to kill me',
    hint: /\b(?:kill|shoot|run|hit|end|take)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:want|need|wish|hope|pray for|am praying for)(?: for)? (?:someone|somebody|anyone|a car|a bus|a truck|a lorry|a train|the universe|god) (?:to |would |will |could )?(?:just |finally )?(?:kill me|shoot me|run me over|hit me and|end me|take me|end my life|take my life)\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
    needs: 'suicide',
    easedByCoping: true,
  },
  {
    // "The only reason I haven't ended my life just yet is...": not yet, so still meant.
    name: 'not yet',
    hint: /\byet\b/,
    re: pattern(
      `\\bi ${FILLER}(?:have not|had not|did not) (?:\\S+ )?(?:killed myself|ended my life|ended it(?: all)?|gone through with it|taken my (?:own )?life|jumped|pulled the trigger) (?:just |quite )?yet\\b`,
    ),
    reason: 'intent to end their life',
    strength: 55,
    needs: 'suicide',
    ownNegation: true,
  },
  // --- method questions that carry no suicide word
  {
    // "Is 220 volts enough to kill an adult?", "How far is high enough to kill a person?"
    name: 'enough to kill a person',
    hint: /\benough\b/,
    re: pattern(
      `\\b(?:enough|sufficient) to (?:kill|be lethal to|be fatal to|be lethal for|be fatal for) (?:a |an )?(?:person|adult|human|human being|man|woman|someone|somebody|grown man|grown adult|teenager|oneself|yourself|myself)\\b|\\b(?:enough|sufficient) to (?:be lethal|be fatal)\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 70,
    ownNegation: true,
    accept: (hit, post) => isQuestion(hit, post) || /\b(?:i|my|me)\b/.test(hit.sentence.text),
  },
  {
    // "What's the lethal dose of...", "till no one can resuscitate me", "how long until I bleed out".
    name: 'lethality',
    hint: /\b(?:lethal|fatal|resuscitate|revive|bleed|bleeding|unconscious|consciousness|survive|survivable|high|tall|floors|stories|storeys)\b/,
    re: pattern(
      `\\b(?:lethal|fatal|deadly) (?:dose|doses|dosage|amount|quantity|height|fall|level)\\b|\\b(?:no one|nobody|anyone|they|paramedics|the paramedics|doctors|the doctors|someone) (?:can|could|would|will|is able to|are able to|be able to)(?: not| no longer)? (?:resuscitate|revive|bring me back)\\b|\\bhow (?:long|much|many|high|far|deep|hard|fast|quickly) (?:\\S+ ){0,6}?(?:until|till|before|it takes to|does it take to|would it take to|will it take to|is needed to|is enough to|do you need to|do i need to|(?:would|will|does|do) it take (?:for )?(?:me|you|someone|a person) to|for (?:me|you|someone|a person) to) (?:i |you |one |a person |someone |somebody )?(?:bleed out|lose consciousness|pass out for good|stop breathing|suffocate|freeze to death|die(?! of (?:boredom|laughter|embarrassment|old age|shame|cringe))(?! laughing))\\b|\\b(?:survive|survivable|survivable from) (?:a |the )?(?:fall|jump|drop) (?:from|off|of)\\b|\\bhow (?:high|tall|many (?:floors|stories|storeys)) (?:\\S+ ){0,6}?(?:to|would|will|does|do|should) (?:\\S+ ){0,2}(?:die|kill|be fatal|be lethal|guarantee|ensure|not survive)\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 70,
    ownNegation: true,
    accept: (hit, post) =>
      isQuestion(hit, post) ||
      /\b(?:i|my|me)\b/.test(hit.sentence.text) ||
      /\b(?:resuscitate|revive|bring me back)\b/.test(hit.sentence.text.slice(hit.cStart, hit.cEnd)),
  },
  {
    // "Which cleaning products can be mixed to make hydrogen sulfide?"
    name: 'making a poison gas',
    hint: /\b(?:gas|sulfide|sulphide|monoxide|cyanide|chlorine)\b/,
    re: pattern(
      `\\b(?:mix|mixed|mixing|combine|combined|combining|make|made|making|create|created|creating|produce|produced|producing|generate|generating) (?:\\S+ ){0,6}?(?:hydrogen sulfide|hydrogen sulphide|chlorine gas|toxic gas|poisonous gas|poison gas|deadly gas|lethal gas|carbon monoxide|mustard gas|hydrogen cyanide|phosgene)\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 70,
    ownNegation: true,
    accept: (hit, post) =>
      !/\b(?:accident\w*|by mistake|careful|never|do not|warning|avoid)\b/.test(hit.sentence.text) &&
      (isQuestion(hit, post) || /\b(?:i|my|me)\b/.test(hit.sentence.text)),
  },
];
