import { DEFAULT_GUIDELINES } from './defaults';
import { DETECTORS, Detection } from './detectors';
import { readPost } from './language/post';
import { MeaningReading } from './meaning/head';
import { ScoredModel, detectByModel, imminentHarmSelfModel } from './model';
import {
  CheckOutcome,
  CheckResult,
  Finding,
  GUIDELINE_CATEGORIES,
  Guideline,
  GuidelineAction,
  GuidelineSet,
  READING_CATEGORY,
} from './types';

/**
 * Whether checkText uses the scored model (./model) when neither the options nor the rule's
 * reading say. Off: on the blind holdout it did not earn its place as everyone's default; see
 * BENCHMARKS.md, "Community guidelines checker". A community may still choose it: reading 'careful'.
 */
export const SCORED_MODEL_BY_DEFAULT = false;

export interface CheckOptions {
  /**
   * Let the scored model add an imminent-harm-self hold the phrase rules did not find (only with
   * first-person words about dying or self-harm, taken at face value). Given, it wins over every
   * rule's reading; not given, a rule with reading 'careful' uses the model and any other rule
   * follows SCORED_MODEL_BY_DEFAULT.
   */
  scoredModel?: boolean;
  /** A different trained model (tests, evaluation). */
  model?: ScoredModel;
  /**
   * What the sentence model (./meaning) read in the text, when it could: it may add a hold for
   * imminent-harm-self, or a check-in for self-harm-thoughts, where no rule of that category
   * spoke. Without it (the model not loaded, or failed) the rules read alone.
   */
  meaning?: MeaningReading;
}

const ACTION_RANK: Record<GuidelineAction, number> = { hold: 0, warn: 1, 'check-in': 2, allow: 3 };
const MAX_QUOTE = 80;

/**
 * Reads an entry the way a careful Top 3 member would and says what the community's guidelines
 * make of it. Every finding names the rule and quotes the words that triggered it. A category
 * with no rule in the set is not looked for; a rule's action decides what its findings do, and an
 * imminent-harm-self rule's reading whether the scored model reads with it.
 */
export function checkText(
  text: string,
  guidelines: GuidelineSet = DEFAULT_GUIDELINES,
  options: CheckOptions = {},
): CheckResult {
  if (typeof text !== 'string') throw new TypeError('checkText needs the text of an entry as a string.');
  const categories = new Set(guidelines.rules.map((rule) => rule.category));
  if (text.trim() === '' || categories.size === 0) return { outcome: 'publish', findings: [] };

  for (const category of categories) {
    if (!Object.hasOwn(DETECTORS, category)) {
      throw new TypeError(
        `The guideline category "${String(category)}" is unknown; check the set with validateGuidelineSet first.`,
      );
    }
  }

  const post = readPost(text);
  const byCategory = new Map<string, Detection[]>();
  for (const category of categories) byCategory.set(category, dedupe(DETECTORS[category](post)));
  // A rule finding wins and explains itself; the model only speaks when no rule did, and only
  // for the rules that read with it.
  const readsWithModel = (rule: Guideline) => rule.category === READING_CATEGORY && usesModel(rule, options);
  let byModel: Detection | null = null;
  if (byCategory.get(READING_CATEGORY)?.length === 0 && guidelines.rules.some(readsWithModel)) {
    byModel = detectByModel(post, options.model ?? imminentHarmSelfModel());
  }

  if (options.meaning) addMeaning(byCategory, options.meaning, text);

  const ranked: Array<{ finding: Finding; strength: number }> = [];
  for (const rule of guidelines.rules) {
    const byRules = byCategory.get(rule.category) ?? [];
    const detections = byModel !== null && readsWithModel(rule) ? [...byRules, byModel] : byRules;
    for (const d of detections) {
      const matched = text.slice(d.start, d.end);
      const finding: Finding = {
        rule: rule.id,
        category: rule.category,
        action: rule.action,
        matched,
        start: d.start,
        end: d.end,
        reason: `${d.reason}: "${quote(matched)}"`,
      };
      ranked.push({ finding, strength: d.strength });
    }
  }
  ranked.sort(strongestFirst);
  const findings = ranked.map((r) => r.finding);
  return { outcome: outcomeOf(findings), findings };
}

/**
 * The sentence model's reading, added where no rule of its category spoke: intent, a plan or an
 * act above its hold threshold is an imminent-harm-self detection; otherwise hard thoughts above
 * the check-in threshold are a self-harm-thoughts one. It quotes the whole post (it reads the post
 * as a whole) and says it is the model, with how sure it was.
 */
function addMeaning(byCategory: Map<string, Detection[]>, m: MeaningReading, text: string): void {
  const whole = { start: 0, end: text.trimEnd().length };
  const self = byCategory.get('imminent-harm-self');
  const thoughts = byCategory.get('self-harm-thoughts');
  if (self && self.length === 0 && m.harm >= m.holdAt) {
    self.push({
      category: 'imminent-harm-self',
      ...whole,
      strength: 30,
      reason: `the sentence model reads intent, a plan or an act (${Math.round(m.harm * 100)}% sure)`,
    });
  } else if (thoughts && thoughts.length === 0 && (self?.length ?? 0) === 0 && m.harm + m.thoughts >= m.checkInAt) {
    thoughts.push({
      category: 'self-harm-thoughts',
      ...whole,
      strength: 30,
      reason: `the sentence model reads hard thoughts (${Math.round((m.harm + m.thoughts) * 100)}% sure)`,
    });
  }
}

/** The options say first; else the rule's reading; else the P2P default. */
function usesModel(rule: Guideline, options: CheckOptions): boolean {
  return options.scoredModel ?? (rule.reading === 'careful' || SCORED_MODEL_BY_DEFAULT);
}

function strongestFirst(a: { finding: Finding; strength: number }, b: { finding: Finding; strength: number }): number {
  return (
    ACTION_RANK[a.finding.action] - ACTION_RANK[b.finding.action] ||
    b.strength - a.strength ||
    GUIDELINE_CATEGORIES.indexOf(a.finding.category) - GUIDELINE_CATEGORIES.indexOf(b.finding.category) ||
    a.finding.start - b.finding.start
  );
}

function outcomeOf(findings: readonly Finding[]): CheckOutcome {
  if (findings.some((f) => f.action === 'hold')) return 'hold';
  if (findings.some((f) => f.action === 'warn')) return 'warn';
  if (findings.some((f) => f.action === 'check-in')) return 'check-in';
  return 'publish';
}

/**
 * Whether a post that is published should also be put in front of the Top 3 to check in: a
 * finding whose rule says check-in, whatever else the post met on the way (a warning, say).
 */
export function needsCheckIn(result: Pick<CheckResult, 'findings'>): boolean {
  return result.findings.some((f) => f.action === 'check-in');
}

/** Within a category, overlapping detections are one finding: keep the strongest. */
function dedupe(detections: Detection[]): Detection[] {
  const sorted = [...detections].sort((a, b) => b.strength - a.strength || a.start - b.start || b.end - a.end);
  const kept: Detection[] = [];
  for (const d of sorted) {
    if (!kept.some((k) => k.start < d.end && d.start < k.end)) kept.push(d);
  }
  return kept;
}

function quote(matched: string): string {
  const flat = matched.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_QUOTE ? flat : `${flat.slice(0, MAX_QUOTE - 1).trimEnd()}…`;
}
