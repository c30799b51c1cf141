import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { HelpRequestCommentEntity } from './help-request-comment.entity.js';
import { HelpRequestHistoryEntity } from './help-request-history.entity.js';
import { HelpRequestEntity } from './help-request.entity.js';
import { HelpRequestsController } from './help-requests.controller.js';
import { HelpRequestsService } from './help-requests.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      HelpRequestEntity,
      HelpRequestHistoryEntity,
      HelpRequestCommentEntity,
    ]),
    // Re-exports FanGroupsModule (GroupAccess, group and membership repositories).
    EventsModule,
  ],
  controllers: [HelpRequestsController],
  providers: [HelpRequestsService],
  exports: [HelpRequestsService, TypeOrmModule, EventsModule],
})
export class HelpRequestsModule {}
