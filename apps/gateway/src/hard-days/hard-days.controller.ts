import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAuth } from '../auth/session.guard';
import { AuthContext } from '../platform/http/auth-context';
import { ApiView } from '../platform/http/openapi';
import { BreakDto, MutedWordsDto } from './hard-days.dto';
import { HardDaysService } from './hard-days.service';

@ApiTags('hard days')
@ApiBearerAuth()
@Controller('me')
export class HardDaysController {
  constructor(private readonly hardDays: HardDaysService) {}

  @Get('hard-days')
  @ApiView('HardDaysView')
  @ApiOperation({ summary: 'My muted words and my break, if I am taking one. Nobody else reads them.' })
  mine(@CurrentAuth() auth: AuthContext) {
    return this.hardDays.mine(auth);
  }

  @Put('muted-words')
  @ApiView('HardDaysView')
  @ApiOperation({ summary: 'Replace my muted words: entries mentioning one are folded for me.' })
  saveMutedWords(@CurrentAuth() auth: AuthContext, @Body() body: MutedWordsDto) {
    return this.hardDays.saveMutedWords(auth, body);
  }

  @Put('break')
  @ApiView('HardDaysView')
  @ApiOperation({ summary: 'Take a break until a time: no board, no emails or pushes, until then.' })
  startBreak(@CurrentAuth() auth: AuthContext, @Body() body: BreakDto) {
    return this.hardDays.startBreak(auth, body);
  }

  @Delete('break')
  @ApiView('HardDaysView')
  @ApiOperation({ summary: 'End my break now (or clear one that has ended).' })
  endBreak(@CurrentAuth() auth: AuthContext) {
    return this.hardDays.endBreak(auth);
  }
}
