import { DEFAULT_GUIDELINES, SCORED_MODEL_BY_DEFAULT, checkText } from '..';
import { readPost } from '../language/post';
import { ScoredModel, imminentHarmSelfModel, loadScoredModel, markedWords, postFeatures, scorePost } from '.';

/** Models that score every post 1 or 0: they show what the gate and the guards alone let through. */
const ALWAYS: ScoredModel = { category: 'imminent-harm-self', threshold: 0.5, bias: 100, weights: {} };
const NEVER: ScoredModel = { category: 'imminent-harm-self', threshold: 0.5, bias: -100, weights: {} };

const withModel = (text: string, model: ScoredModel = imminentHarmSelfModel()) =>
  checkText(text, DEFAULT_GUIDELINES, { scoredModel: true, model });
const score = (text: string) => scorePost(imminentHarmSelfModel(), readPost(text).sentences);

describe('the trained model file', () => {
  it('loads, with a threshold between 0 and 1 and thousands of weights', () => {
    const IMMINENT_HARM_SELF_MODEL = imminentHarmSelfModel();
    expect(IMMINENT_HARM_SELF_MODEL.category).toBe('imminent-harm-self');
    expect(IMMINENT_HARM_SELF_MODEL.threshold).toBeGreaterThan(0);
    expect(IMMINENT_HARM_SELF_MODEL.threshold).toBeLessThan(1);
    expect(Object.keys(IMMINENT_HARM_SELF_MODEL.weights).length).toBeGreaterThan(1000);
  });

  it.each([
    ['not an object', null],
    ['another category', { category: 'abuse', threshold: 0.5, bias: 0, weights: {} }],
    ['a threshold of 1', { category: 'imminent-harm-self', threshold: 1, bias: 0, weights: {} }],
    ['no bias', { category: 'imminent-harm-self', threshold: 0.5, weights: {} }],
    [
      'a weight that is not a number',
      { category: 'imminent-harm-self', threshold: 0.5, bias: 0, weights: { die: 'x' } },
    ],
  ])('refuses a file with %s', (_what, json) => {
    expect(() => loadScoredModel(json)).toThrow(TypeError);
  });

  it('gives the same score every time, between 0 and 1', () => {
    const text = 'I have saved up my pills and I am going to take them all tonight.';
    const first = score(text);
    expect(score(text)).toBe(first);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(1);
  });

  it.each([
    ['I want to die tonight.', 'Going to the shops later, anyone want anything?'],
    ['I am going to kill myself, I have the pills ready.', 'I am not going to kill myself, I rang my sister.'],
    ['Goodbye everyone. I am done with life.', 'Art therapy today was brilliant, I made a clay owl.'],
  ])('scores "%s" above "%s"', (higher, lower) => {
    expect(score(higher)).toBeGreaterThan(score(lower));
  });
});

describe('features: words, word pairs and negation marking', () => {
  it.each([
    ['i do not want to die', ['i', 'do', 'not', '!want', '!to', '!die']],
    ['not happy , but ok', ['not', '!happy', 'but', 'ok']],
    ['never again and i mean it', ['never', '!again', 'and', 'i', 'mean', 'it']],
    ['no one would miss me', ['no', '!one', '!would', '!miss', '!me']],
    ['i want to die', ['i', 'want', 'to', 'die']],
  ])('%s', (canonical, expected) => {
    expect(markedWords(canonical.split(' '))).toEqual(expected);
  });

  it('counts word pairs within a sentence, each once per post', () => {
    const features = postFeatures(readPost('I want to die. I want to die.').sentences);
    expect(features.has('want to')).toBe(true);
    expect(features.has('to die')).toBe(true);
    expect(features.has('die i')).toBe(false);
  });
});

