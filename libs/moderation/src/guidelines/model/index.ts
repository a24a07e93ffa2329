import trained from './imminent-harm-self.json';
import { loadScoredModel } from './scored';

export type { ScoredModel } from './scored';
export { detectByModel, hasFaceValueHarm, lengthScale, loadScoredModel, scorePost } from './scored';
export { markedWords, postFeatures, sentenceFeatures } from './features';

/** The model trained by libs/moderation/scripts/train-guidelines-model.ts, read once. */
export const IMMINENT_HARM_SELF_MODEL = loadScoredModel(trained);
