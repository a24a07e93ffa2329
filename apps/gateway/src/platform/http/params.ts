import { BadRequestException, ParseEnumPipe, ParseUUIDPipe } from '@nestjs/common';

/** Path ids are UUIDs; anything else is a plain 400 before it reaches the database. */
export const uuid = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException(`The ${name} in the address is not a valid id.`),
  });

/** A path word from a fixed set (say, a reaction's kind); anything else is a plain 400 naming the choices. */
export const oneOf = <T extends string>(name: string, choices: readonly T[]) =>
  new ParseEnumPipe(Object.fromEntries(choices.map((c) => [c, c])), {
    exceptionFactory: () =>
      new BadRequestException(`The ${name} in the address must be one of: ${choices.join(', ')}.`),
  });
