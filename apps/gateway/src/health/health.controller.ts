import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/session.guard';
import { MeaningService, MeaningStatus } from '../guidelines/meaning.service';
import { REDIS } from '../redis/redis';

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
}

const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly meaning: MeaningService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Whether the database and Redis answer (503 when not), and whether the guidelines read with their model.',
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
    return { status: ok ? 'ok' : 'unavailable', db, redis, guidelinesModel: this.meaning.status.status };
  }
}
