import { Optional } from '../platform/http/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class BoardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty({ enum: ['community', 'private', 'info'] }) kind: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'A private board for whoever holds a Top 3 seat.' }) top3Only: boolean;
  @ApiPropertyOptional({
    description:
      'In the list of boards: threads active in the last 30 days with something new for the caller (others have ' +
      'posted since they last opened it, or they never have). Counts stop at 100; the client shows "99+".',
  })
  newThreads?: number;
}

export class BoardPageDto {
  @ApiProperty({ type: [BoardDto] }) items: BoardDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: every board the caller may read.' })
  nextCursor: null;
}

export class InfoPageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Markdown-lite text.' }) body: string;
  @ApiProperty({ description: 'The same, rendered to safe HTML.' }) html: string;
  @ApiProperty() position: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreateBoardDto {
  @ApiProperty({ enum: ['community', 'private', 'info'] })
  @IsIn(['community', 'private', 'info'])
  kind: 'community' | 'private' | 'info';

  @ApiProperty({ example: 'Tuesday small group', maxLength: 80 })
  @IsString()
  @Length(1, 80)
  @Matches(/\S/, { message: 'name should not be blank' })
  name: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Private boards: the members who can read and write it.' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  participantIds?: string[];
}

export class ParticipantsDto {
  @ApiProperty({ type: [String], description: 'Everyone who should be on this private board (replaces the list).' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  participantIds: string[];
}

export class PageInputDto {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @Length(1, 120)
  @Matches(/\S/, { message: 'title should not be blank' })
  title: string;

  @ApiProperty({ maxLength: 20000, description: 'Markdown-lite.' })
  @IsString()
  @Length(1, 20000)
  body: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}
