import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** Path ids are UUIDs; anything else is a plain 400 before it reaches the database. */
export const uuid = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException(`The ${name} in the address is not a valid id.`),
  });
