/**
 * `npm run analytics:rebuild -- <user id>...` or `-- --all`: rebuilds the analytics rollups of
 * the given users (or of every user with a completed workout) from the workouts' tables, in
 * each user's time zone. Idempotent: a rebuild writes the same rows as the subscribers would,
 * so it can run at any time, workers running or not (docs/analytics.md, "Rebuilding").
 * Boots only what it needs (config + database), not the API or the worker.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule } from '../config/config.module';
import { loadConfigOrExit } from '../config/load-config';
import { DatabaseModule } from '../infrastructure/database/database.module';
import { TrainingRollupsRepository } from '../modules/analytics/rollups/training-rollups.repository';
import { TrainingRollupsService } from '../modules/analytics/training-rollups.service';
import { User } from '../modules/users/entities/user.entity';
import { UsersRepository } from '../modules/users/users.repository';
import { UsersService } from '../modules/users/users.service';
import { runInContext } from './run-in-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const all = args.includes('--all');
  const ids = args.filter((arg) => arg !== '--all');
  if ((!all && ids.length === 0) || ids.some((id) => !UUID.test(id))) {
    console.error('Usage: npm run analytics:rebuild -- <user id>... | --all');
    process.exit(2);
  }
  const config = loadConfigOrExit();

  @Module({
    imports: [
      AppConfigModule.forRoot(config, 'api'),
      DatabaseModule,
      TypeOrmModule.forFeature([User]),
    ],
    providers: [UsersRepository, UsersService, TrainingRollupsRepository, TrainingRollupsService],
  })
  class RebuildAnalyticsModule {}

  await runInContext(RebuildAnalyticsModule, async (app) => {
    const rollups = app.get(TrainingRollupsService);
    const users = all ? await app.get(TrainingRollupsRepository).usersWithTraining() : ids;
    const started = Date.now();
    for (const userId of users) await rollups.rebuild(userId);
    console.log(
      `rebuilt the analytics rollups of ${users.length} user(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
}

void main();
