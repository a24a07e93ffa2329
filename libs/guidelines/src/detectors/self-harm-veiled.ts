import { BODY, FILLER } from '../language/lexicon';
import { Hit, pattern } from '../language/patterns';
import { PhraseRule } from './rules';
import { isQuestion } from './self-harm-implied';
import { ADVERBS, CLAUSE_END, CLAUSE_START, SELF_ACT, SELF_ACT_ING } from './self-harm-words';
import { Post } from './types';

/**
 * imminent-harm-self, part 6: intent said sideways, the way people write when they have stopped
 * explaining themselves: the date already set, the wish to be let out of this world, the place
 * picked out, "don't try to stop me", the only thing still stopping them, asking for assisted
 * dying, or wanting to do again the harm they just told of. Each rule keeps its everyday twin out
 * ("the date I set for the party", "the best place to jump into the lake", "the only thing
 * stopping me is money", "I want to end this chapter of my life"); the shared guards (negation,
 * supposition, someone else's words, a crisis plan used) apply as everywhere.
 */

/** Self-harm or an attempt told in this sentence or the one before: what "do it again" points back to. */
const HARM_TOLD = new RegExp(
  `\\b(?:cut|cuts|cutting|slash(?:ed|es|ing)?|slit|burn(?:ed|t|ing)?|scratch(?:ed|es|ing)?|carv(?:ed|ing)|hit|punch(?:ed|ing)?|starv(?:ed|ing)) (?:\\S+ ){0,4}?(?:myself|my (?:${BODY}))\\b|\\b(?:overdos\\w*|od|attempt\\w*|self harm\\w*|tried to kill myself|hurt myself|harm(?:ed)? myself|purg(?:ed|ing))\\b`,
);

function harmToldNear(hit: Hit, post: Post): boolean {
  const previous = post.sentences[hit.sentence.index - 1];
  return (
    HARM_TOLD.test(hit.sentence.text.slice(0, hit.cStart)) || (previous !== undefined && HARM_TOLD.test(previous.text))
  );
}

/** Words of debate, law or study around assisted dying: talk about it, not a request for it. */
const DEBATE =
  /\b(?:law|laws|legal|legalis\w*|legaliz\w*|illegal|debate|debating|opinion|opinions|views?|essay|paper|thesis|article|vote|voted|should be|right to|ethic\w*|moral\w*|country|countries|patients?|people with)\b/;

/** Acts plain enough to stand after "and" ("... and end it" is as often a relationship). */
const COORDINATED_ACT =
  '(?:kill myself(?! laughing| with laughter)|hang myself|shoot myself|drown myself|stab myself|set myself on fire|set fire to myself|burn myself alive|slit my (?:wrists?|throat)|overdose|take my (?:own )?life|end my life|jump off (?:a|the|that) \\S+|throw myself (?:off|in front of|under) (?:a|the|that) \\S+|cut myself|cut my wrists?)';

