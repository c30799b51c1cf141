import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { TypedConfigService } from '../config/app-config.js';
import { ConfigService } from '@nestjs/config';
import { dataSourceOptions } from './data-source.js';
import { withAdvisoryLock } from './advisory-lock.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: TypedConfigService) => ({
        ...dataSourceOptions(config.get('db', { infer: true })),
        autoLoadEntities: true,
      }),
      // Several processes may boot at once: the advisory lock lets one apply pending
      // migrations while the others wait, then find nothing left to do.
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const dataSource = await new DataSource(options!).initialize();
        await withAdvisoryLock(dataSource, 'migrations', () =>
          dataSource.runMigrations({ transaction: 'each' }),
        );
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
