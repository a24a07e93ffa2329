import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/session.guard';
import { CommunitiesRepository } from '../communities/communities.repository';
import { MeaningService, MeaningStatus } from '../guidelines/meaning.service';
import { REDIS } from '../platform/redis/redis';

class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['ok', 'down'] }) db: 'ok' | 'down';
  @ApiProperty({ enum: ['ok', 'down'] }) redis: 'ok' | 'down';
  @ApiProperty({
    enum: ['ready', 'loading', 'unavailable', 'off'],
    description:
      'The sentence model the guidelines read with beside the rules. unavailable: it could not load, and the rules read alone (the board still serves).',
  })
  guidelinesModel: MeaningStatus;
  @ApiProperty({
    description:
      "How many communities have only the national crisis lines, no contact of their own (such as a local crisis team). The operator's cue to ask them to add one; counted at most once a minute.",
  })
  communitiesWithoutLocalContact: number;
}

/** How long the count of communities without a local contact is kept between health checks. */
const CONTACTS_COUNT_MS = 60_000;

const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly meaning: MeaningService,
    private readonly communities: CommunitiesRepository,
  ) {}

  private contactsCount: { n: number; at: number } | null = null;

  /** Counted at most once a minute: health is polled often, and the answer changes rarely. */
  private async withoutLocalContact(): Promise<number> {
    if (this.contactsCount && Date.now() - this.contactsCount.at < CONTACTS_COUNT_MS) return this.contactsCount.n;
    const n = (await within(2000, this.communities.withoutLocalContact())).length;
    this.contactsCount = { n, at: Date.now() };
    return n;
  }

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'Whether the database and Redis answer (503 when not), whether the guidelines read with their model, and how many communities have no crisis contact of their own.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [db, redis] = await Promise.all([
      within(2000, this.db.query('SELECT 1')).then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      within(2000, this.redis.ping()).then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
    ]);
    const ok = db === 'ok' && redis === 'ok';
    res.status(ok ? 200 : 503);
    const withoutLocal = db === 'ok' ? await this.withoutLocalContact().catch(() => this.contactsCount?.n ?? 0) : 0;
    return {
      status: ok ? 'ok' : 'unavailable',
      db,
      redis,
      guidelinesModel: this.meaning.status.status,
      communitiesWithoutLocalContact: withoutLocal,
    };
  }
}
