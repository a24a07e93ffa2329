import { Optional } from '../platform/http/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class RepeatDto {
  @ApiProperty({
    type: [Number],
    minimum: 1,
    maximum: 7,
    example: [2, 5],
    description: 'ISO weekdays: 1 = Monday … 7 = Sunday.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  @ApiProperty({ example: '10:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time should look like 10:00' })
  time: string;

  @ApiProperty({ example: 'Europe/London' })
  @IsString()
  @MaxLength(60)
  timezone: string;

  @ApiProperty({ example: '2026-12-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from should be a date like 2026-12-01' })
  from: string;

  @ApiProperty({ example: '2027-02-26' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'until should be a date like 2027-02-26' })
  until: string;
}

export class CreateSessionsDto {
  @ApiPropertyOptional({ example: 'Community day' })
  @Optional()
  @IsString()
  @Length(1, 120)
  title?: string;

  @ApiPropertyOptional({ description: 'A one-off session.', format: 'date-time' })
  @Optional()
  @IsDateString()
  startsAt?: string;

  @ApiPropertyOptional({ type: RepeatDto, description: 'Repeating sessions, e.g. Tuesdays and Fridays.' })
  @Optional()
  @ValidateNested()
  @Type(() => RepeatDto)
  repeat?: RepeatDto;
}

export const MARKS = ['attended', 'contact', 'no-contact'] as const;

export class MarkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: MARKS })
  @IsIn(MARKS)
  mark: (typeof MARKS)[number];
}

export class AttendanceDto {
  @ApiProperty({ type: [MarkDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MarkDto)
  records: MarkDto[];
}

export class EndSuspensionDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class SessionsQuery {
  @ApiPropertyOptional({ format: 'date-time' })
  @Optional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @Optional()
  @IsDateString()
  to?: string;
}

export class AccessRequestDto {
  @ApiProperty({ format: 'uuid', description: 'A community board (private boards can never be asked for).' })
  @IsUUID()
  boardId: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiProperty({ minimum: 15, maximum: 43200, description: 'How long, in minutes (up to 30 days).' })
  @IsInt()
  @Min(15)
  @Max(43200)
  minutes: number;
}

export class OpenElectionDto {
  @ApiProperty({
    enum: ['full', 'by-election'],
    description: 'full: all three seats; by-election: the seats left empty.',
  })
  @IsIn(['full', 'by-election'])
  kind: 'full' | 'by-election';

  @ApiProperty({ format: 'date-time', description: 'When nominations close and voting opens.' })
  @IsDateString()
  nominationsCloseAt: string;

  @ApiProperty({ format: 'date-time', description: 'When voting closes; the system counts then.' })
  @IsDateString()
  votingCloseAt: string;
}

export class NominateDto {
  @ApiProperty({ format: 'uuid', description: 'Yourself, or another active member (who must accept).' })
  @IsUUID()
  candidateId: string;
}

export class BallotDto {
  @ApiProperty({ type: [String], description: 'Up to as many candidates as there are seats; an empty list abstains.' })
  @IsArray()
  @ArrayMaxSize(3)
  @IsUUID('all', { each: true })
  candidateIds: string[];
}
