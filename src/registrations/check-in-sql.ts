import { sessionLiveSql } from '../auth/session-sql.js';

/**
 * Check-in as one statement (the door's hot path: a round trip per scan, no row lock held
 * while Node works). It answers everything the service needs to tell the outcome apart, so
 * the caller's account, role and the event are read in the same round trip:
 * - `acct`: the caller's account still exists and the token is of its current session version
 *   (the routes are @ChecksAccountItself);
 * - `ev`, `who`: the event and the caller's role in its group;
 * - `target`: the registration, locked (FOR UPDATE returns its latest committed version, so
 *   of two scans at once the second sees the first's checked_in_at), and only when the caller
 *   may check people in to this published event;
 * - `upd`: sets checked_in_at if the registration is confirmed and not yet checked in;
 * - the attendee's name, country and language for the door's screen.
 * Always one row (`ev` columns null when the event or registration does not exist).
 */
const checkInSql = (reg0: string, evWhere: string, targetWhere: string, version: string) => `
WITH acct AS (
  SELECT ${sessionLiveSql('$2', version)} AS active
),${reg0}
ev AS (SELECT e.id, e.group_id, e.status FROM events e WHERE ${evWhere}),
who AS (
  SELECT gm.role FROM group_memberships gm JOIN ev ON gm.group_id = ev.group_id
  WHERE gm.user_id = $2
),
allowed AS (
  SELECT acct.active AND ev.status = 'published'
    AND EXISTS (SELECT 1 FROM who WHERE who.role IN ('volunteer', 'organizer')) AS ok
  FROM acct CROSS JOIN ev
),
target AS (
  SELECT r.id, r.user_id, r.status, r.language, r.checked_in_at
  FROM registrations r CROSS JOIN allowed
  WHERE ${targetWhere} AND allowed.ok
  FOR UPDATE OF r
),
upd AS (
  UPDATE registrations x SET checked_in_at = now(), updated_at = now()
  FROM target
  WHERE x.id = target.id AND target.status = 'confirmed' AND target.checked_in_at IS NULL
  RETURNING x.id, x.checked_in_at
)
SELECT acct.active AS account_active, ev.group_id, ev.status AS event_status,
  (SELECT who.role FROM who) AS role, ${reg0 ? 'reg0.user_id' : 'NULL::uuid'} AS owner_id,
  target.id, target.status, target.checked_in_at AS previous, upd.checked_in_at,
  u.display_name, u.country, COALESCE(target.language, u.language) AS language
FROM acct ${reg0 ? 'LEFT JOIN reg0 ON true' : ''} LEFT JOIN ev ON true
  LEFT JOIN target ON true LEFT JOIN upd ON true LEFT JOIN users u ON u.id = target.user_id`;

/**
 * By the code scanned at the door. Parameters: event id, caller id, check-in code, the token's
 * session version.
 */
export const CHECK_IN_BY_CODE_SQL = checkInSql(
  '',
  'e.id = $1',
  'r.check_in_code = $3 AND r.event_id = $1',
  '$4',
);

/**
 * By registration id, from the organizers' table. Parameters: registration id, caller id, the
 * token's session version.
 */
export const CHECK_IN_BY_ID_SQL = checkInSql(
  `
reg0 AS (SELECT r.event_id, r.user_id FROM registrations r WHERE r.id = $1),`,
  'e.id = (SELECT reg0.event_id FROM reg0)',
  'r.id = $1',
  '$3',
);

export interface CheckInRow {
  account_active: boolean;
  group_id: string | null;
  event_status: 'draft' | 'published' | 'cancelled' | null;
  role: 'member' | 'volunteer' | 'organizer' | null;
  owner_id: string | null;
  id: string | null;
  status: string | null;
  previous: Date | null;
  checked_in_at: Date | null;
  display_name: string | null;
  country: string | null;
  language: string | null;
}
