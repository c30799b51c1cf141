import { type DynamicModule, Module } from '@nestjs/common';
import type { AppRole } from '../config/app-config.js';
import { AccountDeletionService } from './account-deletion.service.js';
import { AccountExportService } from './account-export.service.js';
import { PrivacyController } from './privacy.controller.js';
import { RetentionScheduler } from './retention.scheduler.js';
import { RetentionService } from './retention.service.js';

/**
 * Personal data across every feature: export, account deletion, retention. It sits on top of
 * the dependency graph (reads every feature's tables); nothing imports it.
 */
@Module({})
export class PrivacyModule {
  /** Only `worker` and `all` processes schedule the retention pass. */
  static register(role: AppRole): DynamicModule {
    return {
      module: PrivacyModule,
      controllers: [PrivacyController],
      providers: [
        AccountExportService,
        AccountDeletionService,
        RetentionService,
        ...(role === 'api' ? [] : [RetentionScheduler]),
      ],
      exports: [RetentionService],
    };
  }
}
