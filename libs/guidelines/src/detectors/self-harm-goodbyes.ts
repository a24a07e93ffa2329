import { pattern } from '../language/patterns';
import { PhraseRule } from './rules';

/**
 * imminent-harm-self, part 4: goodbyes and final messages ("this is my last post", "goodbye
 * everyone, thank you for everything", "writing goodbye letters tonight"), notes, and a time set
 * ("tonight is the night", "my last day"). Where the words are everyday ones ("bye guys", "thank
 * you for everything"), they only count in a post that also speaks of despair or dying.
 */

export const SELF_HARM_GOODBYE_RULES: readonly PhraseRule[] = [
  // --- notes, goodbyes, last posts
  {
    name: 'goodbye note',
    hint: /\b(?:note|notes|letters?|messages?|emails?|videos?|texts?|words)\b/,
    re: pattern(
      `\\b(?:writing|wrote|written|write|drafting|drafted|draft|composing|composed|finished|started|leaving|left|leave|working on|typed|typing|sat down to write|sent|sending|recorded|recording|made|making) (?:a |my |the |some |all |all my |the last of my )?(?:(?:suicide|goodbye|final|last|farewell) ){1,2}(?:note|notes|letter|letters|message|messages|email|emails|video|videos|texts?|words)\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 85,
    firstPerson: true,
  },
  {
    name: 'a note',
    hint: /\bnotes?\b/,
    re: pattern(
      `\\b(?:writing|wrote|written|drafting|drafted|composing|composed|sat down to write|started|finished|leaving|left|leave) (?:a |my |the )?(?:note|notes)\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 75,
    needs: 'suicide',
    firstPerson: true,
  },
  {
    name: 'my note, alone',
    hint: /\bnote\b/,
    re: pattern(
      `\\b(?:i have |i )?(?:written|wrote|finished|left|done|drafted|gave|given|handed|sent|posted) my note\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 75,
    accept: (hit) => hit.first <= 2,
  },
  {
    name: 'last post',
    hint: /\b(?:last|final)\b/,
    re: pattern(
      `\\bthis (?:is|will be|might be|may be|could be|is probably|is going to be|is likely|will probably be) (?:my|the) (?:last|final) (?:post|message|time|words|goodbye|update|entry|text|reddit post|time i (?:post|write|am on here))\\b|\\b(?:will|might|may|would) be the last time i (?:post|write|am posting|will post|will be posting|will write|will talk|will be on here)\\b|\\bmy (?:first and last|first and final|last and final) (?:post|message|reddit post)\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 85,
  },
  {
    name: 'goodbye everyone',
    hint: /\b(?:goodbye|goodbyes|farewell|by the time|see you|ride|sorry|forgive)\b/,
    re: pattern(
      `\\b(?:goodbye|farewell)(?: ,)? (?:to )?(?:everyone|everybody|world|friends|folks|reddit|you all|all of you|cruel world|forever|for now and forever|this world|my friends|all my friends|all)\\b|\\b(?:this is|it is|so this is) goodbye\\b|\\b(?:saying|said|sent|say|send|sending|texted|texting|made|making|recorded|recording) (?:my |our |some |all my )?(?:final |last )?goodbyes\\b|\\bsay(?:ing)? goodbye to (?:everyone|everybody|you all|the world|this world|life|all of you)\\b|\\bby the time (?:you|anyone|someone|people|they) (?:read|reads|see|sees|find|finds|get|gets) this\\b|\\bsee you (?:guys |all |everyone |later |again )?(?:on the other side|in the next life|in another life|in heaven|in hell|in the afterlife|on the flip side|after that rainbow bridge|at the rainbow bridge)\\b|\\bride while it lasted\\b|\\bi am (?:so )?sorry for what i am (?:about to|going to) do\\b|\\bsee you (?:all |guys )?(?:next time around|in the next one|in the next world)\\b|\\bforgive me for what i am (?:about to|going to) do\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 85,
    notReported: true,
  },
  {
    name: 'if you are reading this',
    hint: /\breading this|read this|see this|find this\b/,
    re: pattern(
      `\\bif (?:you are|anyone is|someone is|you) (?:reading|read|see|find) this,? (?:i am|i have|it is|i will be|then i am) (?:already )?(?:dead|gone|no longer|not here|not alive|not around)\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 85,
  },
  {
    name: 'goodbye, in despair',
    hint: /\b(?:bye|goodbye|farewell|thank you|ride|peace out|signing off|logging off|over and out|final|last|look after|take care|tell my|sorry|while it lasted)\b/,
    re: pattern(
      `\\b(?:bye|goodbye|farewell)(?: ,)? (?:to )?(?:everyone|everybody|all|guys|you guys|you all|people)\\b|\\bsay(?:ing)? goodbye to my (?:family|kids|children|friends|mum|dad|parents|wife|husband|partner|loved ones|son|daughter|cat|dog|pets?)\\b|\\bthank you (?:all |so much |everyone |guys |all so much )?for everything\\b|\\b(?:it|this|life) (?:was|wss|has been) a (?:good|fun|great|nice|wild|long|hell of a|crazy|beautiful) (?:\\d+ (?:year|yr) )?ride\\b|\\b(?:peace out|signing off for good|logging off for good|over and out)\\b|\\bi (?:just )?(?:wanted|want) to (?:say|tell you all|tell everyone) goodbye\\b|\\bmy (?:final|last) (?:goodbye|goodbyes|farewell|words)\\b|\\bplease (?:look after|take care of) my (?:cat|dog|kids|children|pets|babies|son|daughter)\\b|\\bsorry to (?:everyone|all of you|anyone|everybody|you all) (?:who|that) (?:tried|cared|helped)\\b|\\b(?:fun|good|nice|great) while it lasted\\b|\\btell my (?:family|kids|children|mum|dad|parents|wife|husband|partner|friends|sister|brother) (?:that )?i (?:love|loved|am sorry)\\b`,
    ),
    reason: 'a goodbye or final message',
    strength: 75,
    notReported: true,
    needs: 'despair',
  },
  {
    name: 'lone goodbye',
    hint: /\b(?:goodbye|bye|farewell|so long|adios)\b/,
    re: pattern(`\\b(?:goodbye|bye|farewell|so long|adios|goodbye forever|bye forever|bye bye)\\b`),
    reason: 'a goodbye or final message',
    strength: 75,
    needs: 'despair',
    wholeSentence: true,
  },

  // --- a time set
  {
    name: 'tonight is the night',
    hint: /\b(?:night|day|end|ends|ending|time|date)\b/,
    re: pattern(
      `\\b(?:tonight|today|tomorrow|this|(?:this |next |on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)) (?:is|will be|is going to be) (?:the|my) (?:night|day|last day|last night|end|time|date)(?!(?: i (?:have )?(?:set|chose|picked|decided on))? (?:for|aside|to|of|when|we|you|they|he|she)\\b)(?: i (?:have )?(?:set|chose|picked|decided on))?\\b|\\b(?:it|this|everything|all of this|my life|life) (?:ends|will end|is ending|is going to end) (?:tonight|today|tomorrow|now|soon|here|this week|this weekend)\\b`,
    ),
    reason: 'a time set',
    strength: 80,
    needs: 'despair',
  },
  {
    name: 'last day',
    hint: /\b(?:last|final)\b/,
    re: pattern(
      `\\bmy (?:last|final) (?:day|night|morning|week|hours|breath)(?: on (?:earth|this earth|this planet)| alive| of my life| being alive| here)?\\b`,
    ),
    reason: 'a time set',
    strength: 75,
    needs: 'despair',
    accept: (hit) => {
      const rest = hit.sentence.text.slice(hit.cEnd);
      return !/^ (?:at|of (?:school|work|term|uni|college|the)|in|before|off|with|as|was|were)\b/.test(rest);
    },
  },
  {
    name: 'not long left',
    hint: /\b(?:left|here|around|alive|last)\b/,
    re: pattern(
      `\\bi (?:have not got|do not have|have not|have got|have) (?:got )?(?:long|much (?:time|longer)|very long|many days|much time) left\\b|^(?:\\d+|two|three|four|five|six|a few|few) (?:days|weeks|months|hours) left(?! (?:until|till|of|before|in|to go (?:until|till|before)))\\b|\\bi (?:will not|will never|am not going to|probably will not|do not think i will) be (?:here|around|alive) (?:tomorrow|much longer|for much longer|for long|by (?:tomorrow|morning|the weekend|then|next week|christmas)|next (?:week|month|year)|anymore|any longer|this time next (?:week|year))\\b|\\bi (?:know i |think i )?(?:will not|am not going to|do not think i will|probably will not) last (?:long|much longer|another (?:year|month|week))\\b`,
    ),
    reason: 'a time set',
    strength: 70,
    needs: 'despair',
    ownNegation: true,
    // "I don't think I'll last much longer in this job" says where, not whether.
    accept: (hit) =>
      !/^ (?:in|at|with|as) (?:this|that|my|the|a) \S/.test(hit.sentence.text.slice(hit.cEnd, hit.cEnd + 20)),
  },
  {
    name: 'it is time',
    hint: /\btime\b/,
    re: pattern(
      `^(?:i think |well |so |ok |okay |reckon |i reckon |i guess |guess )*(?:it is|this is|it is about|it is finally) (?:about )?(?:that |the )?time(?: now| soon)?$`,
    ),
    reason: 'a time set',
    strength: 65,
    needs: 'despair',
  },
];
