import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../registration.entity.js';

export class RegistrationQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}
