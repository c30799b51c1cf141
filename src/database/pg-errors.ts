import { QueryFailedError } from 'typeorm';

export const PG = {
  UNIQUE_VIOLATION: '23505',
  FOREIGN_KEY_VIOLATION: '23503',
  NOT_NULL_VIOLATION: '23502',
  STRING_DATA_RIGHT_TRUNCATION: '22001',
  CHECK_VIOLATION: '23514',
  EXCLUSION_VIOLATION: '23P01',
  INVALID_TEXT_REPRESENTATION: '22P02',
  CHARACTER_NOT_IN_REPERTOIRE: '22021',
  NUMERIC_OUT_OF_RANGE: '22003',
  DATETIME_OUT_OF_RANGE: '22008',
  QUERY_CANCELED: '57014',
  LOCK_NOT_AVAILABLE: '55P03',
  DEADLOCK: '40P01',
  SERIALIZATION_FAILURE: '40001',
} as const;

export interface PgErrorInfo {
  code?: string;
  constraint?: string;
  detail?: string;
}

export function pgError(err: unknown): PgErrorInfo | undefined {
  if (err instanceof QueryFailedError) {
    return err.driverError as PgErrorInfo;
  }
  return undefined;
}

/** True when `err` is a Postgres unique violation, optionally of the named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const info = pgError(err);
  return (
    info?.code === PG.UNIQUE_VIOLATION &&
    (constraint === undefined || info.constraint === constraint)
  );
}

/** Errors that mean the database is unreachable or overloaded rather than a bug. */
export function isUnavailable(err: unknown): boolean {
  const info = pgError(err);
  if (info?.code && [PG.QUERY_CANCELED, PG.LOCK_NOT_AVAILABLE].includes(info.code as never)) {
    return true;
  }
  const message = err instanceof Error ? err.message : '';
  const code = (err as { code?: string } | null)?.code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03'].includes(code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(
      message,
    )
  );
}
