import type { DataSource } from 'typeorm';

/**
 * Everything the database holds, row by row, except the outbox's delivery columns (the relay
 * moves rows along by itself): a refused request must leave all of it as it was.
 */
export async function snapshot(db: DataSource): Promise<Record<string, string[]>> {
  const tables = await db.query<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  const out: Record<string, string[]> = {};
  for (const { tablename } of tables) {
    const select =
      tablename === 'mail_outbox'
        ? `SELECT jsonb_build_object('id', id, 'kind', kind, 'user', user_id)::text AS row`
        : `SELECT to_jsonb(x)::text AS row`;
    const rows = await db.query<{ row: string }[]>(`${select} FROM "${tablename}" x ORDER BY 1`);
    out[tablename] = rows.map((r) => r.row);
  }
  return out;
}
