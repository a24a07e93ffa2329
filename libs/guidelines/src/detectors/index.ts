import { GuidelineCategory } from '../types';
import { detectAbuse } from './abuse';
import { detectContactDetails } from './contact-details';
import { detectHarmToOthers } from './harm-others';
import { runRules } from './rules';
import { detectSelfHarmAccount } from './self-harm-account';
import { SELF_HARM_INTENT_RULES } from './self-harm-intent';
import { SELF_HARM_GOODBYE_RULES } from './self-harm-goodbyes';
import { SELF_HARM_IMPLIED_RULES } from './self-harm-implied';
import { SELF_HARM_PLAN_RULES } from './self-harm-plans';
import { SELF_HARM_VEILED_RULES } from './self-harm-veiled';
import { SELF_HARM_WISH_RULES } from './self-harm-wishes';
import { Detector } from './types';

const SELF_HARM_RULES = [
  ...SELF_HARM_INTENT_RULES,
  ...SELF_HARM_PLAN_RULES,
  ...SELF_HARM_GOODBYE_RULES,
  ...SELF_HARM_IMPLIED_RULES,
  ...SELF_HARM_VEILED_RULES,
];

/** One fixed detector per category; communities choose the words and the actions, not these. */
export const DETECTORS: Readonly<Record<GuidelineCategory, Detector>> = Object.freeze({
  'imminent-harm-self': (post) => runRules(post, 'imminent-harm-self', SELF_HARM_RULES),
  // A present wish to be dead, without intent, plan or time: hard thoughts to check in on.
  'self-harm-thoughts': (post) => runRules(post, 'self-harm-thoughts', SELF_HARM_WISH_RULES),
  'imminent-harm-others': detectHarmToOthers,
  'self-harm-account': detectSelfHarmAccount,
  'contact-details': detectContactDetails,
  abuse: detectAbuse,
});

export type { Detection, Post } from './types';
