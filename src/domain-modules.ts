import { AdminModule } from './modules/admin/admin.module';
import { AiCoachModule } from './modules/ai-coach/ai-coach.module';
import { ChatModule } from './modules/ai-coach/chat/chat.module';
import { AuthModule } from './modules/auth/auth.module';
import { BodyMetricsModule } from './modules/body-metrics/body-metrics.module';
import { ChallengesModule } from './modules/challenges/challenges.module';
import { EmailsModule } from './modules/emails/emails.module';
import { EntriesModule } from './modules/entries/entries.module';
import { ExercisesModule } from './modules/exercises/exercises.module';
import { FeedModule } from './modules/feed/feed.module';
import { GoalsModule } from './modules/goals/goals.module';
import { LeaderboardsModule } from './modules/leaderboards/leaderboards.module';
import { HealthModule } from './modules/health/health.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OAuthModule } from './modules/oauth/oauth.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { ProgressModule } from './modules/progress/progress.module';
import { ModerationModule } from './modules/moderation/moderation.module';
import { SocialModule } from './modules/social/social.module';
import { SummariesModule } from './modules/summaries/summaries.module';
import { TemplatesModule } from './modules/templates/templates.module';
import { UsersModule } from './modules/users/users.module';
import { WorkoutsModule } from './modules/workouts/workouts.module';
import { AnalyticsInsightsModule } from './modules/analytics/insights/analytics-insights.module';
import { AnalyticsBenchmarkModule } from './modules/analytics/benchmark/analytics-benchmark.module';
import { RecommendationsModule } from './modules/ai-coach/recommendations/recommendations.module';
import { AccountDeletionModule } from './modules/account-deletion/account-deletion.module';
import { DataRightsModule } from './modules/data-rights/data-rights.module';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { ReportsModule } from './modules/reports/reports.module';

/** The domain modules, shared by the API and the worker (the worker mounts no controllers). */
export const DOMAIN_MODULES = [
  HealthModule,
  UsersModule,
  AuthModule,
  OAuthModule,
  EmailsModule,
  AdminModule,
  EntriesModule,
  SummariesModule,
  ExercisesModule,
  BodyMetricsModule,
  TemplatesModule,
  WorkoutsModule,
  ProgressModule,
  GoalsModule,
  NotificationsModule,
  RealtimeModule,
  SocialModule,
  FeedModule,
  ModerationModule,
  AiCoachModule,
  ChallengesModule,
  LeaderboardsModule,
  AnalyticsInsightsModule,
  AnalyticsBenchmarkModule,
  RecommendationsModule,
  ChatModule,
  AccountDeletionModule,
  DataRightsModule,
  AnalyticsModule,
  ReportsModule,
];
