import { DEFAULT_GUIDELINES, checkText, needsCheckIn } from '..';
import {
  MeaningHead,
  MeaningReading,
  loadMeaningHead,
  parseMeaningHead,
  readPostMeaning,
  termFeatures,
  termsOf,
} from '.';

const reading = (harm: number, thoughts: number): MeaningReading => ({ harm, thoughts, holdAt: 0.6, checkInAt: 0.5 });

describe('the sentence model beside the rules', () => {
  it('holds what it reads as intent when no rule did, and says it was the model', () => {
    const text = 'done. bridge after work. not sorry.';
    expect(checkText(text).outcome).toBe('publish');
    const result = checkText(text, DEFAULT_GUIDELINES, { meaning: reading(0.9, 0.05) });
    expect(result.outcome).toBe('hold');
    expect(result.findings[0]).toMatchObject({ category: 'imminent-harm-self', start: 0, end: text.length });
    expect(result.findings[0].reason).toMatch(/^the sentence model reads intent, a plan or an act \(90% sure\)/);
  });

  it('checks in on what it reads as hard thoughts, and publishes it', () => {
    const result = checkText('Some days I just feel like a ghost here.', DEFAULT_GUIDELINES, {
      meaning: reading(0.2, 0.5),
    });
    expect(result.outcome).toBe('check-in');
    expect(needsCheckIn(result)).toBe(true);
  });

  it('adds nothing below its thresholds, or where a rule of the category already spoke', () => {
    expect(checkText('Lovely walk today.', DEFAULT_GUIDELINES, { meaning: reading(0.3, 0.1) }).outcome).toBe('publish');
    const ruled = checkText("I'm going to jump off the bridge after work.", DEFAULT_GUIDELINES, {
      meaning: reading(0.99, 0),
    });
    expect(ruled.findings.filter((f) => f.category === 'imminent-harm-self')).toHaveLength(1);
    expect(ruled.findings[0].reason).not.toMatch(/sentence model/);
  });

  it('follows the community: without an imminent-harm-self rule, what it reads as intent is checked in', () => {
    const set = { version: 2, rules: DEFAULT_GUIDELINES.rules.filter((r) => r.category !== 'imminent-harm-self') };
    expect(checkText('done. bridge after work.', set, { meaning: reading(0.9, 0) }).outcome).toBe('check-in');
    const none = { version: 3, rules: DEFAULT_GUIDELINES.rules.filter((r) => r.category === 'abuse') };
    expect(checkText('done. bridge after work.', none, { meaning: reading(0.9, 0) }).outcome).toBe('publish');
  });
});

describe('the trained head', () => {
  it('is the one the training script wrote, and reads an embedding and a text', () => {
    const head = loadMeaningHead();
    expect(head.trainedOn.data).toMatch(/board-posts\.jsonl \(split tuning\)/);
    const r = readPostMeaning(head, new Array<number>(head.dimensions).fill(0), 'hello there');
    expect(r.harm + r.thoughts).toBeLessThanOrEqual(1);
    expect(r.holdAt).toBe(head.holdAt);
  });

  it('refuses a damaged head and an embedding of the wrong size', () => {
    expect(() => parseMeaningHead({ dimensions: 3 })).toThrow(/damaged/);
    const head = loadMeaningHead();
    expect(() => readPostMeaning(head, [1, 2, 3], 'x')).toThrow(/512/);
  });

  it('counts words and neighbouring pairs, lower-cased, with curly apostrophes made plain', () => {
    expect(termsOf('I’m done. Done!')).toEqual(["i'm", 'done', 'done', "i'm done", 'done done']);
    const f = termFeatures(['done', 'tonight'], [1, 2], 'done done');
    expect(f).toEqual([1, 0]);
  });

  it('the smallest possible head reads one class surely', () => {
    const head: MeaningHead = {
      classes: ['harm', 'thoughts', 'other'],
      dimensions: 2,
      terms: [],
      idf: [],
      mean: [0, 0],
      std: [1, 1],
      weights: [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      bias: [10, 0, 0],
      holdAt: 0.5,
      checkInAt: 0.5,
      trainedOn: { data: 'test', sha256: '', rows: 0, encoder: 'test' },
    };
    expect(readPostMeaning(parseMeaningHead(head), [0, 0], 'x').harm).toBeGreaterThan(0.99);
  });
});
