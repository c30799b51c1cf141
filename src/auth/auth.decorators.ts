import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** Opts a route out of the global JWT guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CHECKS_ACCOUNT_ITSELF = 'checksAccountItself';
/**
 * For a hot authenticated route whose own statement refuses a deleted account or a revoked
 * session (401): the global guard then skips its per-request account lookup, one round trip
 * fewer. The route MUST check `sessionLiveSql(...)` (account not deleted, token of the current
 * session version) in the statement that acts (see REGISTER_SQL).
 */
export const ChecksAccountItself = () => SetMetadata(CHECKS_ACCOUNT_ITSELF, true);

/** The 401 message for a missing, bad or expired token, or one of a deleted account. */
export const BAD_TOKEN_MESSAGE = 'Missing, invalid or expired access token';

export interface AuthUser {
  id: string;
  /** The session version the access token was issued under (see users.session_version). */
  sessionVersion: number;
  /** The account's interface language, when the guard looked the account up. */
  language?: string;
}

export interface RequestWithUser {
  user?: AuthUser;
}

/** The authenticated caller (`{ id }`), or undefined on a public route called anonymously. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | undefined =>
    ctx.switchToHttp().getRequest<RequestWithUser>().user,
);
