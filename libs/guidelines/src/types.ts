/** The kinds of thing a community's guidelines can be about. The detectors for each are fixed code. */
export type GuidelineCategory =
  | 'imminent-harm-self'
  | 'self-harm-thoughts'
  | 'imminent-harm-others'
  | 'self-harm-account'
  | 'contact-details'
  | 'abuse';

/**
 * What a matching guideline does to an entry: hold it for the Top 3; warn the author before
 * sending; check in (publish it, and quietly put it in front of the Top 3); or let it through.
 */
export type GuidelineAction = 'hold' | 'warn' | 'check-in' | 'allow';

/** hold before warn before check-in before publish: what the author meets, strongest first. */
export type CheckOutcome = 'publish' | 'check-in' | 'warn' | 'hold';

/**
 * How carefully the imminent-harm-self guideline reads posts: 'standard' with the phrase rules
 * alone; 'careful' with the scored model too, which holds more posts that announce intent, a plan
 * or an act, and more posts that do not (see docs/moderation.md for the measured figures).
 */
export type GuidelineReading = 'standard' | 'careful';

export interface Guideline {
  /** Stable rule id, e.g. 'imminent-harm-self'. */
  id: string;
  category: GuidelineCategory;
  /** Short plain words, e.g. 'Keeping each other safe'. */
  title: string;
  /** Plain, warm words shown to members. */
  explanation: string;
  action: GuidelineAction;
  /** Only on a rule whose category is imminent-harm-self; none means 'standard'. */
  reading?: GuidelineReading;
}

export interface GuidelineSet {
  version: number;
  rules: Guideline[];
}

export interface Finding {
  /** The Guideline.id that matched. */
  rule: string;
  category: GuidelineCategory;
  /** That guideline's action. */
  action: GuidelineAction;
  /** The exact words in the text that triggered it: `text.slice(start, end)`. */
  matched: string;
  start: number;
  end: number;
  /** A short phrase for the Top 3 saying why, e.g. 'intent with a timeframe: "going to end it tonight"'. */
  reason: string;
}

export interface CheckResult {
  /**
   * hold if any finding's action is hold; else warn if any is warn; else check-in if any is
   * check-in; else publish. A post that is published (after a warning too) is checked in when any
   * finding's action is check-in: see needsCheckIn.
   */
  outcome: CheckOutcome;
  /** All findings (including 'allow' ones), strongest first. */
  findings: Finding[];
}

export const GUIDELINE_CATEGORIES: readonly GuidelineCategory[] = [
  'imminent-harm-self',
  'self-harm-thoughts',
  'imminent-harm-others',
  'self-harm-account',
  'abuse',
  'contact-details',
];

export const GUIDELINE_ACTIONS: readonly GuidelineAction[] = ['hold', 'warn', 'check-in', 'allow'];

export const GUIDELINE_READINGS: readonly GuidelineReading[] = ['standard', 'careful'];

/** The one category whose rule may choose a reading: only it has a scored model beside its rules. */
export const READING_CATEGORY: GuidelineCategory = 'imminent-harm-self';
