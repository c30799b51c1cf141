import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../registration.entity.js';

export class RegistrationQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;

  /** Part of the attendee's name or e-mail: case- and accent-insensitive, any script. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
