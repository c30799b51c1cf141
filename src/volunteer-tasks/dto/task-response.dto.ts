import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import type { Language } from '../../common/locale.js';
import { GROUP_ROLES, type GroupRole } from '../../fan-groups/group-role.js';
import { PageMetaDto } from '../../common/pagination.js';
import { localize } from '../../common/translations.js';
import type { EventEntity } from '../../events/event.entity.js';
import {
  TASK_STATUSES,
  TASK_TEXT_FIELDS,
  type TaskStatus,
  type VolunteerTaskEntity,
} from '../volunteer-task.entity.js';
import { TaskTranslationsDto } from './task-translations.dto.js';

/** The texts as the organizer wrote them first (the fallback of every language). */
export class TaskOriginalTextsDto {
  title: string;
  description: string | null;
  location: string | null;
}

export class TaskAssigneeDto {
  userId: string;
  displayName: string;
}

export class TaskResponseDto {
  id: string;
  eventId: string;
  /** In the reader's language (?lang=, the account's, Accept-Language), else as written. */
  title: string;
  description: string | null;
  location: string | null;
  startsAt: string;
  endsAt: string;
  volunteersNeeded: number;
  assignedCount: number;
  @ApiProperty({ enum: TASK_STATUSES })
  status: TaskStatus;
  assignees: TaskAssigneeDto[];
  createdAt: string;
  updatedAt: string;
  /** The group's organizers only: every language's texts. */
  @ApiPropertyOptional({ type: () => TaskTranslationsDto })
  translations?: TaskTranslationsDto;
  /** The group's organizers only: the texts as written, whatever the reader's language. */
  @ApiPropertyOptional({ type: () => TaskOriginalTextsDto })
  original?: TaskOriginalTextsDto;
}

export class TaskPageDto extends PageMetaDto {
  items: TaskResponseDto[];
}

export class AssignmentResponseDto {
  taskId: string;
  userId: string;
  /** The organizer who assigned, or the volunteer who signed up. */
  assignedBy: string | null;
  createdAt: string;
}

export class MyTaskEventDto {
  id: string;
  /** In the reader's language, else as written. */
  title: string;
  venue: string | null;
  timezone: string;
}

/** A task as its volunteer sees it in `GET /me/tasks`: with its event, without the roster. */
export class MyTaskResponseDto extends OmitType(TaskResponseDto, [
  'assignees',
  'createdAt',
  'updatedAt',
  'translations',
  'original',
] as const) {
  event: MyTaskEventDto;
}

export class MyTaskPageDto extends PageMetaDto {
  items: MyTaskResponseDto[];
}

/** The caller's own task that overlaps another one in time (the OVERLAPS_TASK rule). */
export class TaskClashDto {
  taskId: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

/** A task with a free slot the caller could sign up for (`GET /me/open-tasks`). */
export class OpenTaskResponseDto extends MyTaskResponseDto {
  /** One of the caller's tasks at an overlapping time (signing up would be 409), else null. */
  clashesWith: TaskClashDto | null;
}

export class OpenTaskPageDto extends PageMetaDto {
  items: OpenTaskResponseDto[];
}

export const CANDIDATE_STATES = ['available', 'assigned', 'clash'] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

/** A volunteer or organizer of the group, as the task board's assignment picker shows them. */
export class TaskCandidateDto {
  userId: string;
  displayName: string;
  country: string;
  @ApiProperty({ enum: GROUP_ROLES })
  role: GroupRole;
  /** `assigned`: already on this task; `clash`: on another task at an overlapping time. */
  @ApiProperty({ enum: CANDIDATE_STATES })
  state: CandidateState;
  /** Set when `state` is `clash`. */
  clashesWith: TaskClashDto | null;
}

export class TaskCandidatePageDto extends PageMetaDto {
  items: TaskCandidateDto[];
}

export interface TaskView {
  /** The reader's language; null shows the texts as written. */
  language: Language | null;
  /** The caller organizes the task's group: add `translations` and `original`. */
  organizer: boolean;
}

/** The fields every view of a task shares, its texts in the reader's language. */
function taskFields(
  task: VolunteerTaskEntity,
  language: Language | null,
): Omit<MyTaskResponseDto, 'event'> {
  const texts = localize(
    { title: task.title, description: task.description, location: task.location },
    task.translations,
    language,
    TASK_TEXT_FIELDS,
  );
  return {
    id: task.id,
    eventId: task.eventId,
    ...texts,
    startsAt: task.startsAt.toISOString(),
    endsAt: task.endsAt.toISOString(),
    volunteersNeeded: task.volunteersNeeded,
    assignedCount: task.assignedCount,
    status: task.status,
  };
}

export function toTaskResponse(
  task: VolunteerTaskEntity,
  assignees: TaskAssigneeDto[],
  view: TaskView = { language: null, organizer: false },
): TaskResponseDto {
  return {
    ...taskFields(task, view.language),
    assignees,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    ...(view.organizer
      ? {
          translations: task.translations ?? {},
          original: { title: task.title, description: task.description, location: task.location },
        }
      : {}),
  };
}

export function toMyTaskResponse(
  task: VolunteerTaskEntity,
  event: EventEntity,
  language: Language | null = null,
): MyTaskResponseDto {
  const eventTexts = localize(
    { title: event.title, venue: event.venue },
    event.translations,
    language,
    ['title', 'venue'] as const,
  );
  return {
    ...taskFields(task, language),
    event: { id: event.id, ...eventTexts, timezone: event.timezone },
  };
}
