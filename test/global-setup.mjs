import pg from 'pg';

/**
 * A dedicated, empty test database per run. (Plain ESM: jest loads global setup outside its
 * module mapper.) The first app boot applies the migrations, as production does, under the
 * advisory lock; later boots find nothing to apply.
 */
export default async function globalSetup() {
  const adminUrl =
    process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = process.env.TEST_DATABASE_NAME ?? 'fanevents_test';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}
