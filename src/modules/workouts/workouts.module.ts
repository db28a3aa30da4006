import { Module } from '@nestjs/common';
import { ExercisesModule } from '../exercises/exercises.module';
import { TemplatesModule } from '../templates/templates.module';
import { UsersModule } from '../users/users.module';
import { PersonalRecordsRepository } from './personal-records.repository';
import { WorkoutAccess } from './workout-access';
import { WorkoutSync } from './workout-sync';
import { WorkoutContentController } from './workout-content.controller';
import { WorkoutContentService } from './workout-content.service';
import { WorkoutsController } from './workouts.controller';
import { WorkoutsRepository } from './workouts.repository';
import { WorkoutsService } from './workouts.service';

/** Workout sessions, their exercises and sets, completion and personal records. */
@Module({
  imports: [ExercisesModule, TemplatesModule, UsersModule],
  controllers: [WorkoutsController, WorkoutContentController],
  providers: [
    WorkoutsRepository,
    PersonalRecordsRepository,
    WorkoutAccess,
    WorkoutSync,
    WorkoutsService,
    WorkoutContentService,
  ],
  exports: [WorkoutsService],
})
export class WorkoutsModule {}
