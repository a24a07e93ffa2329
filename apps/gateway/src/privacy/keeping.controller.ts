import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ErasedEntriesPolicy, KeepingView } from '@p2p/contract';
import { IsIn, IsInt, ValidateIf } from 'class-validator';
import { CurrentAuth } from '../auth/session.guard';
import { AuthContext } from '../platform/http/auth-context';
import { ApiView } from '../platform/http/openapi';
import { uuid } from '../platform/http/params';
import { KeepingService } from './keeping.service';

export class KeepingDto implements KeepingView {
  @ApiProperty({ enum: ['placeholder', 'former-member'] })
  @IsIn(['placeholder', 'former-member'])
  erasedEntries: ErasedEntriesPolicy;

  @ApiProperty({ type: Number, nullable: true, minimum: 30, maximum: 36500 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  postsDays: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 7, maximum: 36500 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  chatDays: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 90, maximum: 36500 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  logDays: number | null;
}

@ApiTags('my data')
@ApiBearerAuth()
@Controller('communities/:cid/keeping')
export class KeepingController {
  constructor(private readonly keeping: KeepingService) {}

  @Get()
  @ApiView('KeepingView')
  @ApiOperation({ summary: 'How long the community keeps posts, chat and the log’s words (members and staff).' })
  get(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.keeping.get(auth, cid);
  }

  @Put()
  @ApiView('KeepingView')
  @ApiOperation({
    summary:
      'Top 3 or staff: change how long things are kept (null keeps them), and what erasure leaves of a leaver’s ' +
      'shared entries. Logged for the meeting; applied every hour.',
  })
  set(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Body() body: KeepingDto) {
    return this.keeping.set(auth, cid, body);
  }
}
