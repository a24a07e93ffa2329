/**
 * The trained head: a multinomial logistic regression over three classes (harm: intent, a plan,
 * an act or a goodbye; thoughts: hard thoughts without them; other), reading the sentence
 * encoder's embedding of a post beside the post's own words and word pairs (TF-IDF), with the
 * thresholds chosen when it was trained. The words sharpen what the embedding only sketches
 * (measured: at the same 90% of harm posts found, a third as many other posts scored as harm).
 * Trained by libs/guidelines/scripts/train-meaning-head.ts; its file says on what data.
 */
export const MEANING_CLASSES = ['harm', 'thoughts', 'other'] as const;

export interface MeaningHead {
  classes: typeof MEANING_CLASSES;
  /** The embedding's dimensions; the words' features follow them. */
  dimensions: number;
  /** Words and word pairs, with their inverse document frequency in the training posts. */
  terms: string[];
  idf: number[];
  /** Per-feature mean and standard deviation of the training posts (embedding, then terms). */
  mean: number[];
  std: number[];
  /** One row of weights per class (one per feature), then one bias per class. */
  weights: number[][];
  bias: number[];
  /** harm at or above this holds; harm + thoughts at or above checkInAt checks in. */
  holdAt: number;
  checkInAt: number;
  trainedOn: { data: string; sha256: string; rows: number; encoder: string };
}

/** What the model makes of one text: the probability of each class, and the head's thresholds. */
export interface MeaningReading {
  harm: number;
  thoughts: number;
  holdAt: number;
  checkInAt: number;
}

/** A reading kept with a post: valid only for the text whose SHA-256 it carries. */
export type StoredMeaning = MeaningReading & { sha256: string };

/** Checks a head read from disk, so that a damaged file fails loudly instead of scoring nonsense. */
export function parseMeaningHead(raw: unknown): MeaningHead {
  const h = raw as MeaningHead;
  const ok =
    typeof h === 'object' &&
    h !== null &&
    Array.isArray(h.mean) &&
    Array.isArray(h.std) &&
    Array.isArray(h.weights) &&
    Array.isArray(h.bias) &&
    h.weights.length === MEANING_CLASSES.length &&
    h.bias.length === MEANING_CLASSES.length &&
    Array.isArray(h.terms) &&
    Array.isArray(h.idf) &&
    h.terms.length === h.idf.length &&
    h.mean.length === h.dimensions + h.terms.length &&
    h.std.length === h.mean.length &&
    h.weights.every((w) => Array.isArray(w) && w.length === h.mean.length) &&
    typeof h.holdAt === 'number' &&
    typeof h.checkInAt === 'number';
  if (!ok) throw new Error('The guidelines model head is damaged: retrain it with train-meaning-head.ts.');
  return h;
}

/** A post's words and neighbouring word pairs, lower-cased: what the TF-IDF features count. */
export function termsOf(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .match(/[a-z0-9']+/g);
  if (!words) return [];
  const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  return [...words, ...pairs];
}

/** Each head's terms by position, built once per head (a head has thousands of terms). */
const termIndexes = new WeakMap<readonly string[], Map<string, number>>();

/** TF-IDF over the head's terms, scaled to unit length; zero where the post has none of them. */
export function termFeatures(terms: readonly string[], idf: readonly number[], text: string): number[] {
  let index = termIndexes.get(terms);
  if (!index) {
    index = new Map(terms.map((t, i) => [t, i]));
    termIndexes.set(terms, index);
  }
  const v = new Array<number>(terms.length).fill(0);
  for (const t of termsOf(text)) {
    const i = index.get(t);
    if (i !== undefined) v[i] += idf[i];
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

/** The head's reading of a post, from its embedding and its text. */
export function readPostMeaning(head: MeaningHead, embedding: ArrayLike<number>, text: string): MeaningReading {
  if (embedding.length !== head.dimensions) {
    throw new Error(`The embedding has ${embedding.length} dimensions; the head expects ${head.dimensions}.`);
  }
  const features = [...Array.from(embedding), ...termFeatures(head.terms, head.idf, text)];
  const z = head.weights.map((w, c) => {
    let s = head.bias[c];
    for (let k = 0; k < features.length; k++) s += w[k] * ((features[k] - head.mean[k]) / head.std[k]);
    return s;
  });
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return { harm: e[0] / sum, thoughts: e[1] / sum, holdAt: head.holdAt, checkInAt: head.checkInAt };
}
