import { FILLER, MEANS } from '../language/lexicon';
import { pattern } from '../language/patterns';
import { PhraseRule } from './rules';
import { SELF_ACT } from './self-harm-words';

/**
 * imminent-harm-self, part 3: what makes intent concrete. A plan or a date, means gathered,
 * rehearsed or looked up. These count even when the writer adds "but I won't", because a careful
 * reader would still want someone to reach them.
 */

const DO = `(?:${SELF_ACT}|die|do it|go(?: out)?|end it|kill myself)`;

const QUANTITY =
  '(?:(?:some|a|an|the|enough|all|a bunch of|a box of|a bottle of|bottles of|boxes of|packs of|packets of|a pack of|a packet of|a stash of|a stockpile of|a collection of|a stash of my|\\d+|a lot of|lots of|loads of|more|extra|spare|another|my|our|a few|a couple of|two|three|several|the rest of my|all my|all of my|(?:a|an|some|one) \\S+ of) ){0,4}';

const MEANS_HINT = new RegExp(`\\b${MEANS}\\b`);

export const SELF_HARM_PLAN_RULES: readonly PhraseRule[] = [
  // --- plans and dates
  {
    name: 'has a plan',
    hint: /\bplans?\b/,
    re: pattern(
      `\\bi ${FILLER}(?:have|got|have got|made|have made|have been making|started making|am making|have come up with|came up with|have worked out|worked out) (?:a |my |the |this |a solid |a concrete |a clear |a full |a detailed |a proper )?(?:suicide |exit )?plan(?:s? (?:on|for) how|s? to ${DO}| already| for (?:it|my death|my suicide|ending it|how)| of (?:jumping|hanging|overdosing|killing myself|drowning|shooting myself|ending it|driving|crashing|walking))?\\b(?! (?:for|with) (?:the|this|next|work|tomorrow|friends|christmas|my birthday|uni|college|school|today|tonight|dinner|lunch|the weekend|our|a))`,
    ),
    reason: 'a plan',
    strength: 75,
    needs: 'suicide',
  },
  {
    name: 'planned it',
    hint: /\bplann\w*/,
    re: pattern(
      `\\bi ${FILLER}(?:planned|have planned|have been planning|am planning|started planning|began planning|begun planning|started to plan|am making plans|made plans|planning) (?:out )?(?:my (?:suicide|death|exit|own death|last day)|(?:it )?for (?:years|months|weeks|a while|ages|a long time)|(?:\\S+ ){1,3}for my (?:suicide|death)|(?:how|when|where) (?:i will|i would|i am going to|to|i might|i could|i can|i want to|i would do it|i will do it|i d) ?${DO}?|it all out|everything(?: out)?|it out|the whole thing|to ${DO}|on ${DO})\\b`,
    ),
    reason: 'a plan',
    strength: 75,
    needs: 'suicide',
  },
  {
    name: 'my suicide plan',
    hint: /\b(?:suicide|death|exit|method|way|date|day|plans?|planning)\b/,
    re: pattern(
      `\\b(?:my|a) (?:suicide|death|exit) (?:plan|plans|note|notes|letter|letters|date|day|method|methods|will (?:commence|happen|be|take place)|is planned|is set)\\b|\\bplanning my (?:suicide|death)\\b|\\b(?:method|way|date|day)(?: of suicide| to die| to go)? i (?:have )?(?:selected|chose|chosen|picked|decided on|settled on)\\b|\\bplans? (?:except|but|other than|apart from|besides) (?:suicide|killing myself|dying|to die|ending it)\\b`,
    ),
    reason: 'a plan',
    strength: 75,
    firstPerson: true,
  },
  {
    name: 'picked a date or method',
    hint: /\b(?:method|date|day|spot|place|bridge|way|location|time|hotel|building)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:picked|chosen|chose|decided on|set|have set|settled on|found|worked out|booked) (?:a|the|my|out a|out the) (?:method|date|day|spot|place|bridge|way|location|time|hotel|building)\\b|\\b(?:got|have|have got) (?:my|the|a) (?:date|day|time|method) (?:all )?(?:set|picked|chosen|planned|sorted)\\b`,
    ),
    reason: 'a plan',
    strength: 70,
    needs: 'suicide',
  },
  {
    name: 'knows how',
    hint: /\b(?:how|when|where)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:know|have decided|decided|have figured out|figured out|worked out|have worked out) (?:exactly )?(?:how|when|where) (?:i will|i would|i am going to|i want to|to|i will do it|i am doing it)(?: ${DO})?\\b`,
    ),
    reason: 'a plan',
    strength: 65,
    needs: 'suicide',
  },
  {
    name: 'method in mind',
    hint: /\b(?:method|methods|way|ways|date)\b/,
    re: pattern(
      `\\b(?:methods?|ways?|a way|a method|date) (?:in mind|picked(?: out)?|chosen|ready|sorted|lined up|planned)\\b`,
    ),
    reason: 'a plan',
    strength: 65,
    needs: 'suicide',
    firstPerson: true,
  },
  {
    name: 'counting down',
    hint: /\b(?:count ?down|countdown|death)\b/,
    re: pattern(
      `\\b(?:count ?down|countdown) (?:to|until|till) my (?:death|suicide|end|last day)\\b|\\bthe day of my death\\b`,
    ),
    reason: 'a plan, with a timeframe',
    strength: 75,
  },

  // --- means and preparations
  {
    name: 'enough to die',
    hint: /\benough\b/,
    re: pattern(
      `\\benough (?:${MEANS}) (?:to|for) (?:die|kill|end|do it|overdose|od|be fatal|be lethal|take my|do the job|finish)\\b`,
    ),
    reason: 'means gathered',
    strength: 80,
  },
  {
    name: 'hoarding means',
    hint: MEANS_HINT,
    re: pattern(
      `(?:\\bi ${FILLER}|^(?:(?:just|finally|so|and|been|have been|still|slowly) )*)(?:stockpiled|stockpiling|stock piled|stock piling|saved up|saving up|saving|hoarding|hoarded|collected|collecting|stashed|stashing|put aside|set aside|putting aside|squirrelling away|squirreling away|have been saving|been saving|been collecting|been stockpiling|have been stockpiling|have been hoarding) ${QUANTITY}(?:${MEANS})\\b`,
    ),
    reason: 'means gathered',
    strength: 80,
  },
  {
    name: 'gathered means',
    hint: MEANS_HINT,
    re: pattern(
      `(?:\\bi ${FILLER}|^(?:(?:just|finally|so|and|today|yesterday|last night) )*)(?:bought|ordered|gathered|gathering|stole|stolen|got hold of|bought myself|picked up|sourced|went and bought|have bought|have ordered) ${QUANTITY}(?:${MEANS})\\b`,
    ),
    reason: 'means gathered',
    strength: 80,
    needs: 'suicide',
  },
  {
    name: 'has the means',
    hint: /\b(?:have|got|own|keep|hands|means|use|gun|pills|rope|knives|tablets)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:have|got|have got|own|keep|have access to|have all) (?:all )?(?:the means|what i need|everything i need|the stuff|a gun|a pistol|a revolver|a shotgun|a rifle|a firearm|a (?:\\. )?(?:22|38|357|45|44|380|40|9mm|12 gauge)(?! (?:month|year|day|week|hour|minute|mile|foot|inch|pound|stone|percent|%|k|grand|dollar)s?\\b)|enough|a stash|a stockpile|the pills|the rope|the tablets)\\b|\\bi ${FILLER}have access to (?:${MEANS})\\b|\\bthe means to (?:end it|do it|${SELF_ACT}|die)\\b|\\bi (?:could|can|will) use (?:a |my |the )?(?:rope|gun|pills|belt|knife|razor|blades?)\\b|\\bi know where (?:my |the |our )?(?:\\S+ )?(?:gun|pills|rope|knives|tablets) (?:is|are)\\b|\\b(?:until|till|once|when) i (?:get|can get|have) my hands on (?:a|one|some|the|enough) ?(?:gun|pistol|revolver|shotgun|rifle|pills|rope|tablets)?\\b`,
    ),
    reason: 'means at hand',
    strength: 75,
    needs: 'suicide',
  },
  {
    name: 'getting a gun',
    hint: MEANS_HINT,
    re: pattern(
      `(?:\\bi ${FILLER}(?:am )?|^(?:(?:just|finally|so|and) )*)(?:picking up|collecting|buying|getting|ordering|going to (?:buy|get|pick up)) ${QUANTITY}(?:${MEANS})\\b|\\b(?:work out|figure out|find out|working out|figuring out|trying to work out) (?:how|where) (?:to|i can|i could) (?:get|buy|find|obtain|get hold of) (?:a |some |enough )?(?:${MEANS})\\b`,
    ),
    reason: 'means gathered',
    strength: 70,
    needs: 'suicide',
    accept: (hit) =>
      /\b(?:how|where)\b/.test(hit.sentence.text.slice(hit.cStart, hit.cEnd)) ||
      /\b(?:tomorrow|tonight|today|now|soon|this week|this weekend|next week|in (?:a|a few|\d+|two|three|a couple of) (?:days|hours))\b/.test(
        hit.sentence.text,
      ),
  },
  {
    name: 'saving for a gun',
    hint: /\bsav(?:e|ing)\b/,
    re: pattern(
      `\\b(?:saving up|saving|save up) for (?:a |an )?(?:\\S+ ){0,2}(?:gun|revolver|pistol|shotgun|rifle|firearm)\\b`,
    ),
    reason: 'means gathered',
    strength: 75,
    firstPerson: true,
  },
  {
    name: 'noose',
    hint: /\b(?:noose|rope|belt|cord|ligature|scarf|cable|wire|bag|note)\b/,
    re: pattern(
      `\\b(?:tied|tying|made|making|tested|testing|hung|hanging up|bought|have|had|got|put up|set up|keep|kept|have always had) (?:a |the |my |up a |up the )?(?:rope )?noose\\b|\\bmy (?:noose|rope) is (?:ready|tied|up|hanging|waiting)\\b|\\b(?:a|the|my) (?:belt|rope|cord|noose|ligature|scarf|cable|wire|bag) (?:is )?(?:around|round|on|over) my (?:neck|head)\\b|\\bthis is my (?:suicide |last |final |goodbye )?note\\b`,
    ),
    reason: 'preparations',
    strength: 85,
    firstPerson: true,
  },
  {
    name: 'weapon to my head',
    hint: /\bmy (?:head|chin|mouth|temple|throat|skull|heart|wrists?|arms?|neck|skin|thighs?|legs?)\b/,
    re: pattern(
      `\\b(?:put|puts|held|hold|holding|pressed|pressing|pointed|pointing|had|have|placed|rested|resting|dragged|dragging|ran|running) (?:\\S+ ){0,3}(?:to|against|at|in|into|on|across|along|over) my (?:head|chin|mouth|temple|throat|skull|heart|wrists?|arms?|neck|skin|thighs?|legs?)\\b`,
    ),
    reason: 'rehearsing with means',
    strength: 85,
    firstPerson: true,
    accept: (hit) =>
      /\b(?:gun|shotgun|pistol|revolver|rifle|barrel|knife|blade|razor|\d{2,3}|22|38|9mm|muzzle)\b/.test(
        hit.sentence.text.slice(hit.cStart, hit.cEnd),
      ),
  },
  {
    name: 'dry firing',
    hint: /\b(?:dry|trigger|loaded)\b/,
    re: pattern(
      `\\b(?:dry firing|dry fired|dry fire|pulled the trigger|loaded (?:the|my|a) (?:gun|pistol|revolver|shotgun|rifle))\\b`,
    ),
    reason: 'rehearsing with means',
    strength: 85,
    firstPerson: true,
  },
  {
    name: 'on the edge',
    hint: /\b(?:edge|ledge|bridge|roof|railings?|balcony|cliff|platform|tracks|parapet)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:am |was )?(?:stood|standing|sat|sitting|climbed|climbing|on) (?:on|at|up on|over|onto) (?:the|a|that|this) (?:edge|ledge|bridge|roof|railing|railings|balcony|cliff|platform|tracks|parapet)\\b`,
    ),
    reason: 'at a place to end their life',
    strength: 85,
    needs: 'suicide',
  },
  {
    name: 'everything ready',
    hint: /\b(?:ready|sorted|planned|in place|prepared|set|in order|arranged)\b/,
    re: pattern(
      `\\b(?:everything|it all|all of it|all my stuff|my affairs|my things|all my affairs) (?:is|are) (?:all )?(?:ready|sorted|planned|in place|prepared|set|in order|arranged)\\b|\\b(?:got|have|have got|getting|get|put|made|make) (?:everything|it all|my affairs|my things|all my affairs|all my things) (?:all )?(?:ready|sorted|planned|in place|prepared|set up|in order|arranged)\\b`,
    ),
    reason: 'preparations',
    strength: 75,
    needs: 'suicide',
  },
  {
    name: 'giving things away',
    hint: /\baway\b/,
    re: pattern(
      `\\b(?:giving|gave|given|give) away (?:all )?(?:my|all my|all of my) (?:things|stuff|belongings|possessions|pets|cat|dog|money|clothes)\\b`,
    ),
    reason: 'preparations',
    strength: 65,
    needs: 'suicide',
    firstPerson: true,
  },

  // --- looking for a method
  {
    name: 'how do I',
    hint: /\bhow\b/,
    re: pattern(
      `\\bhow (?:do|can|should|could|would|will|to|might|does one|am) (?:i )?(?:${SELF_ACT}|die|end my life|commit suicide)\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 75,
    ownNegation: true,
  },
  {
    name: 'best way to',
    hint: /\b(?:way|ways|method|methods|option|options|to)\b/,
    re: pattern(
      `\\b(?:best|easiest|quickest|fastest|most painless|least painful|surest|most effective|most reliable|painless|quick|easy|effective|reliable|peaceful|quick and painless|effective and painless|good|clean|sure)(?: and (?:painless|quick|effective|easy|clean|peaceful)| (?:easiest|quickest|fastest|painless|quick|easy))? (?:(?:way|ways|method|methods|option|options) )?(?:to|of|for) (?:die|dying|${SELF_ACT}|go|end it|end my life|commit suicide|suicide|killing myself|ending it|ending my life|overdose|od|kill (?:yourself|oneself)|end (?:your|one s) life)\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 75,
    ownNegation: true,
  },
  {
    name: 'effective method',
    hint: /\b(?:method|methods|way|dose|doses|or|out)\b/,
    re: pattern(
      `\\b(?:an? )?(?:effective|painless|quick|lethal|reliable|fast|peaceful|certain|foolproof|100 % effective|easy|easiest) (?:and (?:painless|quick|effective|easy) )?(?:method|methods|way to go|dose|doses|way out)\\b|\\b(?:slitting|jumping|hanging|overdosing|overdose) or (?:slitting|jumping|hanging|overdosing|overdose|pills|gun)\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 70,
    needs: 'suicide',
  },
  {
    name: 'method question',
    hint: /\b(?:hanging|overdos\w*|jumping|drowning|slitting|suffocation|monoxide|helium|sn|nitrite|electrocution|hypothermia|bleeding|gunshot|shotgun|charcoal|exit bag|kill|die|hang|od)\b/,
    re: pattern(
      `\\b(?:how (?:painful|quick|long|fast|effective|reliable|lethal) (?:is|would be|does)|is|does|would|will) (?:hanging|overdosing|an overdose|jumping|drowning|slitting (?:my|your) wrists|suffocation|carbon monoxide|helium|sn|sodium nitrite|electrocution|hypothermia|bleeding out|a gunshot|a shotgun|charcoal|an exit bag) (?:\\S+ ){0,2}(?:painless|quick|hurt|work|effective|lethal|fatal|reliable|painful|peaceful|instant)\\b|\\bhow (?:painful|quick|long) is (?:hanging|overdosing|drowning|jumping|bleeding out)\\b|\\bhow (?:hard|easy|difficult|painful|quick|long does it take) (?:is it )?to (?:actually )?(?:kill (?:yourself|myself|oneself)|die by|die from|die of|overdose|od|hang (?:yourself|myself))\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 70,
    ownNegation: true,
  },
  {
    name: 'will this kill me',
    // The means, or the other two questions' own words ("a place for suicide", "still possible to jump off").
    hint: new RegExp(`${MEANS_HINT.source}|\\b(?:suicide|jump)\\b`),
    re: pattern(
      `\\b(?:will|would|could|does|can|is) (?:${MEANS}) (?:\\S+ )?(?:kill me|kill you|be lethal|be fatal|be enough|work|a painless way|painless)\\b|\\b(?:an? |the |a good |the best )?(?:option|place|spot|bridge|building|location) (?:for|to commit) suicide\\b|\\b(?:still )?(?:available|possible|easy) to jump (?:off|from)\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 70,
    ownNegation: true,
  },
  {
    name: 'would it kill me',
    hint: /\b(?:take me|kill me|enough|fatal|lethal|do the job|finish me)\b/,
    re: pattern(
      `\\b(?:would|will|could|does|is) (?:it|that|this|they) (?:be enough to )?(?:take me|kill me|be enough|be fatal|be lethal|do the job|finish me)\\b`,
    ),
    reason: 'looking up means',
    strength: 70,
    needs: 'suicide',
    ownNegation: true,
    accept: (hit) => new RegExp(`\\b${MEANS}\\b`).test(hit.sentence.text),
  },
  {
    name: 'how many would it take',
    hint: /\bhow (?:many|much)\b/,
    re: pattern(
      `\\bhow (?:many|much) (?:\\S+ ){0,3}(?:would|will|does|do|did|it|is|to) (?:it )?(?:take|kill|be (?:lethal|fatal|enough)|od|overdose)\\b`,
    ),
    reason: 'looking up means',
    strength: 80,
    needs: 'suicide',
  },
  {
    name: 'looking it up',
    hint: /\b(?:look\w*|research\w*|googl\w*|search\w*|read\w*|watching)\b/,
    re: pattern(
      `\\b(?:looking up|looked up|look up|researching|researched|research|googling|googled|google|searching|searched|search|reading about|read about|read up on|looking into|looked into|watching videos (?:on|about)) (?:\\S+ ){0,2}(?:suicide methods|methods|ways to (?:die|kill|end|commit|overdose|od)|ways i could|how to (?:${SELF_ACT}|die|end it|od)|lethal doses?|overdoses?|overdose amounts|how (?:many|much)|the best way|the easiest way|painless ways?|bridges|tall buildings|cliffs|nooses?|suicide)\\b`,
    ),
    reason: 'looking up means',
    strength: 75,
    firstPerson: true,
    needs: 'suicide',
  },

  {
    name: 'list of ways',
    hint: /\b(?:ways|methods|options)\b/,
    re: pattern(
      `\\b(?:came up with|come up with|have|made|make|wrote|written|got|thought of|thought up|found) (?:a list of |a list with |\\d+ |a few |some |several |two |three |four |five )?(?:ways|methods|options) (?:i (?:can|could|will|would|might) |to |for )(?:go|die|do it|end it|${SELF_ACT})\\b`,
    ),
    reason: 'a plan',
    strength: 70,
    needs: 'suicide',
    firstPerson: true,
  },
  {
    name: 'another method',
    hint: /\b(?:method|way)\b/,
    re: pattern(
      `\\b(?:another|a different|a better|a new|a more reliable|a surer|a quicker|a more effective|the right) (?:method|way to (?:do it|go|die))\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 65,
    needs: 'suicide',
    firstPerson: true,
  },
  {
    name: 'what to take',
    hint: /\bto (?:kill|die|end|overdose)\b/,
    re: pattern(
      `\\b(?:to|can i|should i|do i|could i) (?:mix|take|use|buy|combine|drink|swallow|inhale) (?:\\S+ ){0,3}to (?:kill (?:myself|oneself|yourself)|die|end it|end my life|overdose)\\b`,
    ),
    reason: 'looking for a way to end their life',
    strength: 70,
    ownNegation: true,
  },
  {
    name: 'one last',
    hint: /\b(?:last|final|talked out)\b/,
    re: pattern(
      `\\b(?:one last|a last|one final|my last) (?:good )?(?:conversation|chat|talk|time|goodbye|post|message|meal|night|walk|look|hug|day)\\b|\\b(?:do not|never) want to be talked out of it\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 65,
    needs: 'suicide',
    ownNegation: true,
  },
];
