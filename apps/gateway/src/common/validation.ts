import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Flattens class-validator's tree into one readable sentence, e.g. "username should not be empty". */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) =>
      rule === 'whitelistValidation' ? `${path} is not a field we accept` : message.replace(e.property, path),
    );
    return [...own, ...describeValidationErrors(e.children ?? [], path)];
  });
}

export function validationSentence(errors: ValidationError[]): string {
  const parts = [...new Set(describeValidationErrors(errors))];
  return `Please check what was sent: ${parts.join('; ')}.`;
}

/** The same rules for HTTP bodies and socket payloads: only known fields, each of the right kind. */
export const validationOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
} as const;

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...validationOptions,
    exceptionFactory: (errors) => new BadRequestException(validationSentence(errors)),
  });
}
