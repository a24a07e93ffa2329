export * from './types';
export { DEFAULT_GUIDELINES, withEveryCategory } from './defaults';
export { validateGuidelineSet, GUIDELINE_LIMITS } from './validate';
export { checkText, needsCheckIn, SCORED_MODEL_BY_DEFAULT } from './check';
export type { CheckOptions } from './check';
export { checkJsonl } from './jsonl';
export type { JsonlSummary } from './jsonl';
export {
  ENCODER_NAME,
  MEANING_HEAD_FILE,
  loadEncoder,
  loadMeaningHead,
  readAllTexts,
  readPostMeaning,
} from './meaning';
export type { MeaningHead, MeaningReading, SentenceEncoder, StoredMeaning } from './meaning';
