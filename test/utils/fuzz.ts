import fc from 'fast-check';
import type { DataSource } from 'typeorm';

const extremeNumbers = fc.constantFrom(
  0,
  -1,
  1e9,
  -1e9,
  2 ** 31,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  1e308,
  -1e308,
  0.5,
  1e-12,
);

const nastyStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202eevil\u202c',
    '\u200f\u200e',
    '🎤🎶🇰🇿',
    'Айгерім',
    '李娜',
    'さくら',
    '<script>alert(1)</script>',
    "'; DROP TABLE users; --",
    '=HYPERLINK("http://x")',
    '__proto__',
    'constructor',
    '2026-02-30',
    '2026-06-26T18:00:00+05:00',
    'Asia/Almaty',
    'Mars/Olympus',
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    'NaN',
    'Infinity',
  ),
  fc.integer({ min: 1000, max: 120_000 }).map((n) => 'x'.repeat(n)),
);

/** Every JSON type, with extremes, prototype keys and objects where scalars belong. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyStrings,
    extremeNumbers,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** A body with some of the route's real fields set to nasty values, and sometimes unknown ones. */
export function nastyBody(
  fields: string[],
  valid: Record<string, unknown> = {},
): fc.Arbitrary<unknown> {
  const known = fc.record(Object.fromEntries(fields.map((f) => [f, nastyValue])), {
    requiredKeys: [],
  });
  return fc.oneof(
    known.map((b) => ({ ...valid, ...b })),
    fc
      .tuple(known, fc.dictionary(fc.string({ minLength: 1 }), nastyValue, { maxKeys: 2 }))
      .map(([b, extra]) => ({ ...valid, ...extra, ...b })),
    nastyValue,
  );
}

/** Row counts of every table: a 4xx must leave all of them unchanged. */
export async function tableCounts(db: DataSource): Promise<Record<string, number>> {
  const tables = await db.query<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
  );
  const sql = tables
    .map((t) => `SELECT '${t.tablename}' AS t, count(*)::int AS n FROM "${t.tablename}"`)
    .join(' UNION ALL ');
  const rows = await db.query<{ t: string; n: number }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261122);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 40);
