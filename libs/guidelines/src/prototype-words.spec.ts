import { checkText } from '.';

/** Found by the property test over HTTP: "constructor" as a post crashed the checker (a 500). */
describe('words that are also names of JavaScript object members', () => {
  const names = Object.getOwnPropertyNames(Object.prototype);
  it.each(names)('"%s" is just a word', (name) => {
    expect(checkText(name).outcome).toBe('publish');
    expect(checkText(`I was thinking about ${name} and ${name}'s meaning today.`).outcome).toBe('publish');
    expect(checkText(`${name.toUpperCase()} ${name}-${name}`).outcome).toBe('publish');
  });
});
