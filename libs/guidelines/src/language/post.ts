import { Post } from '../detectors/types';
import { splitSentences } from './sentences';

/** Talk about suicide or dying anywhere in the post: it settles vague words like "do it" or "my note". */
const SUICIDE_TALK =
  /\b(?:suicid\w*|kill(?:ing)? myself|die|dying|dead|death|end (?:it|it all|my life|things|everything|myself)|ending it|ending my life|ended (?:it all|my life|myself)|take my (?:own )?life|taking my (?:own )?life|overdos\w*|noose|hang(?:ing)? myself|jump(?:ing)? off|live anymore|be alive|not wake up|never wake up|off myself|offing myself|gun|pills|tablets|rope|razors?|blades?|attempt|not exist|stop existing|be gone|better off without me|no reason to live|nothing to live for|want out|go through with it|will not be (?:here|around)|be here for much longer|make it to \d{4}|talk me out of it|talked out of it|(?:had|have) not survived|wish i did not survive|do it right|convince me not to|method|methods|exit bag|sodium nitrite|knives|belt around my neck|take my life|(?:find|finds|found|discover|discovers|discovered) my body|my (?:dead )?body (?:is|will be|would be) found|my corpse|my own funeral|mortality|shoot(?:ing)? myself|handguns?)\b/;

/** Despair, which settles a lone "goodbye" or "it's time". */
const DESPAIR_TALK =
  /\b(?:hopeless|hope is gone|no hope|give up|giving up|gave up|given up|given in|giving in|gave in|can not (?:do|take|go on|cope|handle|keep|carry on|live)|no point|pointless|tired of (?:life|living|everything|it all|this|being alive|fighting|trying)|done with (?:life|everything|it all|this)|had enough|nothing left|no reason|worthless|a burden|sick of (?:life|living|everything|it all)|i am done|can not go on|lost the battle|no way out|nothing (?:ever )?changes|nothing has changed|nothing is changing|hate myself|hate my life|better off without me|in a (?:much )?better place|can not bear|can not take it|depressed|depression|suicidal|falling apart|fall apart|lost cause|no future|so alone|all alone|everything hurts|strong enough to keep going|keep going|no one cares|nobody cares|no one would care|nobody would care|no one would miss me|nobody would miss me|no one wants me|nobody wants me|no one needs me|nobody needs me|no one would notice|nobody would notice)\b/;

const SELF_HARM_TALK =
  /\b(?:self harm\w*|cut|cuts|cutting|blades?|razors?|scars?|burn(?:ed|t|ing)? myself|relapse\w*|clean|streak|harm myself|hurt(?:ing)? myself)\b/;

export function readPost(text: string): Post {
  const sentences = splitSentences(text);
  const all = sentences.map((s) => s.text).join(' . ');
  const suicideTalk = SUICIDE_TALK.test(all);
  return {
    text,
    sentences,
    suicideTalk,
    despairTalk: suicideTalk || DESPAIR_TALK.test(all),
    selfHarmTalk: SELF_HARM_TALK.test(all),
  };
}
