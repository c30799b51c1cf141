import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * A human text field: any script is welcome (Kazakh, Cyrillic, CJK...), surrounding white
 * space is trimmed, and it may not be blank or longer than `max`.
 */
export const IsText = (max: number) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim() : value,
    ),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
  );
