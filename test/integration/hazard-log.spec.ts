import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * docs/safety/hazard-log.md names, for each control, the test that shows it works. A control
 * whose test was renamed or removed is a control nobody checks any more: this fails until the
 * hazard log is brought up to date.
 */
const root = path.resolve(__dirname, '../..');
const log = readFileSync(path.join(root, 'docs/safety/hazard-log.md'), 'utf8');

/** `file` › "name", with \" for a quote inside the name. */
const references = [
  ...log.matchAll(/`([^`]+\.(?:spec|e2e-spec|browser-spec|fault-spec)\.ts)` › "((?:[^"\\]|\\.)*)"/g),
].map((m) => ({ file: m[1], name: m[2].replace(/\\"/g, '"') }));

/** A test's source with its string escapes undone, so a name can be found as written. */
const sourceOf = (file: string): string =>
  readFileSync(path.join(root, file), 'utf8').replace(/\\'/g, "'").replace(/\\"/g, '"');

describe('the hazard log', () => {
  it('names the hazards the board must control, each with its controls and residual risk', () => {
    const hazards = log.split(/^## /m).slice(1);
    const titles = hazards.map((h) => h.split('\n')[0]);
    for (const words of [
      /published, and nobody sees it/,
      /held post waits, and no Top 3 member sees it/,
      /alert outside the app leaks/,
      /Staff read private content/,
      /post is lost/,
      /false hold silences a member/,
      /alert storm/,
    ]) {
      expect(titles.some((t) => words.test(t))).toBe(true);
    }
    for (const h of hazards) {
      expect(h).toMatch(/\*\*Causes\.\*\*/);
      expect(h).toMatch(/\*\*Controls\.\*\*/);
      expect(h).toMatch(/\*\*Residual risk\.\*\*/);
    }
  });

  it('names tests', () => {
    expect(references.length).toBeGreaterThan(20);
  });

  it.each(references.map((r) => [r.file, r.name] as const))('%s has the test "%s"', (file, name) => {
    expect(existsSync(path.join(root, file))).toBe(true);
    expect(sourceOf(file)).toContain(name);
  });
});
