import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiModule } from '../ai/ai.module';
import { ExercisesModule } from '../exercises/exercises.module';
import { GoalsModule } from '../goals/goals.module';
import { TemplatesModule } from '../templates/templates.module';
import { UsersModule } from '../users/users.module';
import { AiCoachController } from './ai-coach.controller';
import { FormAnalysisController } from './form-analysis/form-analysis.controller';
import { FormAnalysisService } from './form-analysis/form-analysis.service';
import { PlanGeneration } from './entities/plan-generation.entity';
import { GoalHistoryRepository } from './goal-history.repository';
import { GoalOptimizationService } from './goal-optimization.service';
import { TemplateOptimization } from './entities/template-optimization.entity';
import { TemplateOptimizationService } from './template-optimization.service';
import { TemplateOptimizationsRepository } from './template-optimizations.repository';
import { PlanGenerationService } from './plan-generation.service';
import { PlanGenerationsRepository } from './plan-generations.repository';
import { SubstitutionService } from './substitution.service';
import { TemplateCoachController } from './template-coach.controller';
import { TrainingLoadRepository } from './training-load.repository';

/**
 * The AI coach (docs/ai-coach.md): plan generation, template optimisation, substitutions and
 * goal optimisation, and form analysis from pose keypoints; grounded in the user's data and the exercise library, on the shared AI
 * layer (AiModule: providers, fallback, metering, quotas).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([PlanGeneration, TemplateOptimization]),
    AiModule,
    ExercisesModule,
    GoalsModule,
    TemplatesModule,
    UsersModule,
  ],
  controllers: [AiCoachController, TemplateCoachController, FormAnalysisController],
  providers: [
    PlanGenerationsRepository,
    PlanGenerationService,
    SubstitutionService,
    TemplateOptimizationsRepository,
    TemplateOptimizationService,
    GoalHistoryRepository,
    GoalOptimizationService,
    FormAnalysisService,
    TrainingLoadRepository,
  ],
  exports: [PlanGenerationService],
})
export class AiCoachModule {}
