import type { MeaningReading } from '@p2p/guidelines';
import { loadConfig } from '../platform/config/config';
import { MeaningService } from './meaning.service';

/** The service's queue, with batches answered by hand instead of by the worker thread. */
class HandAnswered extends MeaningService {
  readonly batches: { texts: string[]; answer: () => void }[] = [];

  constructor() {
    super(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/x', REDIS_URL: 'redis://127.0.0.1:6379' }));
    this.state = 'ready';
  }

  protected override readBatch(texts: string[]): Promise<MeaningReading[]> {
    return new Promise((resolve) =>
      this.batches.push({
        texts,
        answer: () => resolve(texts.map(() => ({ harm: 0, thoughts: 0, holdAt: 1, checkInAt: 1 }))),
      }),
    );
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the sentence model’s queue', () => {
  it('reads posts that arrive together in one batch', async () => {
    const m = new HandAnswered();
    const first = m.read('one');
    const rest = ['two', 'three'].map((t) => m.read(t));
    await tick();
    expect(m.batches.map((b) => b.texts)).toEqual([['one']]);
    m.batches[0].answer();
    await first;
    await tick();
    expect(m.batches.map((b) => b.texts)).toEqual([['one'], ['two', 'three']]);
    m.batches[1].answer();
    expect(await Promise.all(rest)).toHaveLength(2);
  });

  it('reads a post being written before a dry run’s month of posts, however many wait', async () => {
    const m = new HandAnswered();
    const month = Array.from({ length: 70 }, (_, i) => m.read(`old post ${i}`, { bulk: true }));
    await tick();
    // The first went at once; the other 69 wait.
    expect(m.batches.map((b) => b.texts.length)).toEqual([1]);
    const live = m.read('a post being written now');
    m.batches[0].answer();
    await tick();
    expect(m.batches[1].texts).toEqual(['a post being written now']);
    m.batches[1].answer();
    expect(await live).toBeDefined();
    for (let i = 2; i < 5; i++) {
      await tick();
      m.batches[i].answer();
    }
    expect(m.batches.map((b) => b.texts.length)).toEqual([1, 1, 32, 32, 5]);
    expect(await Promise.all(month)).toHaveLength(70);
  });
});
