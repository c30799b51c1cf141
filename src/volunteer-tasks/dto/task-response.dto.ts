import { ApiProperty, OmitType } from '@nestjs/swagger';
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
