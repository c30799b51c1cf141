import { ConflictException, HttpStatus } from '@nestjs/common';

/** A 409 with a machine-readable `code` a client can translate (API.md, Errors). */
export class AppConflict extends ConflictException {
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super({ statusCode: HttpStatus.CONFLICT, error: 'Conflict', code, message, ...extra });
  }
}
