import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Where the in-browser tests find a Chromium, and how `npm test` gets one on a machine that has
 * none: Debian's package `chromium`, installed by the test command itself when it may (root, with
 * apt). No browser is downloaded by npm or at run time.
 */

/** What to do when there is no browser and the test command could not install one. */
export const NO_BROWSER =
  'The in-browser tests need Chromium and none was found: run "sudo apt-get install chromium" (Debian, Ubuntu) or set P2P_CHROMIUM to a Chromium or Chrome binary, then npm test again.';

const WELL_KNOWN = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function runnable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** P2P_CHROMIUM when set (and then only it); else a system browser; else one Playwright installed earlier. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.P2P_CHROMIUM) return runnable(env.P2P_CHROMIUM) ? env.P2P_CHROMIUM : undefined;
  const found = WELL_KNOWN.find(runnable);
  if (found) return found;
  let playwrights: string | undefined;
  try {
    playwrights = chromium.executablePath();
  } catch {
    playwrights = undefined;
  }
  return playwrights && runnable(playwrights) ? playwrights : undefined;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Finds a Chromium, or installs Debian's when this process may (root, apt-get present, and
 * P2P_CHROMIUM not pointing elsewhere). Returns its path, or undefined with NO_BROWSER said.
 */
export function ensureChromium(say: (line: string) => void): string | undefined {
  const found = findChromium();
  if (found || process.env.P2P_CHROMIUM) {
    if (!found) say(`P2P_CHROMIUM is set to ${process.env.P2P_CHROMIUM}, which is not a program that can run.`);
    return found;
  }
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    say(NO_BROWSER);
    return undefined;
  }
  say("The in-browser tests need Chromium: installing Debian's package chromium (once; about 120 MB)...");
  const started = Date.now();
  const apt = (...args: string[]) =>
    spawnSync('apt-get', ['-q', '-y', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  const install = () => apt('install', '--no-install-recommends', 'chromium');
  // A fresh machine may have no package lists yet, or old ones.
  if (!install() && !(apt('update') && install())) {
    say(NO_BROWSER);
    return undefined;
  }
  say(`Installed Debian's chromium in ${Math.round((Date.now() - started) / 1000)} s.`);
  return findChromium();
}
