import { Module } from '@nestjs/common';
import { BodyMetricsModule } from '../body-metrics/body-metrics.module';
import { EntriesModule } from '../entries/entries.module';
import { GoalsModule } from '../goals/goals.module';
import { UsersModule } from '../users/users.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { AnalyticsSubscribers } from './analytics.subscribers';
import { TrainingRollupsRepository } from './rollups/training-rollups.repository';
import { TrainingRollupsService } from './rollups/training-rollups.service';

/**
 * Analytics over periods (overview, volume, frequency, compare) and the training rollups they,
 * and the progress routes, read (docs/analytics.md).
 */
@Module({
  imports: [UsersModule, BodyMetricsModule, GoalsModule, EntriesModule],
  controllers: [AnalyticsController],
  providers: [
    TrainingRollupsRepository,
    TrainingRollupsService,
    AnalyticsService,
    AnalyticsSubscribers,
  ],
  exports: [AnalyticsService, TrainingRollupsService],
})
export class AnalyticsModule {}
