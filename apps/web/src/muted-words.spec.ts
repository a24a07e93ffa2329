/// <reference types="jest" />
import { mutedWordAmong as mutedWordIn } from './muted-words';

describe('muted words', () => {
  it('match whole words and phrases in any case, with an "s" or "es" after them', () => {
    expect(mutedWordIn('The Knife was there.', ['knife'])).toBe('knife');
    expect(mutedWordIn('knifes', ['knife'])).toBe('knife');
    expect(mutedWordIn('At knifepoint', ['knife'])).toBeNull();
    expect(mutedWordIn('a bad day at the hospital, again', ['at the hospital'])).toBe('at the hospital');
    expect(mutedWordIn('Café crème', ['crème'])).toBe('crème');
    expect(mutedWordIn('cafécrème', ['crème'])).toBeNull();
  });

  it('treat the characters of a regular expression as plain text', () => {
    expect(mutedWordIn('what (a) day', ['(a)'])).toBe('(a)');
    expect(mutedWordIn('what a day', ['(a)'])).toBeNull();
    expect(mutedWordIn('c++ again', ['c++'])).toBe('c++');
    expect(mutedWordIn('anything', ['.*'])).toBeNull();
  });
});
