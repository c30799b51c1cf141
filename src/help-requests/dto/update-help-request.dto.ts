import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from '../help-request-status.js';

/**
 * Organizers: `assigneeId` (a user id, or null to unassign) and/or `status`; the assignee:
 * `status`; the requester: `status: "cancelled"`. At least one field.
 */
export class UpdateHelpRequestDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @ValidateIf((o: UpdateHelpRequestDto) => o.assigneeId !== null)
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ enum: HELP_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(HELP_REQUEST_STATUSES, {
    message: `status must be one of ${HELP_REQUEST_STATUSES.join(', ')}`,
  })
  status?: HelpRequestStatus;
}
