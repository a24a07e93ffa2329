import { ensureChromium } from './chromium';

/**
 * Step of `npm test` before jest: makes sure the in-browser tests have a Chromium. It never
 * fails the run itself: without a browser every in-browser suite fails, each with the same one
 * line saying what to run, and the other tests still run.
 */
const found = ensureChromium((line) => process.stdout.write(`${line}\n`));
if (found) process.stdout.write(`In-browser tests use ${found}.\n`);
