import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { migrations } from '../../migrations/index.js';
import type { AppConfig } from '../config/app-config.js';
import { loadConfig } from '../config/app-config.js';

/**
 * Options shared by the app (TypeOrmModule) and the TypeORM CLI. `synchronize` is off
 * everywhere: the schema only changes through committed migrations.
 */
export function dataSourceOptions(db: AppConfig['db']): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'migrations',
    uuidExtension: 'pgcrypto',
    extra: {
      max: db.poolSize,
      // Nothing may hang: a stuck lock or query fails fast and the filter answers 503.
      options: `-c statement_timeout=${db.statementTimeoutMs} -c lock_timeout=${db.lockTimeoutMs} -c idle_in_transaction_session_timeout=${db.statementTimeoutMs * 3}`,
      connectionTimeoutMillis: 5000,
      // Client-side guard for a connection that dies silently (the server's timeout never fires).
      query_timeout: db.statementTimeoutMs + 2000,
    },
  };
}

// The CLI (migration:generate|run|revert) loads this default export from dist/.
export default new DataSource({
  ...dataSourceOptions(loadConfig().db),
  entities: [`${import.meta.dirname}/../**/*.entity.js`],
});
