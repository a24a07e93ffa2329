import {
  DEFAULT_GUIDELINES,
  Guideline,
  GuidelineReading,
  GuidelineSet,
  SCORED_MODEL_BY_DEFAULT,
  checkText,
  validateGuidelineSet,
} from '.';

/** The defaults, with the imminent-harm-self rule reading as given (undefined: no field at all). */
const reading = (value: GuidelineReading | undefined): GuidelineSet => ({
  version: 2,
  rules: DEFAULT_GUIDELINES.rules.map((rule) =>
    rule.category === 'imminent-harm-self' && value !== undefined ? { ...rule, reading: value } : rule,
  ),
});

/** Said about suicidal thoughts with no rule phrase in them: the phrase rules publish these, the model holds them. */
const ONLY_THE_MODEL_HOLDS = [
  'I am so tired of everything. I think about dying every single night now.',
  'Another bad week. I keep thinking about suicide and I cannot shake it.',
];

describe('a community chooses how carefully the imminent-harm-self guideline reads posts', () => {
  it('the P2P defaults read the standard way, and the model stays off unless chosen', () => {
    const rule = DEFAULT_GUIDELINES.rules.find((r) => r.category === 'imminent-harm-self');
    expect(rule?.reading ?? 'standard').toBe('standard');
    expect(SCORED_MODEL_BY_DEFAULT).toBe(false);
  });

  it.each(ONLY_THE_MODEL_HOLDS)('the phrase rules alone publish "%s"', (text) => {
    expect(checkText(text, DEFAULT_GUIDELINES, { scoredModel: false }).outcome).toBe('publish');
    expect(checkText(text, DEFAULT_GUIDELINES, { scoredModel: true }).outcome).toBe('hold');
  });

  it.each(
    ONLY_THE_MODEL_HOLDS.flatMap((text) =>
      (
        [
          [undefined, undefined, 'publish'],
          ['standard', undefined, 'publish'],
          ['careful', undefined, 'hold'],
          ['careful', false, 'publish'],
          ['standard', true, 'hold'],
          [undefined, true, 'hold'],
        ] as const
      ).map(
        ([value, scoredModel, expected]) =>
          [text, value ?? 'no reading', scoredModel ?? 'not given', expected] as const,
      ),
    ),
  )('"%s" with %s and the scoredModel option %s: %s', (text, name, scoredModel, expected) => {
    const value = name === 'no reading' ? undefined : name;
    const options = scoredModel === 'not given' ? {} : { scoredModel };
    expect(checkText(text, reading(value), options).outcome).toBe(expected);
  });

  it.each(ONLY_THE_MODEL_HOLDS)('a careful hold of "%s" names the rule and the words', (text) => {
    const set: GuidelineSet = {
      version: 3,
      rules: [{ ...DEFAULT_GUIDELINES.rules[0], id: 'stay-safe', reading: 'careful' }],
    };
    const result = checkText(text, set);
    expect(result.outcome).toBe('hold');
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({ rule: 'stay-safe', category: 'imminent-harm-self', action: 'hold' });
    expect(text.slice(finding.start, finding.end)).toBe(finding.matched);
    expect(finding.matched.length).toBeGreaterThan(0);
    expect(finding.reason).toMatch(/^the whole post reads like posts that announce intent, a plan or an act/);
    expect(finding.reason).toContain(`"${finding.matched}"`);
  });

  it('a careful rule that is set to warn warns instead of holding', () => {
    const set: GuidelineSet = {
      version: 3,
      rules: [{ ...DEFAULT_GUIDELINES.rules[0], action: 'warn', reading: 'careful' }],
    };
    expect(checkText(ONLY_THE_MODEL_HOLDS[0], set).outcome).toBe('warn');
  });

  it('with two imminent-harm-self rules, only the careful one reports what the model found', () => {
    const base = DEFAULT_GUIDELINES.rules[0];
    const set: GuidelineSet = {
      version: 3,
      rules: [
        { ...base, id: 'read-carefully', reading: 'careful' },
        { ...base, id: 'read-as-usual', action: 'warn', reading: 'standard' },
      ],
    };
    const result = checkText(ONLY_THE_MODEL_HOLDS[0], set);
    expect(result.outcome).toBe('hold');
    expect(result.findings.map((f) => f.rule)).toEqual(['read-carefully']);
    // A phrase-rule finding still belongs to both.
    expect(checkText('I want to kill myself tonight.', set).findings.map((f) => f.rule)).toEqual([
      'read-carefully',
      'read-as-usual',
    ]);
  });
});

describe('validateGuidelineSet and the reading field', () => {
  const rule = (over: Partial<Record<keyof Guideline, unknown>> = {}) => ({
    id: 'stay-safe',
    category: 'imminent-harm-self',
    title: 'Keeping each other safe',
    explanation: 'A Top 3 member reads these first.',
    action: 'hold',
    ...over,
  });
  const set = (...rules: unknown[]) => ({ version: 2, rules });

  it.each([
    ['careful', rule({ reading: 'careful' }), 'careful'],
    ['standard', rule({ reading: 'standard' }), 'standard'],
    ['no reading', rule(), undefined],
  ])('accepts an imminent-harm-self rule with %s, and keeps it as sent', (_case, input, expected) => {
    const answer = validateGuidelineSet(set(input));
    expect(typeof answer).toBe('object');
    const [clean] = (answer as GuidelineSet).rules;
    expect(clean.reading).toBe(expected);
    expect(Object.hasOwn(clean, 'reading')).toBe(expected !== undefined);
  });

  it('keeps a careful reading through a round trip, as the gateway stores and reads it', () => {
    const answer = validateGuidelineSet(reading('careful')) as GuidelineSet;
    expect(validateGuidelineSet(JSON.parse(JSON.stringify(answer)))).toEqual(answer);
    expect(checkText(ONLY_THE_MODEL_HOLDS[0], answer).outcome).toBe('hold');
  });

  it.each([
    [
      'careful on an abuse rule',
      rule({ id: 'be-kind', category: 'abuse', reading: 'careful' }),
      'Rule "be-kind" has a reading, but only a rule with the category imminent-harm-self can choose how carefully it reads posts.',
    ],
    [
      'standard on a contact-details rule',
      rule({ id: 'on-the-board', category: 'contact-details', reading: 'standard' }),
      'Rule "on-the-board" has a reading, but only a rule with the category imminent-harm-self can choose how carefully it reads posts.',
    ],
    [
      'an unknown word on another category',
      rule({ id: 'no-threats', category: 'imminent-harm-others', reading: 'strict' }),
      'Rule "no-threats" has a reading, but only a rule with the category imminent-harm-self can choose how carefully it reads posts.',
    ],
    [
      'an unknown word',
      rule({ reading: 'strict' }),
      'Rule "stay-safe" has the reading "strict"; use standard or careful.',
    ],
    [
      'a capital letter',
      rule({ reading: 'Careful' }),
      'Rule "stay-safe" has the reading "Careful"; use standard or careful.',
    ],
    ['null', rule({ reading: null }), 'Rule "stay-safe" has the reading null; use standard or careful.'],
    ['a boolean', rule({ reading: true }), 'Rule "stay-safe" has the reading true; use standard or careful.'],
  ])('refuses %s in one plain sentence', (_case, input, sentence) => {
    expect(validateGuidelineSet(set(input))).toBe(sentence);
  });
});
