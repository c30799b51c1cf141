import {
  type ArgumentMetadata,
  BadRequestException,
  Injectable,
  ValidationPipe,
} from '@nestjs/common';

// Postgres rejects NUL in text, and a lone UTF-16 surrogate cannot be stored as UTF-8 either.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function findBadString(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const bad = FORBIDDEN.test(key)
      ? `${path}.${key}`
      : findBadString(inner, `${path}.${key}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * The global pipe: class-validator with unknown fields rejected, after refusing strings that
 * no column can hold (NUL bytes, lone surrogates) anywhere in the input.
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return value;
    const bad = findBadString(value, metadata.type);
    if (bad) {
      throw new BadRequestException(
        `${bad.replace(/^\w+\./, '')} contains a NUL byte or an invalid character`,
      );
    }
    return super.transform(value, metadata);
  }
}
