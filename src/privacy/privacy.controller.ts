import type { Language } from '../common/locale.js';
import { ApiLangQuery, ReaderLanguage } from '../common/reader-language.js';
import { Controller, Delete, Get, HttpCode, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators.js';
import { WebSession } from '../auth/web-session.js';
import { AccountDeletionService } from './account-deletion.service.js';
import { AccountExportService } from './account-export.service.js';
import { AccountExportDto } from './dto/account-export.dto.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class PrivacyController {
  constructor(
    private readonly exporter: AccountExportService,
    private readonly deletion: AccountDeletionService,
    private readonly webSession: WebSession,
  ) {}

  /**
   * Everything the platform holds about the caller as one JSON document: profile,
   * memberships, registrations, help requests with history and threads, comments, volunteer
   * tasks and the e-mails sent to them (what and when, not their contents).
   */
  @Get('export')
  @ApiOkResponse({ type: AccountExportDto })
  @ApiLangQuery()
  export(
    @CurrentUser() user: AuthUser,
    @ReaderLanguage() language: Language | null,
  ): Promise<AccountExportDto> {
    return this.exporter.export(user.id, language);
  }

  /**
   * Deletes the account: the profile is anonymised, memberships and task assignments removed,
   * help-request details, comments, arrival dates and notes erased, e-mails not yet sent
   * dropped, password-reset links and the calendar feed's address removed. Registrations stay
   * with their status, so events keep their seat counts. The caller's tokens stop working at
   * once, and a browser session's cookies are cleared.
   */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Account deleted' })
  @ApiConflictResponse({
    description:
      '`LAST_ORGANIZER`: the caller is the only organizer of a group (listed in `groups`)',
  })
  async delete(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.deletion.delete(user.id);
    // A browser session ends with the account.
    this.webSession.end(reply);
  }
}
