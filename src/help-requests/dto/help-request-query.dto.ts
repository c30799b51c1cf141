import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LANGUAGES, type Language } from '../../common/locale.js';
import { PaginationQueryDto } from '../../common/pagination.js';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from '../help-request-status.js';
import { HELP_REQUEST_TYPES, type HelpRequestType } from '../help-request.entity.js';

export class MyHelpRequestQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: HELP_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(HELP_REQUEST_STATUSES)
  status?: HelpRequestStatus;
}

export class GroupHelpRequestQueryDto extends MyHelpRequestQueryDto {
  @ApiPropertyOptional({ enum: HELP_REQUEST_TYPES })
  @IsOptional()
  @IsIn(HELP_REQUEST_TYPES)
  type?: HelpRequestType;

  /** Only requests about this event. */
  @IsOptional()
  @IsUUID()
  eventId?: string;

  /** Only requests whose requester reads this interface language. */
  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  requesterLanguage?: Language;

  /** Only requests assigned to this user. */
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}
