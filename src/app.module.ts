import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { BullModule } from '@nestjs/bull';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ArrivalsModule } from './arrivals/arrivals.module.js';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { AppValidationPipe } from './common/app-validation.pipe.js';
import { RedisModule } from './common/redis/redis.module.js';
import { UnexpectedBodyInterceptor } from './common/unexpected-body.interceptor.js';
import { type AppRole, loadConfig, type TypedConfigService } from './config/app-config.js';
import { DatabaseModule } from './database/database.module.js';
import { EventsModule } from './events/events.module.js';
import { FanGroupsModule } from './fan-groups/fan-groups.module.js';
import { HealthModule } from './health/health.module.js';
import { HelpRequestsModule } from './help-requests/help-requests.module.js';
import { HostingModule } from './hosting/hosting.module.js';
import { LotteryModule } from './lottery/lottery.module.js';
import { MailModule } from './mail/mail.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { RegistrationsModule } from './registrations/registrations.module.js';
import { VolunteerTasksModule } from './volunteer-tasks/volunteer-tasks.module.js';

/** Request ids: honour a caller's X-Request-Id when it is sane, else a fresh UUID. */
export function requestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}

@Module({})
export class AppModule {
  /** `api` serves HTTP only, `worker` runs queue processors and periodic jobs only, `all` both. */
  static register(role: AppRole = 'all'): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: (raw) => loadConfig(raw),
        }),
        DatabaseModule,
        RedisModule,
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: TypedConfigService) => {
            const { url, prefix } = config.get('redis', { infer: true });
            return { url, prefix: `${prefix}:bull` };
          },
        }),
        MailModule.register(role),
        AuthModule,
        FanGroupsModule,
        EventsModule,
        RegistrationsModule,
        LotteryModule.register(role),
        VolunteerTasksModule,
        HelpRequestsModule,
        HostingModule,
        ArrivalsModule,
        CalendarModule,
        HealthModule,
        PrivacyModule.register(role),
      ],
      providers: [
        { provide: APP_PIPE, useClass: AppValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_INTERCEPTOR, useClass: UnexpectedBodyInterceptor },
      ],
    };
  }
}
