import { FILLER } from '../language/lexicon';
import { pattern } from '../language/patterns';
import { PhraseRule } from './rules';
import {
  ADVERBS,
  CLAUSE_END,
  CLAUSE_START,
  COURAGE,
  DEATH,
  DEATH_HINT,
  NOT_ME,
  SELF_ACT,
  WANT,
} from './self-harm-words';

/**
 * imminent-harm-self, part 2: a present wish to be dead ("I want to die", "I don't want to live
 * anymore", "I wish I was dead", "I hope I don't wake up"). Talk of feelings ("I feel hopeless"),
 * wishing one had never been born, "I want the pain to stop" and figures of speech ("I'd rather
 * die than go to that party") are not.
 */

export const SELF_HARM_WISH_RULES: readonly PhraseRule[] = [
  {
    name: 'wish to die',
    hint: DEATH_HINT,
    re: pattern(`(?:\\bi ${FILLER}|${CLAUSE_START})${WANT} ${ADVERBS}${DEATH}\\b`),
    reason: 'a wish to die',
    strength: 60,
    easedByCoping: true,
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
      `(?:\\bi\\b(?: (?!${NOT_ME})\\S+){0,5} |${CLAUSE_START}|\\b(?:and|while|still|always|often|constantly) (?=(?:hoping|praying|wishing) ))(?:wish|hope|pray|am praying|keep praying|keep wishing|keep hoping|hoping|praying|wishing|wished|hoped)(?: to (?:fucking )?god)?(?: that)? i (?:could |would |will |can |might |just |get to |finally |do |quickly |peacefully |painlessly |simply |somehow )*(?:die|drop dead|do not wake up|never wake up|wake up dead|stop existing|cease to exist|not wake up|not exist|did not (?:live|exist|wake up)|was not (?:alive|here|around)|${SELF_ACT}|get (?:\\S+ ){1,4}and die|get killed|be killed|catch (?:\\S+ ){1,3}and die|get hit by (?:a|an) (?:car|bus|truck|train|lorry)|be in (?:an|a) (?:\\S+ )?(?:accident|crash)(?: and die)?)\\b`,
    ),
    reason: 'a wish to die',
    strength: 60,
    easedByCoping: true,
  },
  {
    name: 'courage to do it',
    hint: /\b(?:courage|guts|balls|strength|nerve|bravery)\b/,
    re: pattern(
      `${COURAGE}(?: to (?:actually |finally |just )?(?:${SELF_ACT}|do it|go through with it|die|end it|follow through|jump(?= ?(?:$|,|\\.|off|from|in front))))\\b`,
    ),
    reason: 'a wish to end their life',
    strength: 60,
  },
  {
    name: 'courage, in a post about dying',
    hint: /\b(?:courage|guts|balls|strength|nerve|bravery)\b/,
    re: pattern(`${COURAGE}${CLAUSE_END}`),
    reason: 'a wish to end their life',
    strength: 55,
    needs: 'suicide',
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
    hint: /\b(?:wanting|longing|praying|begging|wishing|hoping|want|wanna|need)\b/,
    re: pattern(
      `\\bi\\b(?: (?!${NOT_ME})\\S+){1,7} (?:wanting|longing|praying|begging|wishing|hoping|and (?:really |just |still |honestly )?(?:want|wanna|need)) (?:to|for) (?:${DEATH}|${SELF_ACT}|death|my (?:life|death) to (?:end|come)|it all to end|my life to be over)\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
    easedByCoping: true,
  },
  {
    name: 'wants it all over',
    hint: /\b(?:end|over|stop)\b/,
    re: pattern(
      `(?:\\bi ${FILLER}|${CLAUSE_START})(?:want|wanna|need|wish|pray|hope|would like|am begging for|beg for|long for) (?:for )?(?:it all|everything|my life|life|all of this|all of it|this life|my existence|it to all|this to all) (?:to )?(?:end|be over|all end|finally end)\\b|\\b(?:want|wanna|need|wish|pray|hope|would like) (?:for )?my life to stop\\b|\\bi ${FILLER}(?:want|wanna|need|wish)(?: to)? (?:for )?(?:it|this) to (?:end|be over) (?:right now|now|tonight|today)\\b`,
    ),
    reason: 'a wish for their life to end',
    strength: 50,
    easedByCoping: true,
    // "I just want it all to be over so I can start fresh in my new job" says what "it all" is.
    accept: (hit) => !/^ (?:so (?:i|we) can|before|then)\b/.test(hit.sentence.text.slice(hit.cEnd, hit.cEnd + 20)),
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
      `\\bi ${FILLER}(?:can not wait|am looking forward|look forward|long|am longing|crave|am craving|beg|am begging|yearn|am excited|feel (?:\\S+ )?excited)(?: to| for| about)? (?:the prospect of )?(?:die|death|be dead|my death|dying|for my life to end|the day i die|suicide|killing myself|ending it|the (?:day|time|moment) (?:that |when )?i (?:will be able to|can|get to|finally) (?:${SELF_ACT}|die))\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
    ownNegation: true,
  },
  {
    name: 'need to die',
    hint: /\b(?:die|dead)\b/,
    re: pattern(
      `\\bi ${FILLER}(?:need to|have to|ought to|must) (?:just )?(?:give up and )?(?:die|be dead)\\b|\\bi ${FILLER}should (?:just )?(?:give up and )?die\\b`,
    ),
    reason: 'a wish to die',
    strength: 55,
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
    name: 'soon over',
    hint: /\b(?:over|this is it)\b/,
    re: pattern(
      `\\b(?:it is|it will (?:all )?be|this will (?:all )?be|everything will be|it will all) (?:all )?(?:soon to be )?over (?:soon|shortly|tonight|tomorrow)\\b|\\bsoon to be over\\b|\\bthis is it for me\\b`,
    ),
    reason: 'a time set',
    strength: 60,
    needs: 'despair',
  },
  {
    name: 'all I want is',
    hint: /\b(?:all|only thing|one thing) i\b/,
    re: pattern(
      `\\b(?:all|the only thing|only thing|the one thing) i (?:\\S+ )?(?:want|wanna|need|wish|wanted|can think about|think about) (?:to do )?(?:today |tonight |now |right now |lately )?(?:is|was|right now is)? ?(?:to )?(?:(?:find a way to )?(?:${SELF_ACT}|${DEATH}|die)|find (?:a|an easy|an|the) way out)\\b`,
    ),
    reason: 'a wish to die or hurt themselves',
    strength: 60,
    easedByCoping: true,
  },
  {
    name: 'rather be dead',
    hint: /\brather\b/,
    re: pattern(
      `\\bi ${FILLER}would (?:much |just |honestly )?rather (?:just )?(?:be dead|die|never wake up|not wake up|not exist|not be alive|not be here)\\b`,
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
];
