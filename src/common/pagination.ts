import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

// Decorated by hand: the Swagger CLI plugin only reads `*.dto.ts` files, and without these
// every paged route's OpenAPI parameters (and the web app's generated client) lacked them.
export class PaginationQueryDto {
  /** Page size, 1–100. */
  @ApiPropertyOptional({ description: 'Page size, 1–100', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** Items to skip. */
  @ApiPropertyOptional({ description: 'Items to skip', minimum: 0, maximum: 1_000_000, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function page<T>(items: T[], total: number, query: PaginationQueryDto): Page<T> {
  return { items, total, limit: query.limit, offset: query.offset };
}

/** Swagger shape of a page; subclass with `items` typed per resource. */
export class PageMetaDto {
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
