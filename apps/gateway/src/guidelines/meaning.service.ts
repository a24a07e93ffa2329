import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { MeaningReading, StoredMeaning } from '@p2p/guidelines';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Piscina } from 'piscina';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import type { MeaningTask } from './meaning.worker';

/** How long one reading may take, waiting included, before the rules read alone for that post. */
const READ_TIMEOUT_MS = 10_000;
/** The same for a dry run's readings, which wait behind every live post. */
const BULK_TIMEOUT_MS = 120_000;
/** Texts read together in one go: the encoder reads a batch far faster than one by one. */
const BATCH = 32;

/** What the sentence model read in a text, kept to be used again while the text is unchanged. */
export interface MeaningOf {
  text: string;
  reading: MeaningReading | undefined;
}

/** A reading as kept with a waiting post (posts.meaning), with a digest of the text it read. */
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What to keep with a post: null when the model did not read it. */
export function storedMeaning(read: MeaningOf): StoredMeaning | null {
  return read.reading ? { ...read.reading, sha256: digest(read.text) } : null;
}

/** The kept reading, if it was read from this very text; otherwise the model must read again. */
export function keptMeaning(text: string, stored: StoredMeaning | null | undefined): MeaningOf | undefined {
  if (!stored || stored.sha256 !== digest(text)) return undefined;
  const { harm, thoughts, holdAt, checkInAt } = stored;
  return { text, reading: { harm, thoughts, holdAt, checkInAt } };
}

interface Waiting {
  text: string;
  done: (reading: MeaningReading | undefined) => void;
}

export type MeaningStatus = 'off' | 'loading' | 'ready' | 'unavailable';

/**
 * The sentence model beside the guidelines' rules, in a worker thread. If it cannot load, or a
 * reading fails or takes too long, the rules read alone: it is logged loudly, /api/health says
 * so, and nothing is published because of it (a post still waits its time, and the rules still
 * hold what they hold).
 */
@Injectable()
export class MeaningService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MeaningService.name);
  private pool?: Piscina<MeaningTask, MeaningReading[]>;
  protected state: MeaningStatus = 'off';
  private why?: string;
  /** Posts being written or released now: always read first. */
  private readonly waiting: Waiting[] = [];
  /** A dry run's month of posts: read only while no live post waits. */
  private readonly bulk: Waiting[] = [];
  /** Batches being read now: at most one per worker thread. */
  private reading = 0;
  private slowSince = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get status(): { status: MeaningStatus; reason?: string } {
    return this.why ? { status: this.state, reason: this.why } : { status: this.state };
  }

  onModuleInit(): void {
    if (!this.config.guidelinesModel.on) return;
    const typescript = __filename.endsWith('.ts');
    this.pool = new Piscina<MeaningTask, MeaningReading[]>({
      filename: path.join(__dirname, `meaning.worker${typescript ? '.ts' : '.js'}`),
      maxThreads: this.config.guidelinesModel.threads,
      minThreads: this.config.guidelinesModel.threads,
      idleTimeout: Infinity,
      // From the sources (tests, scripts), the worker compiles TypeScript as the process does.
      execArgv: typescript ? ['-r', '@swc-node/register'] : [],
      env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? 'tsconfig.json' },
    });
    this.state = 'loading';
    // Loaded once at start, so the first post does not wait for it.
    this.readBatch(['hello']).then(
      () => {
        if (this.state === 'loading') this.state = 'ready';
        this.logger.log('the guidelines read with the sentence model');
      },
      (err: unknown) => this.fail(err),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.destroy();
  }

  /**
   * What the model reads in a text, or undefined when the rules must read alone. Texts that
   * arrive while a batch is being read wait and go together in the next one. `bulk` (a dry run)
   * waits behind every live post, so a preview never makes a post being written read alone.
   */
  read(text: string, options: { bulk?: boolean } = {}): Promise<MeaningReading | undefined> {
    if (this.state === 'unavailable' || this.state === 'off') return Promise.resolve(undefined);
    return new Promise((resolve) => {
      let settled = false;
      const done = (reading: MeaningReading | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(reading);
      };
      const timer = setTimeout(
        () => {
          this.slow();
          done(undefined);
        },
        options.bulk ? BULK_TIMEOUT_MS : READ_TIMEOUT_MS,
      );
      timer.unref();
      (options.bulk ? this.bulk : this.waiting).push({ text, done });
      this.pump();
    });
  }

  private pump(): void {
    while (this.reading < this.config.guidelinesModel.threads) {
      const from = this.waiting.length > 0 ? this.waiting : this.bulk;
      if (from.length === 0) return;
      this.readNext(from.splice(0, BATCH));
    }
  }

  private readNext(batch: Waiting[]): void {
    this.reading++;
    this.readBatch(batch.map((w) => w.text))
      .then(
        (readings) => {
          if (this.state === 'loading') this.state = 'ready';
          batch.forEach((w, i) => w.done(readings[i]));
        },
        (err: unknown) => {
          this.fail(err);
          batch.forEach((w) => w.done(undefined));
          [...this.waiting.splice(0), ...this.bulk.splice(0)].forEach((w) => w.done(undefined));
        },
      )
      .finally(() => {
        this.reading--;
        this.pump();
      });
  }

  /** One batch through the worker thread. */
  protected readBatch(texts: string[]): Promise<MeaningReading[]> {
    return this.pool!.run({ texts, headFile: this.config.guidelinesModel.headFile });
  }

  /** Said once a minute at most: a burst that outruns the model is one event, not a line per post. */
  private slow(): void {
    if (Date.now() - this.slowSince < 60_000) return;
    this.slowSince = Date.now();
    this.logger.warn('the sentence model is behind; posts it could not read in time are read by the rules alone');
  }

  private fail(err: unknown): void {
    this.state = 'unavailable';
    this.why = 'The sentence model could not be loaded; the guidelines are read by the rules alone.';
    this.logger.error({ err }, 'THE SENTENCE MODEL IS UNAVAILABLE: the guidelines read with the rules alone');
  }
}
