import {
  GUIDELINE_ACTIONS,
  GUIDELINE_CATEGORIES,
  GUIDELINE_READINGS,
  Guideline,
  GuidelineSet,
  READING_CATEGORY,
} from './types';

export const GUIDELINE_LIMITS = Object.freeze({
  maxRules: 50,
  maxIdLength: 64,
  maxTitleLength: 120,
  maxExplanationLength: 1000,
});

const ID_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks a guideline set sent by a community (or read back from storage). Returns a clean copy of
 * the set, or one plain sentence saying what is wrong, fit to show to the Top 3 member editing it.
 */
export function validateGuidelineSet(input: unknown): GuidelineSet | string {
  if (!isRecord(input)) return 'The guidelines must be an object with a version and a list of rules.';
  const { version, rules } = input;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return 'The guidelines need a version that is a whole number of 1 or more.';
  }
  if (!Array.isArray(rules)) return 'The guidelines need a list of rules.';
  if (rules.length === 0) return 'The guidelines need at least one rule.';
  if (rules.length > GUIDELINE_LIMITS.maxRules) {
    return `The guidelines can have at most ${GUIDELINE_LIMITS.maxRules} rules; this set has ${rules.length}.`;
  }
  const seen = new Set<string>();
  const clean: Guideline[] = [];
  for (let i = 0; i < rules.length; i++) {
    const problem = ruleProblem(rules[i], i + 1, seen);
    if (typeof problem === 'string') return problem;
    seen.add(problem.id);
    clean.push(problem);
  }
  return { version, rules: clean };
}

function ruleProblem(rule: unknown, n: number, seen: Set<string>): Guideline | string {
  if (!isRecord(rule)) return `Rule ${n} must be an object with an id, category, title, explanation and action.`;
  const { id, category, title, explanation, action, reading } = rule;
  if (typeof id !== 'string' || id.trim() === '') return `Rule ${n} needs an id.`;
  if (id.length > GUIDELINE_LIMITS.maxIdLength) {
    return `Rule ${n} has an id longer than ${GUIDELINE_LIMITS.maxIdLength} characters.`;
  }
  if (!ID_SHAPE.test(id)) {
    return `Rule ${n} has the id "${id}"; ids use lower-case letters, digits and single hyphens, like "contact-details".`;
  }
  if (seen.has(id)) return `Two rules have the id "${id}"; each rule needs its own id.`;
  if (typeof category !== 'string' || !(GUIDELINE_CATEGORIES as readonly string[]).includes(category)) {
    return `Rule "${id}" has the category ${JSON.stringify(category ?? null)}, which the checker does not know; use one of ${GUIDELINE_CATEGORIES.join(', ')}.`;
  }
  if (typeof action !== 'string' || !(GUIDELINE_ACTIONS as readonly string[]).includes(action)) {
    return `Rule "${id}" has the action ${JSON.stringify(action ?? null)}; use hold, warn, check-in or allow.`;
  }
  if (typeof title !== 'string' || title.trim() === '') return `Rule "${id}" needs a title.`;
  if (title.length > GUIDELINE_LIMITS.maxTitleLength) {
    return `Rule "${id}" has a title longer than ${GUIDELINE_LIMITS.maxTitleLength} characters.`;
  }
  if (typeof explanation !== 'string' || explanation.trim() === '') return `Rule "${id}" needs an explanation.`;
  if (explanation.length > GUIDELINE_LIMITS.maxExplanationLength) {
    return `Rule "${id}" has an explanation longer than ${GUIDELINE_LIMITS.maxExplanationLength} characters.`;
  }
  if (reading !== undefined && category !== READING_CATEGORY) {
    return `Rule "${id}" has a reading, but only a rule with the category ${READING_CATEGORY} can choose how carefully it reads posts.`;
  }
  if (reading !== undefined && !(GUIDELINE_READINGS as readonly unknown[]).includes(reading)) {
    return `Rule "${id}" has the reading ${JSON.stringify(reading)}; use standard or careful.`;
  }
  return {
    id,
    category: category as Guideline['category'],
    title: title.trim(),
    explanation: explanation.trim(),
    action: action as Guideline['action'],
    // Kept only when given, so a set written before readings existed reads back unchanged.
    ...(reading !== undefined && { reading: reading as Guideline['reading'] }),
  };
}
