import { canonicalWords } from './language/canonical';
import { splitSentences } from './language/sentences';
import { checkText } from '.';

describe('reading words the way members write them', () => {
  it.each([
    ['im', 'i am'],
    ["I'm", 'i am'],
    ['I’m', 'i am'],
    ['gonna', 'going to'],
    ['wanna', 'want to'],
    ["don't", 'do not'],
    ['dont', 'do not'],
    ["can't", 'can not'],
    ["won't", 'will not'],
    ["shouldn't", 'should not'],
    ["i'll", 'i will'],
    ["it's", 'it is'],
    ['tonite', 'tonight'],
    ['tmrw', 'tomorrow'],
    ['kms', 'kill myself'],
    ['self-harm', 'self harm'],
    ['soooo', 'soo'],
  ])('%s reads as %j', (written, canonical) => {
    expect(canonicalWords(written).join(' ')).toBe(canonical);
  });

  it('reads "ill" as "I will" only where it cannot mean unwell', () => {
    expect(splitSentences('ill kill myself')[0].text).toBe('i will kill myself');
    expect(splitSentences('i feel ill today')[0].text).toBe('i feel ill today');
    expect(splitSentences('my mental health is making me ill')[0].text).toBe('my mental health is making me ill');
  });

  it('reads "my self" as "myself"', () => {
    expect(splitSentences('I want to kill my self')[0].text).toBe('i want to kill myself');
  });
});

describe('sentences keep exact offsets into the original text', () => {
  it('splits on full stops, question marks and line breaks, and maps words back', () => {
    const text = 'Hi all.\nI’m not ok?  Really not.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['hi all', 'i am not ok', 'really not']);
    const second = sentences[1];
    expect(text.slice(second.from[0], second.to[0])).toBe('I’m');
    expect(text.slice(second.start, second.end)).toBe('I’m not ok');
  });

  it('does not split inside numbers, emails or a run-on ellipsis', () => {
    const sentences = splitSentences('I paid 3.50 to sam.k@example.com and then... nothing');
    expect(sentences).toHaveLength(1);
  });

  it('keeps offsets right around emoji and letters that change length in lower case', () => {
    const text = '😢😢 İstanbul was awful. I want to die 😔';
    const finding = checkText(text).findings[0];
    expect(text.slice(finding.start, finding.end)).toBe('I want to die');
    expect(finding.matched).toBe('I want to die');
  });

  it('reads a very long run-on sentence in overlapping windows without losing what sits across a window edge', () => {
    const words = Array.from({ length: 95 }, () => 'blah');
    const text = `${words.join(' ')} and honestly i am going to kill myself tonight ${words.join(' ')}`;
    expect(checkText(text).findings[0]).toMatchObject({ matched: 'i am going to kill myself tonight' });
  });

  it('quotes only the nearby words on a pathological input', () => {
    const text = 'i '.repeat(5000) + 'want to die';
    const finding = checkText(text).findings[0];
    expect(finding.category).toBe('self-harm-thoughts');
    expect(finding.matched.length).toBeLessThan(40);
  });
});