export const SELF_HARM_VEILED_RULES: readonly PhraseRule[] = [
  {
    // "I just want it to fucking end", "I just want this to be over", "I want it all to be over with".
    name: 'wants it to end',
    hint: /\b(?:end|over)\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|${CLAUSE_START})(?:want|wanna|need|wish|pray|am praying|am begging|beg) (?:for )?(?:it|this|it all|all of this|all of it|everything|this all) (?:to )?(?:just |all |finally |fucking |freaking |fricking |damn |please |already |so )*(?:end|be over)(?: with)?${CLAUSE_END}`,
    ),
    reason: 'a wish for their life to end',
    strength: 50,
    needs: 'despair',
    easedByCoping: true,
    // "I want this week to be over" says what "this" is; so do "... to end so I can sleep" and
    // "I want this to end, this fight with my sister".
    accept: (hit) =>
      !/^ (?:so (?:i|we) can|before|already i|i will|then|,? (?:this|the|my|our|his|her|their) (?!life\b|pain\b)\S+)\b/.test(
        hit.sentence.text.slice(hit.cEnd, hit.cEnd + 30),
      ),
  },
  {
    // "my last few days on this earth", "my last two weeks alive".
    name: 'days left',
    hint: /\b(?:last|final|remaining)\b/,
    re: pattern(
      `\\bmy (?:last|final|remaining) (?:\\d+|few|two|three|four|five|six|seven|ten|couple of) (?:days|weeks|hours|nights) (?:alive|on (?:this )?earth|left to live|to live|in this world)\\b`,
    ),
    reason: 'a time set',
    strength: 60,
    needs: 'despair',
  },
  {
    // "I really don't see me living this life much longer", "I don't think I'll be around much longer".
    name: 'not much longer',
    hint: /\blonger\b/,
    re: pattern(
      `\\bi ${FILLER}(?:do not|can not|no longer) see (?:me|myself) (?:living|being alive|being here|being around|surviving|lasting|making it|staying alive|going on)(?: (?:this|my|like this|in this) (?:life|world|way))? (?:much|for much|any|a lot) longer\\b|\\bi (?:do not think i will|will not|am not going to) (?:be (?:around|here|alive)|last|survive|make it) (?:much|for much|a lot) longer\\b`,
    ),
    reason: 'a time set',
    strength: 60,
    needs: 'despair',
    ownNegation: true,
    // "I don't think I'll last much longer in this job" says where.
    accept: (hit) => !/^ (?:in|at|with|on|as) \S/.test(hit.sentence.text.slice(hit.cEnd, hit.cEnd + 10)),
  },
  {
    // "idk how to start saying goodbye without drawing suspicion".
    name: 'secret goodbyes',
    hint: /\bgoodbye|\bgood bye|\bfarewell/,
    re: pattern(
      `\\b(?:say|saying|said|start saying|tell(?:ing)?(?: \\S+){0,2}) (?:goodbye|goodbyes|good bye|farewell)s? (?:\\S+ ){0,4}?(?:without (?:drawing|raising|arousing|causing|making) (?:any )?(?:suspicion|suspicious|anyone suspicious|them suspicious)|without (?:anyone|them|people|anybody|everyone) (?:knowing|noticing|suspecting|realising|realizing|finding out))\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 70,
    notReported: true,
  },
  {
    // "How do I make myself ill?" (so as to be admitted, to be hurt).
    name: 'how to make myself ill',
    hint: /\bmyself\b/,
    re: pattern(
      `\\b(?:how (?:do|can|could|would|should) i|how to|best way to|ways to) (?:\\S+ )?(?:make|get) myself (?:really |very |seriously |badly )?(?:ill|sick enough|bleed|pass out|unconscious|injured|badly hurt|hospitali[sz]ed|admitted)\\b`,
    ),
    reason: 'looking for a way to hurt themselves',
    strength: 55,
    needs: 'despair',
  },
  {
    // "The only thing stopping me is my mom", "the only reason I'm holding back is my cat".
    name: 'the only thing stopping me',
    hint: /\b(?:stopping|holding|stops|holds)\b/,
    re: pattern(
      `\\b(?:the only|only|the one|one) (?:thing|things|reason|person|people|one) (?:that is |that are |that |which is )?(?:stopping|holding|stops|holds) me (?:back )?(?:from (?:doing it|it|going through with it|following through|${SELF_ACT_ING})|(?:right now |now |at the moment )?(?:is|are|was)\\b)|\\bthe only reason i am (?:still )?holding (?:back|on)\\b`,
    ),
    reason: 'a wish to end their life, held back by one thing',
    strength: 55,
    needs: 'suicide',
    // "the only thing stopping me is money" (from a trip): only when dying is talked of close by.
    accept: (hit, post) =>
      post.sentences
        .slice(Math.max(0, hit.sentence.index - 2), hit.sentence.index + 3)
        .some((s) =>
          /\b(?:suicid\w*|kill(?:ing)? myself|die|dying|dead|death|end (?:it|my life)|go through with it|do it|so close|deserve to (?:be alive|live))\b/.test(
            s.text,
          ),
        ),
  },
  {
    // "I cut my arm once ... and very much want to do the same again".
    name: 'wants to do it again',
    hint: /\bagain\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|\\band (?:very much |so much |really |i )*|${CLAUSE_START})(?:want|wanna|need|am going|am tempted|have the urge|have an urge|am dying|can not wait|feel like i need) to (?:do|try) (?:it|that|this|the same|the same thing) (?:again|one more time|once more)\\b`,
    ),
    reason: 'an urge to hurt themselves again',
    strength: 55,
    firstPerson: true,
    easedByCoping: true,
    accept: harmToldNear,
  },
  {
    // "I'll mention no one in my note", "I'm writing my note tonight".
    name: 'my note, future',
    hint: /\bnote\b/,
    re: pattern(
      `\\bi ${FILLER}(?:will|am going to|want to|need to|have to|am about to|plan to) (?:\\S+ ){1,6}(?:in|on|into|for) my (?:suicide |last |final |goodbye )?note\\b|\\bi ${FILLER}(?:am writing|am finishing|will write|will finish|am going to write|have to write|need to write|started writing|started my|just finished|finished writing|have finished|have written|wrote) my (?:suicide |last |final |goodbye )?note\\b(?! (?:to|for) (?:my|the) (?:teacher|boss|doctor|landlord|school|work|class))`,
    ),
    reason: 'a goodbye or final message',
    strength: 65,
    needs: 'suicide',
  },
  {
    // "I think I really want an end now", "I want an end to it all".
    name: 'wants an end',
    hint: /\bend\b/,
    re: pattern(
      `\\bi ${FILLER}(?:want|need|wish for|long for|crave) (?:an|the|and) end(?: (?:now|to (?:it|it all|this|everything|my life|my existence|all of this)))${CLAUSE_END}`,
    ),
    reason: 'a wish for their life to end',
    strength: 50,
    needs: 'despair',
    easedByCoping: true,
  },
  {
    // "JUST LET ME OUT OF THIS WORLD", "preparing to leave this shitty hole called reality".
    name: 'out of this world',
    hint: /\b(?:world|earth|reality|existence|planet|life)\b/,
    re: pattern(
      `\\b(?:let me|get me|help me|i (?:want|need|wish|am ready|am preparing|am getting ready) to|preparing to|prepare to|ready to) (?:just )?(?:out of|leave|get out of|escape|exit) (?:this|the) (?:(?!for\\b|and\\b|to\\b|with\\b)\\S+ ){0,4}(?:world|earth|reality|existence|planet)\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
    easedByCoping: true,
    // "Let me out of this world" asks for it outright; wanting to leave or escape it needs despair
    // around it ("I want to escape this world for a while with a good book").
    // "I want to leave this world a better place" is a hope for the world.
    accept: (hit, post) =>
      !/^ (?:a |better|in a better|behind|for a (?:while|bit|few))\b/.test(
        hit.sentence.text.slice(hit.cEnd, hit.cEnd + 20),
      ) &&
      (post.despairTalk || /^(?:let|get) me/.test(hit.sentence.text.slice(hit.cStart, hit.cEnd))),
  },
  {
    // "Maybe it'd be easier for me to just drown myself", "it's better to give my pup away and kill myself".
    name: 'easier to do it',
    hint: /\b(?:easier|better|best|simpler)\b/,
    re: pattern(
      `\\b(?:it would be|it is|it will be|would be|is) (?:\\S+ )?(?:easier|better|best|simpler|kinder) (?:at this point |for me |for everyone |for everybody |now |right now )*(?:to|if i) ${ADVERBS}(?:(?!than\\b|then\\b|not\\b|never\\b|without\\b|instead\\b|rather\\b)\\S+ ){0,8}?(?:and |then )?${SELF_ACT}\\b`,
    ),
    reason: 'talks of ending their life as settled',
    strength: 50,
    needs: 'suicide',
    firstPerson: true,
    easedByCoping: true,
    // "It'd be easier to kill myself than do this homework" is a figure of speech.
    accept: (hit) => !/^ (?:than|then)\b/.test(hit.sentence.text.slice(hit.cEnd, hit.cEnd + 10)),
  },
  {
    // "thinking about the perfect place to jump off", "I found the right bridge to jump from".
    name: 'the place picked',
    hint: /\b(?:place|spot|bridge|building|cliff|roof|tree|height|location)\b/,
    re: pattern(
      `\\b(?:the|a) (?:perfect|best|right|ideal|good|easiest|quickest|highest|tallest|nearest|closest) (?:place|spot|bridge|building|cliff|roof|rooftop|tree|height|location) (?:to|from which to|where i (?:can|could|will|would)) (?:${SELF_ACT}|jump(?: off| from)?(?= ?(?:$|,|;|\\.|and\\b|but\\b|i\\b))|die|end it|do it|hang myself)`,
    ),
    reason: 'a plan',
    strength: 65,
    needs: 'despair',
    firstPerson: true,
    // "the best place to jump off into the lake" is a swim.
    accept: (hit) => !/^ (?:into|in|to swim|for fun|and swim)\b/.test(hit.sentence.text.slice(hit.cEnd, hit.cEnd + 15)),
  },
  {
    // "I do not want anyone to stop me", "please don't try to save me", "don't talk me out of it"
    // (a bare "don't stop me now" is a song as often as not).
    name: 'do not stop me',
    hint: /\b(?:stop|save|talk|change)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:do not|no longer) (?:want|need) (?:anyone|anybody|you|people|you guys|any of you|someone|somebody|help or anyone) (?:to )?(?:try to |trying to )?(?:(?:stop|save)(?: me)?(?= ?(?:$|,|;|\\.|!|\\)|or\\b|and\\b|now\\b|this time|please|because|i\\b))|talk me out of it|change my mind)|(?:${CLAUSE_START}|\\bplease )(?:do not|no one|nobody) (?:(?:try to |try and |bother trying to )(?:stop me|save me)|(?:try to |try and )?talk me out of it)(?= ?(?:$|,|;|\\.|!|i\\b|this time|now|please|because))`,
    ),
    reason: 'intent to end their life',
    strength: 60,
    needs: 'suicide',
    ownNegation: true,
  },
  {
    // "I hope I'd be lucky this time", "hoping it works this time" (of an attempt to come).
    name: 'this time it works',
    hint: /\bthis time\b/,
    re: pattern(
      `\\b(?:hope|hoping|pray|praying|wish|make sure|this time i will|i will make sure)(?: that)? (?:i (?:would |will |will finally |can |could )?(?:be lucky|get lucky|succeed|get it right|do it right|not survive|not wake up|not fail)|it (?:will |would )?(?:works?|succeeds?|is successful|is final)) this time\\b`,
    ),
    reason: 'intent, of another attempt',
    strength: 60,
    firstPerson: true,
    // Only when the post talks of suicide: "hope it works this time" also fixes printers, and "I
    // hope I succeed this time at my driving test" says at what.
    accept: (hit, post) =>
      !/^ (?:at|in|on|with|for)\b/.test(hit.sentence.text.slice(hit.cEnd, hit.cEnd + 10)) &&
      /\b(?:suicid\w*|kill(?:ing)? myself|overdos\w*|attempts? on my life|tried to (?:kill myself|end it|end my life|die))\b/.test(
        post.sentences.map((s) => s.text).join(' '),
      ),
  },
  {
    // "I think I'll likely die by my own hands", "I know I'm going to die by suicide".
    name: 'by my own hand',
    hint: /\b(?:hand|hands|suicide)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:will|am going to|shall|am)(?: (?:likely|most likely|very likely|probably|definitely|surely|one day|eventually|end up|end up going to))* (?:die|dying|go) by (?:my own hands?|suicide)(?: (?:eventually|one day|someday|some day|soon|in the end))?${CLAUSE_END}`,
    ),
    reason: 'intent to end their life',
    strength: 55,
    needs: 'despair',
  },
  {
    // "why wait for it to happen naturally?", "no point waiting to die".
    name: 'why wait',
    hint: /\bwait/,
    re: pattern(
      `\\b(?:so |then )?why (?:should i )?wait(?: around)? (?:for (?:it|death|the end|my death) )?(?:to (?:happen|come) )?naturally\\b|\\bno (?:point|reason|use) (?:in )?waiting (?:around )?(?:to die|for (?:death|the end|it to happen naturally))\\b`,
    ),
    reason: 'talks of ending their life as settled',
    strength: 55,
    needs: 'suicide',
  },
  {
    // "I want to douse my body in gasoline and set myself on fire", "I'm going to get home and hang myself".
    name: 'and then the act',
    hint: /\band\b/,
    re: pattern(
      `\\bi ${FILLER}(?:want|need|am going|plan|am planning|am about|intend|have decided|decided) to (?:(?!not\\b|never\\b|than\\b|but\\b|if\\b|when\\b|he\\b|she\\b|they\\b|you\\b)\\S+ ){1,7}?and (?:then )?(?:just |finally )?${COORDINATED_ACT}\\b`,
    ),
    reason: 'intent to end their life or hurt themselves',
    strength: 55,
    easedByCoping: true,
  },
  {
    // "the only thing left to try is killing myself", "my only option left is suicide".
    name: 'only option left',
    hint: /\b(?:only|last)\b/,
    re: pattern(
      `\\b(?:the only|my only|the last|my last|only) (?:thing|option|way|choice|answer|solution|resort|way out)(?: i have)?(?: left)?(?: to try| for me| to do)? (?:is|would be|seems to be|will be) (?:to )?(?:just )?(?:${SELF_ACT}|${SELF_ACT_ING}|suicide|death|to die|die)\\b`,
    ),
    reason: 'talks of ending their life as settled',
    strength: 55,
    firstPerson: true,
    easedByCoping: true,
  },
  {
    // "waiting till Dignitas answers me", "I want to apply for assisted suicide".
    name: 'asks for assisted dying',
    hint: /\b(?:assisted|euthanasia|euthanized|euthanised|dignitas|maid)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:want|need|am going|plan|am planning|am trying|am applying|applied|have applied|will apply|am waiting|am just waiting|contacted|have contacted|emailed|wrote|signed up|am signing up|qualify|hope|am hoping)(?: to| for| till| until| on)? (?:\\S+ ){0,6}?(?:assisted (?:suicide|dying|death)|euthanasia|be euthani[sz]ed|dignitas|exit international|maid)\\b|\\b(?:assisted (?:suicide|dying|death)|euthanasia|dignitas)(?: \\S+){0,4} (?:and|so) i ${FILLER}(?:want|need|am going|plan|will|am trying) to (?:\\S+ ){0,3}?(?:end it|end my life|apply|use it|sign up|reach out|go)\\b`,
    ),
    reason: 'asks to end their life by assisted dying',
    strength: 55,
    accept: (hit) => !DEBATE.test(hit.sentence.text),
  },
  {
    // "Do I buy the poison or go back to my cell", "thinking of buying rope".
    name: 'buying the means',
    hint: /\b(?:buy|buying|order|ordering|purchase|purchasing|get|getting)\b/,
    re: pattern(
      `\\b(?:whether to|whether i should|should i|i (?:want|am going|plan|need|am about|have decided|decided) to|i am (?:thinking (?:of|about)|planning on|considering)|going to|about to) (?:go )?(?:buy|buying|order|ordering|purchase|purchasing|get|getting) (?:the |some |a |more |enough )?(?:poison|rope|noose|helium|nitrogen|exit bag|charcoal|barbiturates|nembutal|sodium nitrite)\\b`,
    ),
    reason: 'preparing the means',
    strength: 60,
    needs: 'despair',
    firstPerson: true,
    accept: (hit) =>
      !/\b(?:rats?|mice|mouse|weeds?|ants|pests?|garden|climbing|tent|camping|balloons?|party|bbq|barbecue|grill)\b/.test(
        hit.sentence.text,
      ),
  },
  {
    // "I'm planning to be gone by the end of the night."
    name: 'gone by then',
    hint: /\bgone\b/,
    re: pattern(
      `\\bi ${FILLER}(?:plan to|am planning to|plan on|am planning on|intend to|want to|hope to|expect to|will|should|am going to) (?:finally )?be gone\\b`,
    ),
    reason: 'intent with a timeframe',
    strength: 60,
    needs: 'despair',
    needsTime: true,
  },
  {
    // "Lost the battle. I'm sorry." — a whole post that is a defeat and an apology.
    name: 'lost the battle, sorry',
    hint: /\blost\b/,
    re: pattern(
      `(?:${CLAUSE_START}|\\bi (?:have )?)lost (?:the|my) (?:battle|fight|war)(?: with (?:myself|depression|my demons|life|it))?${CLAUSE_END}`,
    ),
    reason: 'a goodbye or final message',
    strength: 60,
    // A short post that ends in an apology or a goodbye; a long story of a lost fight is not this.
    accept: (hit, post) =>
      !isQuestion(hit, post) &&
      post.text.length < 400 &&
      post.sentences.some((s) => /\b(?:i am sorry|sorry|goodbye|forgive me|bye)\b/.test(s.text)),
  },
];
