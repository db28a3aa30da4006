import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({ url: config.database.url, poolSize: config.database.poolSize }),
        retryAttempts: config.isProduction ? 10 : 2,
        retryDelay: 1_000,
      }),
    }),
  ],
})
export class DatabaseModule {}
