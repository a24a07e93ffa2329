import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsString, Length } from 'class-validator';

/** The member's whole list of muted words; it replaces the one saved. */
export class MutedWordsDto {
  @ApiProperty({ type: [String], maxItems: 50, description: 'Up to 50 words or short phrases, 1–40 characters each.' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  words!: string[];
}

/** When the member's break ends. */
export class BreakDto {
  @ApiProperty({ format: 'date-time', description: 'The end of the break: in the future, within a year.' })
  @IsDateString()
  until!: string;
}
