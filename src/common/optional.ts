import { ValidateIf } from 'class-validator';

/**
 * May be left out, but when present it is validated, null included. (`@IsOptional()` lets
 * null through, which a PATCH would write into a NOT NULL column.)
 */
export const IsOmittable = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
