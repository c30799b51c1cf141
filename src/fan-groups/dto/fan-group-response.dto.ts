import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Language } from '../../common/locale.js';
import { PageMetaDto } from '../../common/pagination.js';
import { localize } from '../../common/translations.js';
import { type FanGroupEntity, GROUP_TEXT_FIELDS } from '../fan-group.entity.js';
import { GROUP_ROLES, type GroupRole } from '../group-role.js';
import { GroupTranslationsDto } from './group-translations.dto.js';
import { MemberResponseDto } from './membership.dto.js';

/** The texts as the organizer wrote them first (the fallback of every language). */
export class GroupOriginalTextsDto {
  name: string;
  description: string | null;
}

export class FanGroupResponseDto {
  id: string;
  /** In the reader's language (?lang=, the account's, Accept-Language), else as written. */
  name: string;
  slug: string;
  description: string | null;
  country: string | null;
  city: string | null;
  languages: string[];
  /** New help requests are assigned to a volunteer who speaks the requester's language. */
  autoAssignHelp: boolean;
  memberCount: number;
  createdAt: string;
  /** The group's organizers only: every language's texts. */
  @ApiPropertyOptional({ type: () => GroupTranslationsDto })
  translations?: GroupTranslationsDto;
  /** The group's organizers only: the texts as written, whatever the reader's language. */
  @ApiPropertyOptional({ type: () => GroupOriginalTextsDto })
  original?: GroupOriginalTextsDto;
}

export class FanGroupPageDto extends PageMetaDto {
  items: FanGroupResponseDto[];
}

/** One of the caller's groups (`GET /me/groups`) with the caller's role in it. */
export class MyGroupDto {
  group: FanGroupResponseDto;
  @ApiProperty({ enum: GROUP_ROLES })
  role: GroupRole;
}

export class MyGroupPageDto extends PageMetaDto {
  items: MyGroupDto[];
}

export class MemberPageDto extends PageMetaDto {
  items: MemberResponseDto[];
}

export interface GroupView {
  /** The reader's language; null shows the texts as written. */
  language: Language | null;
  /** The caller organizes the group: add `translations` and `original`. */
  organizer: boolean;
}

export function toFanGroupResponse(
  group: FanGroupEntity,
  memberCount: number,
  view: GroupView = { language: null, organizer: false },
): FanGroupResponseDto {
  const texts = localize(
    { name: group.name, description: group.description },
    group.translations,
    view.language,
    GROUP_TEXT_FIELDS,
  );
  return {
    id: group.id,
    name: texts.name,
    slug: group.slug,
    description: texts.description,
    country: group.country,
    city: group.city,
    languages: group.languages,
    autoAssignHelp: group.autoAssignHelp ?? false,
    memberCount,
    createdAt: group.createdAt.toISOString(),
    ...(view.organizer
      ? {
          translations: group.translations ?? {},
          original: { name: group.name, description: group.description },
        }
      : {}),
  };
}
