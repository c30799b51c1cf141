import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FanGroupEntity } from './fan-group.entity.js';
import { FanGroupsController, MyGroupsController } from './fan-groups.controller.js';
import { FanGroupsService } from './fan-groups.service.js';
import { GroupAccess } from './group-access.service.js';
import { GroupMembershipEntity } from './group-membership.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([FanGroupEntity, GroupMembershipEntity])],
  controllers: [FanGroupsController, MyGroupsController],
  providers: [FanGroupsService, GroupAccess],
  exports: [GroupAccess, TypeOrmModule],
})
export class FanGroupsModule {}
