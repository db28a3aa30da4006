import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExercisesModule } from '../../exercises/exercises.module';
import { GoalsModule } from '../../goals/goals.module';
import { TemplatesModule } from '../../templates/templates.module';
import { UsersModule } from '../../users/users.module';
import { TrainingLoadRepository } from '../training-load.repository';
import { RecommendationCooldown } from './entities/recommendation-cooldown.entity';
import { RecommendationPreference } from './entities/recommendation-preference.entity';
import { RecommendationSchedule } from './entities/recommendation-schedule.entity';
import { Recommendation } from './entities/recommendation.entity';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService } from './recommendations.service';
import { RecommendationsSubscribers } from './recommendations.subscribers';

/**
 * Recommendations (docs/recommendations.md), part of the AI coach in a module of its own:
 * the routes, the rules, the domain-event subscriber that marks users due, and the service the
 * worker's RecommendationsProcessor runs. Shares the training-load computation with template
 * optimisation (../training-load.ts).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Recommendation,
      RecommendationPreference,
      RecommendationCooldown,
      RecommendationSchedule,
    ]),
    ExercisesModule,
    GoalsModule,
    TemplatesModule,
    UsersModule,
  ],
  controllers: [RecommendationsController],
  providers: [
    RecommendationsRepository,
    RecommendationsService,
    RecommendationsSubscribers,
    TrainingLoadRepository,
  ],
  exports: [RecommendationsService],
})
export class RecommendationsModule {}
