export const TEST_DB_NAME = process.env.TEST_DATABASE_NAME ?? 'fanevents_test';
export const ADMIN_DB_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseUrl(): string {
  const url = new URL(ADMIN_DB_URL);
  url.pathname = `/${TEST_DB_NAME}`;
  return url.toString();
}
