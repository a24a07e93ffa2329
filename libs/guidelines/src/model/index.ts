import { readFileSync } from 'node:fs';
import path from 'node:path';
// Type only: keeps the weights file in the TypeScript program, so the build still copies it next
// to this module, without parsing its weights (about 380 kB) when the module is imported.
import type * as TrainedFile from './imminent-harm-self.json';
import { ScoredModel, loadScoredModel } from './scored';

export type { ScoredModel } from './scored';
export { detectByModel, hasFaceValueHarm, lengthScale, loadScoredModel, scorePost } from './scored';
export { markedWords, postFeatures, sentenceFeatures } from './features';

/** Where the model trained by libs/guidelines/scripts/train-guidelines-model.ts is kept. */
export const IMMINENT_HARM_SELF_MODEL_FILE = path.join(__dirname, 'imminent-harm-self.json');

let trained: ScoredModel | undefined;

/**
 * The model trained by libs/guidelines/scripts/train-guidelines-model.ts, read and checked on
 * first use (the model is off by default, so most processes never pay for its weights), then kept.
 */
export function imminentHarmSelfModel(): ScoredModel {
  trained ??= loadScoredModel(JSON.parse(readFileSync(IMMINENT_HARM_SELF_MODEL_FILE, 'utf8')) as typeof TrainedFile);
  return trained;
}

/** Whether the trained model has been read yet (for tests: importing must not read it). */
export function imminentHarmSelfModelLoaded(): boolean {
  return trained !== undefined;
}
