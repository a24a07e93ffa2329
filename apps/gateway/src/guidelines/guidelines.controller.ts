import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsArray, IsString, Length } from 'class-validator';
import { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/session.guard';
import { uuid } from '../common/params';
import { GuidelinesService } from './guidelines.service';

class CheckDto {
  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  text: string;
}

class GuidelinesDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every rule: { id, category, title, explanation, action: hold | warn | allow }.',
  })
  @IsArray()
  rules: unknown[];
}

@ApiTags('guidelines')
@ApiBearerAuth()
@Controller('communities/:cid/guidelines')
export class GuidelinesController {
  constructor(private readonly guidelines: GuidelinesService) {}

  @Get()
  @ApiOperation({ summary: "The community's guidelines in force, with their version." })
  get(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.guidelines.get(auth, cid);
  }

  @Put()
  @ApiOperation({ summary: 'Top 3: change the guidelines. Makes a new version; the change is logged.' })
  put(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Body() body: GuidelinesDto) {
    return this.guidelines.replace(auth, cid, body.rules);
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'What the guidelines would do with a text, and why (used while composing).' })
  check(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Body() body: CheckDto) {
    return this.guidelines.check(auth, cid, body.text);
  }
}
