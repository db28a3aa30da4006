import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnalyticsModule } from '../analytics/analytics.module';
import { AnalyticsInsightsModule } from '../analytics/insights/analytics-insights.module';
import { BodyMetricsModule } from '../body-metrics/body-metrics.module';
import { EmailsModule } from '../emails/emails.module';
import { GoalsModule } from '../goals/goals.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProgressModule } from '../progress/progress.module';
import { UsersModule } from '../users/users.module';
import { WorkoutsModule } from '../workouts/workouts.module';
import { Report } from './entities/report.entity';
import { ReportSchedule } from './entities/report-schedule.entity';
import { ReportDataService } from './report-data.service';
import { ReportSchedulesRepository } from './report-schedules.repository';
import { ReportSchedulesService } from './report-schedules.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** PDF reports, generated and scheduled (docs/reports.md). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Report, ReportSchedule]),
    UsersModule,
    ProgressModule,
    BodyMetricsModule,
    GoalsModule,
    WorkoutsModule,
    AnalyticsModule,
    AnalyticsInsightsModule,
    EmailsModule,
    NotificationsModule,
  ],
  controllers: [ReportsController],
  providers: [
    ReportsRepository,
    ReportSchedulesRepository,
    ReportDataService,
    ReportsService,
    ReportSchedulesService,
  ],
  exports: [ReportsService, ReportSchedulesService],
})
export class ReportsModule {}
