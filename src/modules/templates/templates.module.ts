import { Module } from '@nestjs/common';
import { ExercisesModule } from '../exercises/exercises.module';
import { AdminTemplatesController } from './admin-templates.controller';
import { TemplatesController } from './templates.controller';
import { TemplatesRepository } from './templates.repository';
import { TemplatesService } from './templates.service';

/** Workout templates. Exports TemplatesService to workouts (findForWorkout, recordUse). */
@Module({
  imports: [ExercisesModule],
  controllers: [TemplatesController, AdminTemplatesController],
  providers: [TemplatesRepository, TemplatesService],
  exports: [TemplatesService],
})
export class TemplatesModule {}
