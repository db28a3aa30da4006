import { Module } from '@nestjs/common';
import { ExercisesModule } from '../exercises/exercises.module';
import { UsersModule } from '../users/users.module';
import { AdminTemplatesController } from './admin-templates.controller';
import { TemplatesController } from './templates.controller';
import { TemplatesRepository } from './templates.repository';
import { TemplatesService } from './templates.service';

/** Workout templates. Exports TemplatesService to workouts (findForWorkout, recordUse). */
@Module({
  imports: [ExercisesModule, UsersModule],
  controllers: [TemplatesController, AdminTemplatesController],
  providers: [TemplatesRepository, TemplatesService],
  exports: [TemplatesService],
})
export class TemplatesModule {}
