import { FILLER } from '../language/lexicon';
import { pattern } from '../language/patterns';
import { PhraseRule } from './rules';
import {
  ACT_HINT,
  ADVERBS,
  CLAUSE_END,
  CLAUSE_START,
  INTEND,
  SELF_ACT,
  SELF_ACT_ING,
  notAnAccident,
} from './self-harm-words';

/**
 * imminent-harm-self, part 1: a present intent or urge to end one's life or hurt oneself, said
 * outright ("im gonna kill myself tonite", "I can't keep myself safe", "why shouldn't I just end
 * it"). Negated intent ("I'm not going to hurt myself"), the past, suppositions ("if I ever...")
 * and using a crisis plan are left alone by the patterns and by the shared guards in rules.ts.
 */

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
      `\\bi ${FILLER}(?:considering|consider|contemplating|contemplate|seriously considering|strongly considering|debating|planning on|plan on|planned on|was planning on|had planned on|looking forward to|thinking of going to|set on|intent on|hell bent on|considered|have considered|have been considering|been considering) (?:(?:potentially|seriously|really|actually|maybe|possibly) )?(?:${SELF_ACT_ING}|my (?:death|suicide))\\b`,
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
    hint: /\b(?:close|closer|closest|near|edge|brink|verge)\b/,
    re: pattern(
      `\\b(?:i am (?:\\S+ )?(?:close|so close|this close|very close|dangerously close|really close|so near)|(?:i have )?(?:never|ever) been (?:so |this )?closer?|(?:the )?closest (?:i have )?ever been|on the (?:edge|brink|verge)(?: of)?) (?:to |of )?(?:ending it|killing myself|suicide|doing it|ending my life|giving in to it|jumping|acting on it|ending things|(?:downing|taking|swallowing|necking|overdosing on) (?:\\S+ ){0,5}(?:pills|tablets|meds|them|it))\\b`,
    ),
    reason: 'close to acting on it',
    strength: 60,
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
    name: 'when I do it',
    hint: /\b(?:when|once|after) i\b/,
    re: pattern(`\\b(?:when|once|after) i (?:finally |eventually |actually )?(?:${SELF_ACT})\\b`),
    reason: 'talks of ending their life as settled',
    strength: 55,
    ownNegation: true,
    accept: (hit) =>
      !/\b(?:if|used to|would|whenever)\b/.test(hit.sentence.text.slice(Math.max(0, hit.cStart - 30), hit.cStart)),
  },
  {
    name: 'minutes from it',
    hint: /\bfrom\b/,
    re: pattern(
      `\\b(?:\\d+ ?)?(?:minutes?|mins?|\\d+minutes|hours?|seconds?|moments?|inches|an inch|a step) (?:away )?from (?:ending it|killing myself|doing it|ending my life|the edge|jumping|taking the pills|pulling the trigger|suicide)\\b`,
    ),
    reason: 'close to acting on it',
    strength: 70,
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
    name: 'contemplating whether',
    hint: /\b(?:contemplating|considering|debating|deciding|thinking about|wondering)\b/,
    re: pattern(
      `\\b(?:contemplating|considering|debating|deciding|thinking about|wondering)(?: on)? (?:if|whether|whether or not) (?:i should|i will|i am going to|to)(?: finally| just)? (?:${SELF_ACT}|attempt|try)\\b`,
    ),
    reason: 'considering ending their life',
    strength: 55,
    firstPerson: true,
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
