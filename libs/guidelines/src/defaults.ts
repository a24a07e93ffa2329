import { Guideline, GuidelineSet } from './types';

/**
 * The P2P defaults: anything that puts someone in danger now, or describes self-harm that has
 * just happened, waits for a Top 3 member; hard thoughts without intent or plan are published
 * (the peers who would answer them see them) and quietly put in front of the Top 3 to check in;
 * contact details only prompt the author to think again, because taking talk one-to-one is
 * discouraged rather than forbidden. Communities change the words and actions.
 */
const rules: Guideline[] = [
  {
    id: 'imminent-harm-self',
    category: 'imminent-harm-self',
    title: 'Keeping each other safe',
    explanation:
      'If you are thinking of ending your life or hurting yourself soon, a Top 3 member will read this first so someone can reach you quickly. You are not in trouble. If you are in danger now, please ring 999 or the Samaritans on 116 123.',
    action: 'hold',
  },
  {
    id: 'self-harm-thoughts',
    category: 'self-harm-thoughts',
    title: 'Sharing hard thoughts',
    explanation:
      'You can talk here about thoughts of not wanting to be alive, or of hurting yourself. Your post is shared with the community as usual, and a Top 3 member may check in with you. If you are in danger now, please ring 999 or the Samaritans on 116 123.',
    action: 'check-in',
  },
  {
    id: 'imminent-harm-others',
    category: 'imminent-harm-others',
    title: 'No threats to anyone',
    explanation:
      'Words about hurting someone else are read by a Top 3 member first, so the community can talk it through with you and keep everyone safe.',
    action: 'hold',
  },
  {
    id: 'self-harm-account',
    category: 'self-harm-account',
    title: 'Talking about self-harm with care',
    explanation:
      'Describing self-harm that has just happened can be hard for others to read. A Top 3 member will look at it first and check in with you. Talking about urges, feelings or how you are getting through is always welcome.',
    action: 'hold',
  },
  {
    id: 'contact-details',
    category: 'contact-details',
    title: 'Keeping talk on the board',
    explanation:
      'We keep our support here, where the whole community can share it, rather than one-to-one. Please think again before sharing phone numbers, emails, social media or plans to meet alone.',
    action: 'warn',
  },
  {
    id: 'abuse',
    category: 'abuse',
    title: 'Speaking to each other with respect',
    explanation:
      'It is fine to be angry or to disagree. Insults aimed at another member are read by a Top 3 member first, so it can be brought to the community meeting.',
    action: 'hold',
  },
];

export const DEFAULT_GUIDELINES: GuidelineSet = Object.freeze({
  version: 1,
  rules: Object.freeze(rules.map((rule) => Object.freeze(rule))) as Guideline[],
});

/**
 * A set stored before a category existed, read as it was meant: the missing category is added
 * with the action its older neighbour gave those posts. Wishes to be dead were read under
 * imminent-harm-self until self-harm-thoughts had its own rule, so a community whose stored set
 * predates it goes on treating them as its imminent-harm-self rule says (held, by default) until
 * its Top 3 choose otherwise. A set that has every category is returned as it is.
 */
export function withEveryCategory(set: GuidelineSet): GuidelineSet {
  const has = (category: string) => set.rules.some((r) => r.category === category);
  const self = set.rules.find((r) => r.category === 'imminent-harm-self');
  if (has('self-harm-thoughts') || !self) return set;
  const thoughts = DEFAULT_GUIDELINES.rules.find((r) => r.category === 'self-harm-thoughts')!;
  const at = set.rules.indexOf(self) + 1;
  const added: Guideline = { ...thoughts, action: self.action };
  return { version: set.version, rules: [...set.rules.slice(0, at), added, ...set.rules.slice(at)] };
}
