import {
  DEFAULT_GUIDELINES,
  Guideline,
  GuidelineAction,
  GuidelineCategory,
  GuidelineSet,
  checkText,
  validateGuidelineSet,
  needsCheckIn,
  withEveryCategory,
} from '.';

const withActions = (actions: Partial<Record<GuidelineCategory, GuidelineAction>>): GuidelineSet => ({
  version: 2,
  rules: DEFAULT_GUIDELINES.rules.map((rule) => ({ ...rule, action: actions[rule.category] ?? rule.action })),
});

describe('the P2P defaults', () => {
  it('hold harm, self-harm accounts and abuse, check in on hard thoughts, and warn about contact details', () => {
    const actions = Object.fromEntries(DEFAULT_GUIDELINES.rules.map((r) => [r.id, r.action]));
    expect(DEFAULT_GUIDELINES.version).toBe(1);
    expect(actions).toEqual({
      'imminent-harm-self': 'hold',
      'self-harm-thoughts': 'check-in',
      'imminent-harm-others': 'hold',
      'self-harm-account': 'hold',
      'contact-details': 'warn',
      abuse: 'hold',
    });
  });

  it('are a valid set, worded without stigmatising words', () => {
    expect(validateGuidelineSet(DEFAULT_GUIDELINES)).toEqual(DEFAULT_GUIDELINES);
    for (const rule of DEFAULT_GUIDELINES.rules) {
      expect(`${rule.title} ${rule.explanation}`).not.toMatch(/violat|banned|patient|disorder|reject/i);
    }
  });

  it('cannot be changed by accident', () => {
    expect(() => {
      DEFAULT_GUIDELINES.rules[0].action = 'allow';
    }).toThrow();
  });
});

describe("a community's choice of action decides what a finding does", () => {
  const insult = "You're pathetic, nobody in this group can stand you.";

  it('abuse set to warn warns instead of holding', () => {
    const result = checkText(insult, withActions({ abuse: 'warn' }));
    expect(result.outcome).toBe('warn');
    expect(result.findings.every((f) => f.action === 'warn' && f.rule === 'abuse')).toBe(true);
  });

  it('abuse set to allow publishes, and still reports the finding', () => {
    const result = checkText(insult, withActions({ abuse: 'allow' }));
    expect(result.outcome).toBe('publish');
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings[0]).toMatchObject({ category: 'abuse', action: 'allow' });
  });

  it('contact details set to hold hold', () => {
    expect(checkText('text me on 07700 900123', withActions({ 'contact-details': 'hold' })).outcome).toBe('hold');
  });

  it('a category the community has no rule for is not looked for', () => {
    const set: GuidelineSet = { version: 3, rules: DEFAULT_GUIDELINES.rules.filter((r) => r.category !== 'abuse') };
    expect(checkText(insult, set)).toEqual({ outcome: 'publish', findings: [] });
  });

  it("findings carry the community's own rule id", () => {
    const set: GuidelineSet = {
      version: 4,
      rules: [{ id: 'be-kind', category: 'abuse', title: 'Be kind', explanation: 'Please be kind.', action: 'hold' }],
    };
    expect(checkText(insult, set).findings[0]).toMatchObject({ rule: 'be-kind', category: 'abuse', action: 'hold' });
  });

  it('hold outranks warn, and the strongest finding comes first', () => {
    const text = 'Text me on 07700 900123. I want to kill myself tonight.';
    const result = checkText(text);
    expect(result.outcome).toBe('hold');
    expect(result.findings.map((f) => f.action)).toEqual(['hold', 'warn', 'warn']);
    expect(result.findings.map((f) => f.matched)).toEqual(['I want to kill myself tonight', '07700 900123', 'Text me']);
    expect(result.findings[0]).toMatchObject({
      category: 'imminent-harm-self',
      matched: 'I want to kill myself tonight',
    });
    expect(result.findings[0].reason).toBe('intent with a timeframe: "I want to kill myself tonight"');
  });

  it('an allow finding never changes the outcome', () => {
    const result = checkText('Text me on 07700 900123', withActions({ 'contact-details': 'allow' }));
    expect(result.outcome).toBe('publish');
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((f) => f.action === 'allow')).toBe(true);
  });

  it('refuses a set it cannot read rather than publishing unchecked', () => {
    const set = {
      version: 1,
      rules: [{ ...DEFAULT_GUIDELINES.rules[0], category: 'spam' }],
    } as unknown as GuidelineSet;
    expect(() => checkText('hello', set)).toThrow(/validateGuidelineSet/);
  });

  it('empty text publishes with no findings', () => {
    expect(checkText('   ')).toEqual({ outcome: 'publish', findings: [] });
  });
});

