import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { Optional } from '../platform/http/validation';

/** What to change in my crisis plan; anything left out stays as it is. */
export class CrisisPlanDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Who I can call.' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  whoToCall?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What helps me.' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  whatHelps?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Where I can go.' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  whereToGo?: string;

  @ApiPropertyOptional({ description: 'Show my plan to the Top 3 when something I write is held.' })
  @Optional()
  @IsBoolean()
  showTop3WhenHeld?: boolean;
}
