import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { DOMAIN_MODULES } from './domain-modules';
import { DomainEventsWorkerModule } from './infrastructure/events/domain-events-worker.module';
import { JobHandlerRegistry } from './infrastructure/queues/job-handler-registry';
import { MaintenanceProcessor } from './infrastructure/maintenance/maintenance.processor';
import { RecurringJobs } from './infrastructure/queues/recurring-jobs';
import { AiCoachProcessor } from './modules/ai-coach/ai-coach.processor';
import { AccountEmailsProcessor } from './modules/auth/account-emails.processor';
import { ChallengesProcessor } from './modules/challenges/challenges.processor';
import { LeaderboardsProcessor } from './modules/leaderboards/leaderboards.processor';
import { EmailsProcessor } from './modules/emails/emails.processor';
import { NotificationsProcessor } from './modules/notifications/notifications.processor';
import { SummariesProcessor } from './modules/summaries/summaries.processor';
import { RecommendationsProcessor } from './modules/ai-coach/recommendations/recommendations.processor';
import { AccountDeletionProcessor } from './modules/account-deletion/account-deletion.processor';
import { DataRightsProcessor } from './modules/data-rights/data-rights.processor';
import { ReportsProcessor } from './modules/reports/reports.processor';

/**
 * Every queue processor but the domain-events one (which comes with DomainEventsWorkerModule).
 * The worker refuses to start if a job name has no handler.
 */
export const PROCESSORS = [
  EmailsProcessor,
  AccountEmailsProcessor,
  SummariesProcessor,
  NotificationsProcessor,
  MaintenanceProcessor,
  AiCoachProcessor,
  ChallengesProcessor,
  LeaderboardsProcessor,
  RecommendationsProcessor,
  AccountDeletionProcessor,
  DataRightsProcessor,
  ReportsProcessor,
];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, 'worker'),
        DiscoveryModule,
        DomainEventsWorkerModule,
        ...DOMAIN_MODULES,
      ],
      providers: [...PROCESSORS, RecurringJobs, JobHandlerRegistry],
    };
  }
}