describe('validateGuidelineSet', () => {
  const rule = (over: Partial<Record<keyof Guideline, unknown>> = {}) => ({
    id: 'be-kind',
    category: 'abuse',
    title: 'Be kind',
    explanation: 'Please be kind to each other.',
    action: 'warn',
    ...over,
  });
  const set = (rules: unknown, version: unknown = 1) => ({ version, rules });

  it('returns a clean copy of a good set', () => {
    expect(validateGuidelineSet(set([rule({ title: '  Be kind  ' })]))).toEqual({
      version: 1,
      rules: [
        {
          id: 'be-kind',
          category: 'abuse',
          title: 'Be kind',
          explanation: 'Please be kind to each other.',
          action: 'warn',
        },
      ],
    });
  });

  it.each([
    ['not an object', 'rules', 'must be an object'],
    ['no version', { rules: [rule()] }, 'version'],
    ['version 0', set([rule()], 0), 'version'],
    ['a fractional version', set([rule()], 1.5), 'version'],
    ['no rules list', { version: 1 }, 'list of rules'],
    ['an empty set', set([]), 'at least one rule'],
    ['more than 50 rules', set(Array.from({ length: 51 }, (_, i) => rule({ id: `rule-${i}` }))), 'at most 50 rules'],
    ['a rule that is not an object', set(['abuse']), 'Rule 1 must be an object'],
    ['a missing id', set([rule({ id: '' })]), 'needs an id'],
    ['an id with spaces', set([rule({ id: 'Be Kind' })]), 'lower-case letters'],
    ['an over-long id', set([rule({ id: 'a'.repeat(65) })]), 'longer than 64'],
    ['a duplicate id', set([rule(), rule({ category: 'contact-details' })]), 'Two rules have the id "be-kind"'],
    ['an unknown category', set([rule({ category: 'spam' })]), 'category "spam", which the checker does not know'],
    ['a bad action', set([rule({ action: 'ban' })]), 'the action "ban"; use hold, warn, check-in or allow'],
    ['a missing title', set([rule({ title: ' ' })]), 'needs a title'],
    ['an over-long title', set([rule({ title: 'x'.repeat(121) })]), 'title longer than 120'],
    ['a missing explanation', set([rule({ explanation: undefined })]), 'needs an explanation'],
    ['an over-long explanation', set([rule({ explanation: 'x'.repeat(1001) })]), 'explanation longer than 1000'],
  ])('explains in one sentence what is wrong: %s', (_case, input, words) => {
    const answer = validateGuidelineSet(input);
    expect(typeof answer).toBe('string');
    expect(answer).toContain(words);
    expect(answer as string).toMatch(/^[A-Z].*\.$/);
  });

  it('allows two rules for the same category (each reports its own findings)', () => {
    const answer = validateGuidelineSet(set([rule(), rule({ id: 'no-insults', action: 'hold' })]));
    expect(typeof answer).toBe('object');
    const result = checkText('You are pathetic.', answer as GuidelineSet);
    expect(result.outcome).toBe('hold');
    expect(result.findings.map((f) => f.rule).sort()).toEqual(['be-kind', 'no-insults']);
  });
});

describe('a set stored before hard thoughts had a rule of their own', () => {
  const old: GuidelineSet = {
    version: 4,
    rules: DEFAULT_GUIDELINES.rules.filter((r) => r.category !== 'self-harm-thoughts'),
  };

  it('reads a wish to be dead as it did then: under the imminent-harm-self rule', () => {
    const upgraded = withEveryCategory(old);
    expect(upgraded.version).toBe(4);
    expect(upgraded.rules.map((r) => r.id)).toEqual(DEFAULT_GUIDELINES.rules.map((r) => r.id));
    expect(upgraded.rules.find((r) => r.category === 'self-harm-thoughts')?.action).toBe('hold');
    expect(checkText('I wish I was dead.', upgraded).outcome).toBe('hold');
  });

  it('follows what the community chose for imminent-harm-self', () => {
    const relaxed = {
      ...old,
      rules: old.rules.map((r) => (r.id === 'imminent-harm-self' ? { ...r, action: 'allow' as const } : r)),
    };
    expect(withEveryCategory(relaxed).rules.find((r) => r.category === 'self-harm-thoughts')?.action).toBe('allow');
  });

  it('leaves a set that has every category, or no imminent-harm-self rule, as it is', () => {
    expect(withEveryCategory(DEFAULT_GUIDELINES)).toBe(DEFAULT_GUIDELINES);
    const small = { version: 2, rules: old.rules.filter((r) => r.category === 'abuse') };
    expect(withEveryCategory(small)).toBe(small);
  });
});

describe('check-in', () => {
  it('a post with hard thoughts and contact details is warned about first, and checked in once sent', () => {
    const result = checkText('I wish I was dead. Text me on 07700 900123 if you want.');
    expect(result.outcome).toBe('warn');
    expect(needsCheckIn(result)).toBe(true);
  });

  it('an everyday post is not checked in', () => {
    expect(needsCheckIn(checkText('Lovely walk by the river today.'))).toBe(false);
  });
});
