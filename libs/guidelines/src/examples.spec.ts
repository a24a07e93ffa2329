import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CheckResult, DEFAULT_GUIDELINES, GuidelineCategory, GuidelineSet, checkText } from '.';

interface Example {
  id: string;
  text: string;
  expect: 'publish' | 'warn' | 'hold';
  category: GuidelineCategory | null;
}

/** A copy of ../shared/eval/guidelines-examples.jsonl, kept in the repo so the tests read nothing outside it. */
const examples: Example[] = readFileSync(path.join(__dirname, '../test-data/guidelines-examples.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Example);

/** The defaults, with the imminent-harm-self rule reading carefully (the scored model beside the rules). */
const CAREFUL: GuidelineSet = {
  version: 2,
  rules: DEFAULT_GUIDELINES.rules.map((rule) =>
    rule.category === 'imminent-harm-self' ? { ...rule, reading: 'careful' } : rule,
  ),
};

/** The category of the finding that decided the outcome. */
function deciding(result: CheckResult): GuidelineCategory | null {
  if (result.outcome === 'publish') return null;
  return result.findings.find((f) => f.action === result.outcome)?.category ?? null;
}

describe('every written example gets the outcome and category a P2P community would give', () => {
  it('has all thirty examples', () => {
    expect(examples).toHaveLength(30);
  });

  it.each(
    examples.flatMap((e) =>
      [false, true].map(
        (scoredModel) => [e.id, e.expect, e.category ?? '-', scoredModel ? 'with' : 'without', e] as const,
      ),
    ),
  )('%s: %s (%s), %s the scored model', (_id, expected, _category, model, example) => {
    const result = checkText(example.text, DEFAULT_GUIDELINES, { scoredModel: model === 'with' });
    expect(result.outcome).toBe(expected);
    expect(deciding(result)).toBe(example.category);
  });

  it.each(examples.map((e) => [e.id, e.expect, e.category ?? '-', e] as const))(
    "%s: %s (%s), read carefully by the community's own choice",
    (_id, expected, _category, example) => {
      const result = checkText(example.text, CAREFUL);
      expect(result.outcome).toBe(expected);
      expect(deciding(result)).toBe(example.category);
    },
  );

  it.each(examples.filter((e) => e.expect !== 'publish').map((e) => [e.id, e] as const))(
    '%s: every finding quotes the exact words that triggered it',
    (_id, example) => {
      const { findings } = checkText(example.text);
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) {
        expect(example.text.slice(finding.start, finding.end)).toBe(finding.matched);
        expect(finding.matched.trim()).toBe(finding.matched);
        expect(finding.reason).toContain(`"${finding.matched.replace(/\s+/g, ' ')}"`);
      }
    },
  );
});
