import { Param, ParseUUIDPipe } from '@nestjs/common';

/** A path id that must be a UUID: a malformed one is 400 before any query runs. */
export const UuidParam = (name: string) => Param(name, new ParseUUIDPipe());
