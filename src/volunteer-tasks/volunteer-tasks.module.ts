import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { TaskAssignmentEntity } from './task-assignment.entity.js';
import { VolunteerTaskEntity } from './volunteer-task.entity.js';
import { VolunteerTasksController } from './volunteer-tasks.controller.js';
import { VolunteerTasksService } from './volunteer-tasks.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([VolunteerTaskEntity, TaskAssignmentEntity]), EventsModule],
  controllers: [VolunteerTasksController],
  providers: [VolunteerTasksService],
})
export class VolunteerTasksModule {}
