import { readFileSync } from 'node:fs';
import path from 'node:path';
// Type only: keeps the head in the TypeScript program, so the build copies it next to this module.
import type * as HeadFile from './meaning-head.json';
import { loadEncoder } from './encoder';
import { MeaningHead, MeaningReading, parseMeaningHead, readPostMeaning } from './head';

export { ENCODER_NAME, loadEncoder } from './encoder';
export type { SentenceEncoder } from './encoder';
export { MEANING_CLASSES, parseMeaningHead, readPostMeaning, termFeatures, termsOf } from './head';
export type { MeaningHead, MeaningReading, StoredMeaning } from './head';

/** Where the head trained by libs/guidelines/scripts/train-meaning-head.ts is kept. */
export const MEANING_HEAD_FILE = path.join(__dirname, 'meaning-head.json');

/** Reads and checks the trained head (throws when it is missing or damaged). */
export function loadMeaningHead(file = MEANING_HEAD_FILE): MeaningHead {
  return parseMeaningHead(JSON.parse(readFileSync(file, 'utf8')) as typeof HeadFile);
}

/**
 * Reads many texts in batches with the shipped encoder and head, in this thread (for scripts and
 * benchmarks; the gateway reads in its worker thread).
 */
export async function readAllTexts(texts: string[], batch = 32): Promise<MeaningReading[]> {
  const encoder = await loadEncoder();
  const head = loadMeaningHead();
  const out: MeaningReading[] = [];
  for (let i = 0; i < texts.length; i += batch) {
    const part = texts.slice(i, i + batch);
    const embeddings = await encoder.embed(part);
    part.forEach((text, j) => out.push(readPostMeaning(head, embeddings[j], text)));
  }
  return out;
}
