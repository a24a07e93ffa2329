import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { READING_MEASURED } from '@p2p/contract';
import { GUIDELINE_ACTIONS, GUIDELINE_CATEGORIES, GUIDELINE_LIMITS, GUIDELINE_READINGS } from '@p2p/guidelines';
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

/** What one rule looks like; the rules themselves are checked by validateGuidelineSet, in one sentence. */
const RULE_SCHEMA = {
  type: 'object',
  required: ['id', 'category', 'title', 'explanation', 'action'],
  properties: {
    id: { type: 'string', maxLength: GUIDELINE_LIMITS.maxIdLength, example: 'imminent-harm-self' },
    category: { type: 'string', enum: [...GUIDELINE_CATEGORIES] },
    title: { type: 'string', maxLength: GUIDELINE_LIMITS.maxTitleLength },
    explanation: { type: 'string', maxLength: GUIDELINE_LIMITS.maxExplanationLength },
    action: { type: 'string', enum: [...GUIDELINE_ACTIONS] },
    reading: {
      type: 'string',
      enum: [...GUIDELINE_READINGS],
      description:
        'Only on the imminent-harm-self rule: how carefully it reads posts. standard (or left out): the phrase ' +
        `rules alone. careful: a scored model reads beside them: fewer missed, and more posts waiting for the Top 3. ${READING_MEASURED}`,
    },
  },
};

class GuidelinesDto {
  @ApiProperty({
    type: 'array',
    items: RULE_SCHEMA,
    maxItems: GUIDELINE_LIMITS.maxRules,
    description:
      'Every rule: { id, category, title, explanation, action: hold | warn | allow }, and on the ' +
      'imminent-harm-self rule an optional reading: standard | careful.',
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
  @ApiOperation({
    summary: 'Top 3: change the guidelines. Makes a new version; the change is logged.',
    description:
      'Send every rule. The imminent-harm-self rule may say reading: careful to let a scored model read ' +
      'beside the phrase rules: it holds more posts from people who may be in danger, and more posts ' +
      "that only talk about hard thoughts, so the Top 3 read more. The log records each version's " +
      'actions and readings.',
  })
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
