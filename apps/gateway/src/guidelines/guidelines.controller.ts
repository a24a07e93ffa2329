import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiView } from '../platform/http/openapi';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { READING_MEASURED } from '@p2p/contract';
import { GUIDELINE_ACTIONS, GUIDELINE_CATEGORIES, GUIDELINE_LIMITS, GUIDELINE_READINGS } from '@p2p/guidelines';
import { IsArray, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Optional } from '../platform/http/validation';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { uuid } from '../platform/http/params';
import { GuidelinesService } from './guidelines.service';
import { PREVIEW_DAYS } from './preview.service';

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
      'Every rule: { id, category, title, explanation, action: hold | warn | check-in | allow }, and on the ' +
      'imminent-harm-self rule an optional reading: standard | careful.',
  })
  @IsArray()
  rules: unknown[];
}

class PreviewDto extends GuidelinesDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: PREVIEW_DAYS, description: 'How many days back to look.' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
}

@ApiTags('guidelines')
@ApiBearerAuth()
@Controller('communities/:cid/guidelines')
export class GuidelinesController {
  constructor(private readonly guidelines: GuidelinesService) {}

  @Get()
  @ApiView('GuidelinesView')
  @ApiOperation({ summary: "The community's guidelines in force, with their version." })
  get(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.guidelines.get(auth, cid);
  }

  @Put()
  @ApiView('GuidelinesView')
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

  @Post('preview')
  @ApiView('GuidelinesPreviewView')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Top 3: a dry run of proposed rules over the community’s recent posts. Nothing changes.',
    description:
      'How many posts of the last 30 days (or `days`) the rules in force and the proposed ones would hold, check ' +
      'in, warn about or publish, and the posts whose outcome would change (the first 100). Only posts on boards ' +
      'the caller may read are read. Saving the rules with PUT records the same counts in the log.',
  })
  preview(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Body() body: PreviewDto) {
    return this.guidelines.preview(auth, cid, body.rules, body.days ?? PREVIEW_DAYS);
  }

  @Post('check')
  @ApiView('GuidelinesCheckView')
  @HttpCode(200)
  @ApiOperation({ summary: 'What the guidelines would do with a text, and why (used while composing).' })
  check(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Body() body: CheckDto) {
    return this.guidelines.check(auth, cid, body.text);
  }
}
