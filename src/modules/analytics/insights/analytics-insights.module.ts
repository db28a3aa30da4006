import { Module } from '@nestjs/common';
import { UsersModule } from '../../users/users.module';
import { AnalyticsInsightsController } from './insights.controller';
import { InsightsRepository } from './insights.repository';
import { AnalyticsInsightsService } from './insights.service';

/**
 * Insights (GET /analytics/insights, docs/insights.md): correlations between journal and
 * training, and anomalies. Exports the service for the PDF reports.
 */
@Module({
  imports: [UsersModule],
  controllers: [AnalyticsInsightsController],
  providers: [InsightsRepository, AnalyticsInsightsService],
  exports: [AnalyticsInsightsService],
})
export class AnalyticsInsightsModule {}
