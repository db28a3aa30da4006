import { LogLevel, NodeEnv } from './env.schema';

/** A social sign-in provider; `enabled` when both client id and secret are set. */
export interface OAuthProviderConfig {
  enabled: boolean;
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** Google: the userinfo endpoint. GitHub: unused (see apiUrl). */
  userInfoUrl: string;
}

/** The typed, validated configuration every provider receives (injected by class). */
export class AppConfig {
  env: NodeEnv;
  version: string;
  http: {
    port: number;
    corsOrigins: string[] | '*';
    /** BODY_LIMIT in bytes (1kb = 1024 bytes). */
    bodyLimitBytes: number;
    trustProxyHops: number;
    publicUrl: string;
    swaggerEnabled: boolean;
  };
  worker: { port: number };
  database: { url: string; poolSize: number };
  redis: { url: string };
  queue: {
    prefix: string;
    attempts: number;
    backoffMs: number;
    lockMs: number;
    concurrency: number;
    recurringCheckMs: number;
  };
  auth: {
    accessSecret: string;
    refreshSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    revocationsPollMs: number;
  };
  throttle: { ttlSeconds: number; limit: number; authLimit: number };
  log: { level: LogLevel; pretty: boolean };
  mail: { from: string; dir: string; smtpUrl: string | null };
  frontendUrl: string;
  accounts: {
    verificationTtlSeconds: number;
    resetTtlSeconds: number;
    emailsPerHour: number;
  };
  oauth: {
    redirectAllowlist: string[];
    google: OAuthProviderConfig;
    github: OAuthProviderConfig & { apiUrl: string };
  };
  ai: {
    provider: 'local' | 'openai';
    baseUrl: string;
    model: string;
    apiKey: string;
    timeoutMs: number;
    maxRetries: number;
    breakerErrorPercent: number;
    breakerResetMs: number;
    /** Per user, per UTC day and per AI coach feature. */
    coachDailyQuota: number;
    coachSweepAfterSeconds: number;
  };
  summaries: { dailyQuota: number; sweepAfterSeconds: number };
  /** Domain events: the worker's relay from the outbox table to the subscribers' jobs. */
  outbox: { pollMs: number; batchSize: number; retryMaxMs: number; retentionHours: number };
  /** Notifications: email delay, digests, retention (docs/notifications.md). */
  notifications: {
    emailDelaySeconds: number;
    digestAfterSeconds: number;
    digestTickMs: number;
    retentionDays: number;
  };
  /** Idempotency-Keys: how long a key is remembered (src/common/idempotency). */
  idempotency: { retentionHours: number };

  /** Files (src/infrastructure/storage): a folder, or a bucket of an S3-compatible service. */
  storage: {
    driver: 'fs' | 's3';
    dir: string;
    s3: {
      endpoint: string | null;
      bucket: string;
      region: string;
      accessKeyId: string | null;
      secretAccessKey: string | null;
    };
  };

  /** PDF reports (docs/reports.md): the schedules' tick, the sweeper, email attachments. */
  reports: { tickMs: number; sweepAfterSeconds: number; emailAttachmentMaxBytes: number };
  /** Benchmarks against similar users: the k floor (docs/insights.md). */
  benchmark: { minCohort: number };
  /** Recommendations (docs/recommendations.md): debounce after events, the tick's period. */
  recommendations: { debounceSeconds: number; tickMs: number };
  /** Cached AI answers (AiService.run): their lifetime, 0 for none. */
  aiCache: { ttlSeconds: number };
  /** Account deletion (docs/account-deletion.md), suspensions and the accounts tick. */
  accountDeletion: { graceDays: number; recentSignInMinutes: number; tickMs: number };
  /** Admin figures and tools (docs/admin.md). */
  admin: {
    promptCentsPerMillionTokens: number;
    completionCentsPerMillionTokens: number;
    queueBoardSessionMinutes: number;
  };
  /** Data export and import (docs/data-rights.md). */
  dataRights: {
    exportLinkTtlSeconds: number;
    exportRetentionHours: number;
    importMaxBytes: number;
  };

  get isProduction(): boolean {
    return this.env === 'production';
  }
}
