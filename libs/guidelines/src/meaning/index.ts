import { readFileSync } from 'node:fs';
import path from 'node:path';
// Type only: keeps the head in the TypeScript program, so the build copies it next to this module.
import type * as HeadFile from './meaning-head.json';
import { MeaningHead, parseMeaningHead } from './head';

export { ENCODER_NAME, loadEncoder } from './encoder';
export type { SentenceEncoder } from './encoder';
export { MEANING_CLASSES, parseMeaningHead, readPostMeaning, termFeatures, termsOf } from './head';
export type { MeaningHead, MeaningReading } from './head';

/** Where the head trained by libs/guidelines/scripts/train-meaning-head.ts is kept. */
export const MEANING_HEAD_FILE = path.join(__dirname, 'meaning-head.json');

/** Reads and checks the trained head (throws when it is missing or damaged). */
export function loadMeaningHead(file = MEANING_HEAD_FILE): MeaningHead {
  return parseMeaningHead(JSON.parse(readFileSync(file, 'utf8')) as typeof HeadFile);
}
