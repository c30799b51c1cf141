import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { HostMatchEntity } from './host-match.entity.js';
import { HostMatchesService } from './host-matches.service.js';
import { HostingOfferEntity } from './hosting-offer.entity.js';
import { HostingOffersService } from './hosting-offers.service.js';
import { HostingController } from './hosting.controller.js';

/** Hosting offers and host matches for accommodation requests; sits on top of help-requests. */
@Module({
  imports: [TypeOrmModule.forFeature([HostingOfferEntity, HostMatchEntity]), HelpRequestsModule],
  controllers: [HostingController],
  providers: [HostingOffersService, HostMatchesService],
})
export class HostingModule {}
