import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { MeaningReading } from '@p2p/guidelines';
import path from 'node:path';
import { Piscina } from 'piscina';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { MeaningTask } from './meaning.worker';

/** How long one reading may take before the rules read alone for that post. */
const READ_TIMEOUT_MS = 5_000;

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
  private state: MeaningStatus = 'off';
  private why?: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get status(): { status: MeaningStatus; reason?: string } {
    return this.why ? { status: this.state, reason: this.why } : { status: this.state };
  }

  onModuleInit(): void {
    if (!this.config.guidelinesModel.on) return;
    const typescript = __filename.endsWith('.ts');
    this.pool = new Piscina<MeaningTask, MeaningReading[]>({
      filename: path.join(__dirname, `meaning.worker${typescript ? '.ts' : '.js'}`),
      maxThreads: 1,
      minThreads: 1,
      idleTimeout: Infinity,
      // From the sources (tests, scripts), the worker compiles TypeScript as the process does.
      execArgv: typescript ? ['-r', '@swc-node/register'] : [],
      env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? 'tsconfig.json' },
    });
    this.state = 'loading';
    // Loaded once at start, so the first post does not wait for it.
    this.pool.run({ texts: ['hello'], headFile: this.config.guidelinesModel.headFile }).then(
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

  /** What the model reads in a text, or undefined when the rules must read alone. */
  async read(text: string): Promise<MeaningReading | undefined> {
    if (!this.pool || this.state === 'unavailable' || this.state === 'off') return undefined;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), READ_TIMEOUT_MS);
    try {
      const [reading] = await this.pool.run(
        { texts: [text], headFile: this.config.guidelinesModel.headFile },
        { signal: abort.signal },
      );
      if (this.state === 'loading') this.state = 'ready';
      return reading;
    } catch (err) {
      if (abort.signal.aborted) {
        this.logger.warn('the sentence model took too long; the rules read this post alone');
        return undefined;
      }
      this.fail(err);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(err: unknown): void {
    this.state = 'unavailable';
    this.why = 'The sentence model could not be loaded; the guidelines are read by the rules alone.';
    this.logger.error({ err }, 'THE SENTENCE MODEL IS UNAVAILABLE: the guidelines read with the rules alone');
  }
}
