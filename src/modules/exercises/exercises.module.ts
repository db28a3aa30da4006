import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminExercisesController } from './admin-exercises.controller';
import { ExerciseLibraryCache } from './exercise-library-cache';
import { UsersModule } from '../users/users.module';
import { ExerciseRankingsRepository } from './exercise-rankings.repository';
import { ExerciseRankingsService } from './exercise-rankings.service';
import { Exercise } from './entities/exercise.entity';
import { ExerciseRating } from './entities/exercise-rating.entity';
import { ExercisesController } from './exercises.controller';
import { ExercisesRepository } from './exercises.repository';
import { ExercisesService } from './exercises.service';

@Module({
  imports: [TypeOrmModule.forFeature([Exercise, ExerciseRating]), UsersModule],
  controllers: [ExercisesController, AdminExercisesController],
  providers: [
    ExercisesRepository,
    ExercisesService,
    ExerciseLibraryCache,
    ExerciseRankingsRepository,
    ExerciseRankingsService,
  ],
  exports: [ExercisesService],
})
export class ExercisesModule {}
