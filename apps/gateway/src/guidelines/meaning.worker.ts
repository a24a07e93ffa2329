/**
 * A worker thread of the sentence model (run by MeaningService through piscina): loads the
 * encoder and the trained head once, then reads batches of texts. Kept off the event loop so a
 * burst of posts never stalls the sockets. Imports the library by its path, not its alias: a
 * worker thread has no path mapping of its own.
 */
import {
  MeaningHead,
  MeaningReading,
  SentenceEncoder,
  loadEncoder,
  loadMeaningHead,
} from '../../../../libs/guidelines/src/meaning';
import { readPostMeaning } from '../../../../libs/guidelines/src/meaning/head';

let loaded: Promise<{ encoder: SentenceEncoder; head: MeaningHead }> | undefined;

export interface MeaningTask {
  texts: string[];
  /** The head to read with; the one shipped with the code when not given. */
  headFile?: string;
}

export default async function read({ texts, headFile }: MeaningTask): Promise<MeaningReading[]> {
  loaded ??= Promise.all([loadEncoder(), Promise.resolve().then(() => loadMeaningHead(headFile))]).then(
    ([encoder, head]) => ({ encoder, head }),
  );
  const { encoder, head } = await loaded;
  const embeddings = await encoder.embed(texts);
  return texts.map((text, i) => readPostMeaning(head, embeddings[i], text));
}
