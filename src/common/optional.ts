import { ValidateIf } from 'class-validator';

/**
 * Optional in a partial update: the field may be left out, but `null` is validated (and so
 * refused) like any other value. `@IsOptional()` would let `null` through to a NOT NULL column.
 */
export const IsOmittable = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
