/**
 * Whether an access token still opens its account: the account exists (not deleted) and the
 * token was issued under its current session version (a password reset bumps it). Parameters:
 * user id, the token's session version. Used by the JWT guard; routes that are
 * @ChecksAccountItself() fold the same condition into their own statement (`sessionLiveSql`).
 */
export const ACTIVE_SESSION_SQL =
  'SELECT language FROM users WHERE id = $1 AND deleted_at IS NULL AND session_version = $2';

/** The same condition as a SQL boolean, for a statement's own `EXISTS` (alias `u`). */
export const sessionLiveSql = (userParam: string, versionParam: string): string =>
  `EXISTS (SELECT 1 FROM users u WHERE u.id = ${userParam} AND u.deleted_at IS NULL
             AND u.session_version = ${versionParam}::int)`;
