import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators.js';
import type { Language } from '../common/locale.js';
import { PaginationQueryDto } from '../common/pagination.js';
import {
  ApiLangQuery,
  LocalizedPaginationQueryDto,
  ReaderLanguage,
} from '../common/reader-language.js';
import { UuidParam } from '../common/uuid-param.js';
import { AssignVolunteerDto } from './dto/assign-volunteer.dto.js';
import { CreateTaskDto, UpdateTaskDto } from './dto/create-task.dto.js';
import { MyTasksQueryDto, OpenTasksQueryDto } from './dto/my-tasks-query.dto.js';
import {
  AssignmentResponseDto,
  MyTaskPageDto,
  OpenTaskPageDto,
  TaskCandidatePageDto,
  TaskPageDto,
  TaskResponseDto,
} from './dto/task-response.dto.js';
import { VolunteerTasksService } from './volunteer-tasks.service.js';

@ApiTags('volunteer-tasks')
@ApiBearerAuth()
@Controller()
export class VolunteerTasksController {
  constructor(private readonly tasks: VolunteerTasksService) {}

  /** Organizers add a task to an event (not to a cancelled one). */
  @Post('events/:eventId/tasks')
  @ApiLangQuery()
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() dto: CreateTaskDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<TaskResponseDto> {
    return this.tasks.create(user.id, eventId, dto, language);
  }

  /** Organizers and volunteers of the group: the event's tasks by start, with assignees. */
  @Get('events/:eventId/tasks')
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Query() query: LocalizedPaginationQueryDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<TaskPageDto> {
    return this.tasks.listForEvent(user.id, eventId, query, language);
  }

  /**
   * Organizers: partial update. volunteersNeeded below the assignees is 409; a new time moves
   * the assignees' reminders and e-mails them, and is 409 when it overlaps another of their tasks.
   */
  @Patch('tasks/:taskId')
  @ApiLangQuery()
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('taskId') taskId: string,
    @Body() dto: UpdateTaskDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<TaskResponseDto> {
    return this.tasks.edit(user.id, taskId, dto, language);
  }

  /**
   * Organizers assign a volunteer or organizer of the group (anyone else: 409 NOT_A_VOLUNTEER).
   * 409 TASK_FULL, ALREADY_ASSIGNED or OVERLAPS_TASK (naming the other task).
   */
  @Post('tasks/:taskId/assignments')
  assign(
    @CurrentUser() user: AuthUser,
    @UuidParam('taskId') taskId: string,
    @Body() dto: AssignVolunteerDto,
  ): Promise<AssignmentResponseDto> {
    return this.tasks.assign(user.id, taskId, dto.userId);
  }

  /** A volunteer takes a slot; same 409s as an assignment. */
  @Post('tasks/:taskId/sign-up')
  signUp(
    @CurrentUser() user: AuthUser,
    @UuidParam('taskId') taskId: string,
  ): Promise<AssignmentResponseDto> {
    return this.tasks.signUp(user.id, taskId);
  }

  /** Organizers remove anyone, volunteers themselves; the volunteer is e-mailed. */
  @Delete('tasks/:taskId/assignments/:userId')
  @HttpCode(204)
  unassign(
    @CurrentUser() user: AuthUser,
    @UuidParam('taskId') taskId: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.tasks.unassign(user.id, taskId, userId);
  }

  /** An assignee or organizer marks the task done. */
  @Post('tasks/:taskId/complete')
  @HttpCode(200)
  @ApiLangQuery()
  complete(
    @CurrentUser() user: AuthUser,
    @UuidParam('taskId') taskId: string,
    @ReaderLanguage() language: Language | null,
  ): Promise<TaskResponseDto> {
    return this.tasks.complete(user.id, taskId, language);
  }

  /**
   * Organizers: the group's volunteers and organizers for this task, each `available`,
   * `assigned` (already on it) or `clash` (on another task at an overlapping time, named in
   * `clashesWith`): available first, then by name.
   */
  @Get('tasks/:taskId/candidates')
  candidates(
    @CurrentUser() user: AuthUser,
    @UuidParam('taskId') taskId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<TaskCandidatePageDto> {
    return this.tasks.candidates(user.id, taskId, query);
  }

  /**
   * Tasks with a free slot the caller could sign up for: not started, of published events of
   * groups where the caller volunteers or organizes, not already theirs. Each names the
   * caller's own task it overlaps in `clashesWith` (sign-up would be 409 OVERLAPS_TASK);
   * `hideClashing=true` leaves those out.
   */
  @Get('me/open-tasks')
  open(
    @CurrentUser() user: AuthUser,
    @Query() query: OpenTasksQueryDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<OpenTaskPageDto> {
    return this.tasks.listOpen(user.id, query, language);
  }

  /** The caller's tasks across all groups, by start, each with its event. */
  @Get('me/tasks')
  mine(
    @CurrentUser() user: AuthUser,
    @Query() query: MyTasksQueryDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<MyTaskPageDto> {
    return this.tasks.listMine(user.id, query, language);
  }
}
