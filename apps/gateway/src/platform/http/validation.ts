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

/** How deep a body or socket payload may nest; the deepest one the board reads nests three levels. */
export const MAX_PAYLOAD_DEPTH = 32;

const NUL_SENTENCE = 'Text cannot contain the NUL character (U+0000).';

/**
 * What is wrong with the shape of a parsed body or socket payload, before any validation looks at
 * it, or null. Walks without recursion, so no depth can overflow the stack here; and refuses what
 * would overflow it later (class-transformer and the ValidationPipe recurse), a `__proto__` key
 * (JSON.parse makes it an own field, which the whitelist never sees), and the NUL character,
 * which PostgreSQL text cannot hold.
 */
export function payloadProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return NUL_SENTENCE;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      return `Please check what was sent: it nests more than ${MAX_PAYLOAD_DEPTH} levels deep.`;
    }
    for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
      if (key === '__proto__') return 'Please check what was sent: __proto__ is not a field we accept.';
      if (key.includes('\u0000')) return NUL_SENTENCE;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** Refuses a body, query or route parameter whose shape is wrong (payloadProblem) with one sentence. */
export class SafeShape implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const problem = metadata.type === 'custom' ? null : payloadProblem(value);
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}

/** Socket payloads pass the same DTOs and rules as HTTP bodies; the result is the value or one sentence. */
export function validatePayload<T extends object>(dto: new () => T, payload: unknown): T {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new BadRequestException('The message should be an object.');
  }
  const problem = payloadProblem(payload);
  if (problem) throw new BadRequestException(problem);
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
