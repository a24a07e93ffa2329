import { Guideline, GuidelineSet } from './types';

/**
 * The P2P defaults: anything that puts someone in danger, or describes self-harm, waits for a
 * Top 3 member; contact details only prompt the author to think again, because taking talk
 * one-to-one is discouraged rather than forbidden. Communities change the words and actions.
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
