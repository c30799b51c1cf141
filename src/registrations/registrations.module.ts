import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { RegistrationEntity } from './registration.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([RegistrationEntity]), EventsModule],
})
export class RegistrationsModule {}
