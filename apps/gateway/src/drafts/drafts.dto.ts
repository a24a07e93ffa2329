import { BadRequestException, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DRAFT_PLACE } from '@p2p/contract';
import { IsString, MaxLength } from 'class-validator';
import { Optional } from '../platform/http/validation';

/** The words of a draft, as they are now: the whole draft, replacing what was saved before. */
export class SaveDraftDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Only for a new thread.' })
  @Optional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ maxLength: 20000, description: 'What has been written so far (it may be empty).' })
  @IsString()
  @MaxLength(20000)
  body: string;
}

/**
 * Where a draft will go, from the address: `board:<id>`, `thread:<id>` or `room:<id>`. Anything
 * else is a plain 400 before it reaches the database; ids are kept in lower case.
 */
export class DraftPlacePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const place = typeof value === 'string' ? value.toLowerCase() : '';
    if (!DRAFT_PLACE.test(place)) {
      throw new BadRequestException(
        'The place in the address should be board:<id>, thread:<id> or room:<id>, with the id of a board, thread or room.',
      );
    }
    return place;
  }
}
