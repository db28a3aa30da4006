/**
 * The TypeORM CLI's data source (migration:generate / run / revert). Built from the same
 * options as the application; reads DATABASE_URL with the same development default.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { DEVELOPMENT_DEFAULTS } from './src/config/env.schema';
import { buildDataSourceOptions } from './src/infrastructure/database/data-source-options';

export default new DataSource(
  buildDataSourceOptions({
    url: process.env.DATABASE_URL || DEVELOPMENT_DEFAULTS.DATABASE_URL,
    applicationName: 'fitai-cli',
  }),
);