describe('the model can only hold a post with first-person words about dying or self-harm, taken at face value', () => {
  // Even a model that scores every post 1 must let these through: no such words, or the guards apply.
  it.each([
    ['everyday', 'Does anyone know if the bus from Maryport is running on Tuesday? Roadworks again.'],
    ['everyday', 'Art therapy today was brilliant, I made a clay owl. It is terrible. I love it.'],
    ['everyday', 'Feeling really low and empty today. Could use some company on here.'],
    ['supportive', 'Please keep going. Ring the crisis line if it gets too much.'],
    ['supportive', 'Thinking of you today. Friday was hard but you spoke really honestly.'],
    ['supportive', 'You are not alone, we are all here for you and we want you to stay.'],
    ['someone else', 'My nan died last week and I miss her so much.'],
    ['someone else', 'My friend told me "I want to die" and I did not know what to say.'],
    ['figure of speech', 'That film last night absolutely killed me, I was crying with laughter.'],
    ['figure of speech', 'I nearly died of boredom in that meeting.'],
    ['negation', 'I am not going to hurt myself, I just need to get this out of my head.'],
    ['negation', "I don't want to kill myself, I want the pain to stop."],
    ['supposition', 'If I ever wanted to die I would ring the crisis line first.'],
    ['crisis plan used', 'Had the urge to self-harm tonight but I used my crisis plan and rang my sister instead.'],
    ['long ago', 'When I first came to the community I used to cut a lot. It has been eight months now.'],
    ['no harm words', 'Lost the battle. I am done.'],
    ['no harm words', 'Sometimes I wish I could just disappear for a while.'],
  ])('%s: "%s" is published', (_kind, text) => {
    expect(withModel(text, ALWAYS).outcome).toBe('publish');
    expect(withModel(text).outcome).toBe('publish');
  });

  it.each([
    ['I keep thinking about dying lately.', 'I keep thinking about dying lately'],
    ['Work was awful. I think about my own death all the time.', 'I think about my own death all the time'],
    ['Nothing helps. Last time I went through with it.', 'Last time I went through with it'],
  ])('"%s" is held by the model when it scores high enough, quoting the sentence', (text, sentence) => {
    expect(checkText(text, DEFAULT_GUIDELINES, { scoredModel: false }).outcome).toBe('publish');
    const result = withModel(text, ALWAYS);
    expect(result.outcome).toBe('hold');
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding.rule).toBe('imminent-harm-self');
    expect(finding.matched).toBe(sentence);
    expect(text.slice(finding.start, finding.end)).toBe(finding.matched);
    expect(finding.reason).toMatch(
      /^the whole post reads like posts that announce intent, a plan or an act \(model score 1\.00\)/,
    );
    expect(finding.reason).toContain(`"${sentence}"`);
    expect(withModel(text, NEVER).outcome).toBe('publish');
  });

  it('names the words that weighed most, from the trained weights', () => {
    const model: ScoredModel = { ...ALWAYS, weights: { dying: 2, 'about dying': 3, lately: -1 } };
    const [finding] = withModel('I keep thinking about dying lately.', model).findings;
    expect(finding.reason).toContain('words weighing most here: "about dying", "dying"');
  });

  it('leaves a rule finding to speak for itself', () => {
    const result = withModel('I want to kill myself.', ALWAYS);
    expect(result.outcome).toBe('hold');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].reason).not.toContain('the whole post reads like');
  });

  it('only runs for a guideline set with an imminent-harm-self rule', () => {
    const set = { version: 1, rules: DEFAULT_GUIDELINES.rules.filter((r) => r.category !== 'imminent-harm-self') };
    expect(checkText('I keep thinking about dying lately.', set, { scoredModel: true, model: ALWAYS }).outcome).toBe(
      'publish',
    );
  });

  it('is used by default exactly when SCORED_MODEL_BY_DEFAULT says so', () => {
    const text = 'I keep thinking about dying lately.';
    expect(checkText(text)).toEqual(checkText(text, DEFAULT_GUIDELINES, { scoredModel: SCORED_MODEL_BY_DEFAULT }));
  });
});
