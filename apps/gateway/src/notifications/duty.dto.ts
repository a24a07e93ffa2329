import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsISO8601, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Optional } from '../platform/http/validation';

export class ShiftDto {
  @ApiProperty({ description: 'A Top 3 member of the community.' })
  @IsUUID('all', { message: 'userId should be the id of a Top 3 member.' })
  userId!: string;

  @ApiProperty({ example: '2026-12-08T18:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'startsAt should be a date and time such as 2026-12-08T18:00:00Z.' })
  startsAt!: string;

  @ApiProperty({ example: '2026-12-09T08:00:00Z', description: 'At most a week after startsAt.' })
  @IsISO8601({ strict: true }, { message: 'endsAt should be a date and time such as 2026-12-09T08:00:00Z.' })
  endsAt!: string;
}

/** What to change in the ladder; anything left out stays as it is. */
export class EscalationSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1440, default: 10 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1440)
  escalateAfterMinutes?: number;

  @ApiPropertyOptional({ minimum: 2, maximum: 2880, default: 30 })
  @Optional()
  @IsInt()
  @Min(2)
  @Max(2880)
  onCallAfterMinutes?: number;

  @ApiPropertyOptional({
    nullable: true,
    description: 'The on-call contact the community and its staff agreed; null for none.',
  })
  @Optional()
  @ValidateIf((_o, v) => v !== null)
  @IsEmail({}, { message: 'Please give the on-call contact as an email address such as on-call@example.org.' })
  @MaxLength(254)
  onCallEmail?: string | null;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @Optional()
  @Matches(/^[A-Za-z0-9_+\-/]{1,64}$/, { message: 'Please give a time zone such as Europe/London.' })
  timeZone?: string;
}
