import { Body, Controller, Get, HttpCode, Patch, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiCreatedResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RateLimit, RateLimitGuard } from '../common/rate-limit.js';
import { type AuthUser, CurrentUser, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/password-reset.dto.js';
import { LoginDto, SignupDto } from './dto/signup.dto.js';
import { UpdateMeDto } from './dto/update-me.dto.js';
import { AuthResponseDto, toUserResponse, UserResponseDto } from './dto/user-response.dto.js';
import {
  isWebClient,
  SESSION_COOKIE,
  USER_COOKIE,
  WEB_CLIENT_VALUE,
  WebSession,
} from './web-session.js';

const WEB_CLIENT_DOC = {
  name: 'X-Requested-With',
  required: false,
  description:
    `\`${WEB_CLIENT_VALUE}\` from the web app: the answer also sets the session cookies ` +
    `\`${SESSION_COOKIE}\` (HttpOnly, SameSite=Lax, the access token) and \`${USER_COOKIE}\` ` +
    '(readable: base64url JSON `{id, displayName, language}`). Required on every ' +
    'state-changing request signed in by cookie (else 403 `code: "CSRF"`).',
};

const CSRF_DOC = {
  description:
    '`code: "CSRF"`: signed in by cookie without the header `X-Requested-With: fanevents-web`',
};

@ApiTags('auth')
@ApiTooManyRequestsResponse({
  description: 'More than AUTH_RATE_LIMIT requests a minute from one IP',
})
@Public()
@RateLimit('auth')
@UseGuards(RateLimitGuard)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly webSession: WebSession,
  ) {}

  /** Creates an account and sends a welcome e-mail in the user's language. */
  @Post('signup')
  @ApiHeader(WEB_CLIENT_DOC)
  @ApiCreatedResponse({ type: AuthResponseDto })
  async signup(
    @Body() dto: SignupDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    return this.started(reply, await this.auth.signup(dto));
  }

  /** The same 401 for an unknown e-mail and a wrong password. */
  @Post('login')
  @HttpCode(200)
  @ApiHeader(WEB_CLIENT_DOC)
  @ApiOkResponse({ type: AuthResponseDto })
  async login(
    @Body() dto: LoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    return this.started(reply, await this.auth.login(dto));
  }

  /**
   * Sends a one-time link to choose a new password (valid 60 minutes) to the account's
   * address, in its language. Always 202, whether or not an account has this e-mail.
   */
  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'If an account has this e-mail, a link is on its way' })
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    await this.auth.requestPasswordReset(dto);
  }

  /**
   * Sets the new password with the e-mailed token. The link works once; every session and
   * token issued before stops working (sign in again).
   */
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every older session ended' })
  @ApiBadRequestResponse({ description: 'Expired, used or unknown token, or a too short password' })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.auth.confirmPasswordReset(dto);
  }

  private started(reply: FastifyReply, answer: AuthResponseDto): AuthResponseDto {
    // Only our web app gets cookies; API clients keep using the token in the body.
    if (isWebClient(reply.request.headers))
      this.webSession.start(reply, answer.accessToken, answer.user);
    return answer;
  }
}

/** Signing out: a user route (the session must be live), rate-limited like the rest of /auth. */
@ApiTags('auth')
@ApiBearerAuth()
@RateLimit('auth')
@UseGuards(RateLimitGuard)
@Controller('auth')
export class SessionController {
  constructor(private readonly webSession: WebSession) {}

  /**
   * Ends the browser session: both cookies are cleared. (A Bearer token stays valid until it
   * expires; an API client simply forgets it.)
   */
  @Post('logout')
  @HttpCode(204)
  @ApiHeader(WEB_CLIENT_DOC)
  @ApiNoContentResponse({ description: 'Signed out; `fe_session` and `fe_user` cleared' })
  @ApiForbiddenResponse(CSRF_DOC)
  logout(@Res({ passthrough: true }) reply: FastifyReply): void {
    this.webSession.end(reply);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly auth: AuthService,
    private readonly webSession: WebSession,
  ) {}

  @Get()
  async me(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return toUserResponse(await this.auth.getActiveUser(user.id));
  }

  /** From the web app (its header), `fe_user` is refreshed with the new name and language. */
  @Patch()
  @ApiHeader(WEB_CLIENT_DOC)
  @ApiForbiddenResponse(CSRF_DOC)
  async update(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateMeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponseDto> {
    const updated = toUserResponse(await this.auth.updateMe(user.id, dto));
    if (isWebClient(reply.request.headers)) this.webSession.refreshUser(reply, updated);
    return updated;
  }
}
