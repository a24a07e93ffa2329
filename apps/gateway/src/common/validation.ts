import { ArgumentMetadata, BadRequestException, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidateIf, validateSync } from 'class-validator';

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

/** PostgreSQL text cannot hold U+0000; refuse it up front with a sentence rather than fail later. */
export class NoNulCharacters implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom' && containsNul(value, 0)) {
      throw new BadRequestException('Text cannot contain the NUL character (U+0000).');
    }
    return value;
  }
}

function containsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(
    ([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1),
  );
}

/** Socket payloads pass the same DTOs and rules as HTTP bodies; the result is the value or one sentence. */
export function validatePayload<T extends object>(dto: new () => T, payload: unknown): T {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new BadRequestException('The message should be an object.');
  }
  if (containsNul(payload, 0)) throw new BadRequestException('Text cannot contain the NUL character (U+0000).');
  const value = plainToInstance(dto, payload);
  const errors = validateSync(value, validationOptions);
  if (errors.length > 0) throw new BadRequestException(validationSentence(errors));
  return value;
}

/**
 * Like @IsOptional(), but only for a field left out: null is checked like any other value and so
 * refused where a value is needed, instead of reaching a NOT NULL column.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
