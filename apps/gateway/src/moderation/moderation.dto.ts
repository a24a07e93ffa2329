import { Optional } from '../platform/http/validation';
import { Transform } from 'class-transformer';
import { PageQuery } from '../platform/http/pagination';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REVIEW_ACTIONS } from '@p2p/moderation';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export const FLAG_REASONS = [
  'imminent-harm-self',
  'imminent-harm-others',
  'self-harm-account',
  'contact-details',
  'abuse',
  'something-else',
] as const;

export class FlagDto {
  @ApiProperty({ enum: FLAG_REASONS })
  @IsIn(FLAG_REASONS)
  reason: (typeof FLAG_REASONS)[number];

  @ApiPropertyOptional({ maxLength: 1000, description: 'Needed for "something-else".' })
  @ValidateIf((o: FlagDto) => o.reason === 'something-else' || o.note !== undefined)
  @IsString()
  @Length(1, 1000)
  note?: string;
}

/** The Top 3's actions, named once in the rules (libs/moderation, reviewTransition). */
export const MODERATION_ACTIONS = REVIEW_ACTIONS;

export class ModerationDto {
  @ApiProperty({ enum: MODERATION_ACTIONS })
  @IsIn(MODERATION_ACTIONS)
  action: (typeof MODERATION_ACTIONS)[number];

  @ApiProperty({ maxLength: 2000, description: 'Why; kept in the verbatim log. For annotate, the note itself.' })
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiPropertyOptional({ description: 'Bring this to the next community meeting.' })
  @Optional()
  @IsBoolean()
  forMeeting?: boolean;
}

export class MarkForMeetingDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class SignificantEventDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  summary: string;

  @ApiPropertyOptional({ type: [String], description: 'Entries it concerns (not from private boards).' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  postIds?: string[];
}

export class OpenMeetingDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'Community meeting, Tuesday' })
  @Optional()
  @IsString()
  @Length(1, 200)
  title?: string;
}

export class OutcomeDto {
  @ApiProperty({ maxLength: 5000, description: 'What the meeting decided.' })
  @IsString()
  @Length(1, 5000)
  outcome: string;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'A checkpoint exported earlier, as "<entries>:<head>" (open chain).' })
  @Optional()
  @IsString()
  @MaxLength(200)
  checkpoint?: string;

  @ApiPropertyOptional({ description: 'Top 3: the private boards’ chain checkpoint, "<entries>:<head>".' })
  @Optional()
  @IsString()
  @MaxLength(200)
  privateCheckpoint?: string;
}

export class CheckInQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'true: the check-ins already done, newest first. Default: the open ones, oldest first.',
  })
  @Optional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  done?: boolean;
}
