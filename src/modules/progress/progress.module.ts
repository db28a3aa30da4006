import { Module } from '@nestjs/common';
import { ExercisesModule } from '../exercises/exercises.module';
import { UsersModule } from '../users/users.module';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';

/** Strength, volume and training analytics over the workouts' tables (docs/progress.md). */
@Module({
  imports: [ExercisesModule, UsersModule],
  controllers: [ProgressController],
  providers: [ProgressRepository, ProgressService],
  exports: [ProgressService],
})
export class ProgressModule {}
