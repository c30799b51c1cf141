import { ApiProperty, OmitType } from '@nestjs/swagger';
import { GROUP_ROLES, type GroupRole } from '../../fan-groups/group-role.js';
import { PageMetaDto } from '../../common/pagination.js';
import type { EventEntity } from '../../events/event.entity.js';
import {
  TASK_STATUSES,
  type TaskStatus,
  type VolunteerTaskEntity,
} from '../volunteer-task.entity.js';

export class TaskAssigneeDto {
  userId: string;
  displayName: string;
}

export class TaskResponseDto {
  id: string;
  eventId: string;
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
  title: string;
  venue: string | null;
  timezone: string;
}

/** A task as its volunteer sees it in `GET /me/tasks`: with its event, without the roster. */
export class MyTaskResponseDto extends OmitType(TaskResponseDto, [
  'assignees',
  'createdAt',
  'updatedAt',
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

/** The fields every view of a task shares. */
function taskFields(task: VolunteerTaskEntity): Omit<MyTaskResponseDto, 'event'> {
  return {
    id: task.id,
    eventId: task.eventId,
    title: task.title,
    description: task.description,
    location: task.location,
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
): TaskResponseDto {
  return {
    ...taskFields(task),
    assignees,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

export function toMyTaskResponse(task: VolunteerTaskEntity, event: EventEntity): MyTaskResponseDto {
  return {
    ...taskFields(task),
    event: { id: event.id, title: event.title, venue: event.venue, timezone: event.timezone },
  };
}
