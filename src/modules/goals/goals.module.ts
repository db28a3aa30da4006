import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExercisesModule } from '../exercises/exercises.module';
import { UsersModule } from '../users/users.module';
import { GoalMilestone } from './entities/goal-milestone.entity';
import { Goal } from './entities/goal.entity';
import { GoalValuesRepository } from './goal-values.repository';
import { GoalsController } from './goals.controller';
import { GoalsRepository } from './goals.repository';
import { GoalsService } from './goals.service';
import { GoalsSubscribers } from './goals.subscribers';

@Module({
  imports: [TypeOrmModule.forFeature([Goal, GoalMilestone]), UsersModule, ExercisesModule],
  controllers: [GoalsController],
  providers: [GoalsRepository, GoalValuesRepository, GoalsService, GoalsSubscribers],
  exports: [GoalsService],
})
export class GoalsModule {}
