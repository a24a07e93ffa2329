import { previewOf } from './preview';

describe('previewOf', () => {
  it('takes out markdown-lite marks and folds lines', () => {
    expect(previewOf('**Rough** night.\n\n- slept _badly_\n- [this helped](https://example.org)')).toBe(
      'Rough night. slept badly this helped',
    );
  });

  it('keeps a short post whole and a long one cut at a word, with an ellipsis', () => {
    expect(previewOf('Thank you all.')).toBe('Thank you all.');
    const long = 'I went to the meeting today and it was hard, but people listened and I felt heard. '.repeat(3);
    const p = previewOf(long);
    expect(p.length).toBeLessThanOrEqual(121);
    expect(p.endsWith('…')).toBe(true);
    expect(long.startsWith(p.slice(0, -1))).toBe(true);
    expect(p.slice(0, -1).endsWith(' ')).toBe(false);
  });

  it('cuts a text with no spaces at the length', () => {
    expect(previewOf('a'.repeat(300), 10)).toBe(`${'a'.repeat(10)}…`);
  });

  it('leaves a lone asterisk or underscore as written', () => {
    expect(previewOf('5 * 3 is 15, snake_case stays')).toBe('5 * 3 is 15, snake_case stays');
  });
});
