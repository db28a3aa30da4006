import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig } from './app-config';
import { DEVELOPMENT_DEFAULTS, EnvironmentVariables, REQUIRED_IN_PRODUCTION } from './env.schema';
import { version as packageVersion } from '../../package.json';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

const DEVELOPMENT_SECRETS = new Set([
  DEVELOPMENT_DEFAULTS.JWT_ACCESS_SECRET,
  DEVELOPMENT_DEFAULTS.JWT_REFRESH_SECRET,
]);

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** `100kb`, `1mb`, `512b` (the form the schema accepts) in bytes. */
export function sizeInBytes(size: string): number {
  const [, amount, unit] = /^(\d+)(b|kb|mb)$/i.exec(size)!;
  return Number(amount) * SIZE_UNITS[unit.toLowerCase()];
}

function describe(error: ValidationError): string {
  const messages = Object.values(error.constraints ?? {});
  const value = error.value === undefined ? 'missing' : `got ${JSON.stringify(error.value)}`;
  return `${error.property}: ${messages.join('; ')} (${value})`;
}

/**
 * Reads and validates the environment once. Throws a ConfigValidationError naming every
 * bad or missing variable; the entrypoints turn it into a clear message and exit code 1.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const isProduction = nodeEnv === 'production';
  const problems: string[] = [];
  const raw: Record<string, string | undefined> = {};

  for (const [key, fallback] of Object.entries(DEVELOPMENT_DEFAULTS)) {
    const given = env[key] === '' ? undefined : env[key];
    const required = isProduction && (REQUIRED_IN_PRODUCTION as readonly string[]).includes(key);
    if (given === undefined && required) {
      problems.push(`${key}: is required when NODE_ENV=production (missing)`);
    }
    raw[key] = given ?? (required || fallback === '' ? undefined : fallback);
  }
  raw.NODE_ENV = nodeEnv;
  raw.APP_VERSION = env.APP_VERSION || packageVersion;

  const vars = plainToInstance(EnvironmentVariables, raw);
  const missingReported = new Set(problems.map((p) => p.split(':')[0]));
  for (const error of validateSync(vars, { whitelist: true })) {
    if (!missingReported.has(error.property)) problems.push(describe(error));
  }

  if (isProduction) {
    for (const key of ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET'] as const) {
      if (vars[key] && DEVELOPMENT_SECRETS.has(vars[key])) {
        problems.push(`${key}: must not be the development default in production`);
      }
    }
    if (vars.JWT_ACCESS_SECRET && vars.JWT_ACCESS_SECRET === vars.JWT_REFRESH_SECRET) {
      problems.push('JWT_REFRESH_SECRET: must differ from JWT_ACCESS_SECRET');
    }
    if (vars.CORS_ORIGINS?.trim() === '*') {
      problems.push('CORS_ORIGINS: "*" is not allowed in production; list the origins');
    }
  }
  if (vars.STORAGE_DRIVER === 's3' && !vars.S3_BUCKET && !missingReported.has('S3_BUCKET')) {
    problems.push('S3_BUCKET: is required when STORAGE_DRIVER=s3 (missing)');
  }
  if (!vars.S3_ACCESS_KEY_ID !== !vars.S3_SECRET_ACCESS_KEY) {
    problems.push(
      'S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all',
    );
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);

  const corsOrigins = vars.CORS_ORIGINS.trim();
  return Object.assign(new AppConfig(), {
    env: vars.NODE_ENV,
    version: vars.APP_VERSION ?? '0.0.0',
    http: {
      port: vars.PORT,
      corsOrigins:
        corsOrigins === '*'
          ? '*'
          : corsOrigins
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean),
      bodyLimitBytes: sizeInBytes(vars.BODY_LIMIT),
      trustProxyHops: vars.TRUST_PROXY_HOPS,
      publicUrl: vars.APP_URL.replace(/\/+$/, ''),
      swaggerEnabled: vars.SWAGGER_ENABLED,
    },
    worker: { port: vars.WORKER_PORT },
    database: { url: vars.DATABASE_URL, poolSize: vars.DATABASE_POOL_SIZE },
    redis: { url: vars.REDIS_URL },
    queue: {
      prefix: vars.QUEUE_PREFIX,
      attempts: vars.JOB_ATTEMPTS,
      backoffMs: vars.JOB_BACKOFF_MS,
      lockMs: vars.JOB_LOCK_MS,
      concurrency: vars.JOB_CONCURRENCY,
      recurringCheckMs: vars.RECURRING_JOBS_CHECK_MS,
    },
    auth: {
      accessSecret: vars.JWT_ACCESS_SECRET,
      refreshSecret: vars.JWT_REFRESH_SECRET,
      accessTtlSeconds: vars.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: vars.JWT_REFRESH_TTL_SECONDS,
      revocationsPollMs: vars.REVOCATIONS_POLL_MS,
    },
    throttle: {
      ttlSeconds: vars.THROTTLE_TTL_SECONDS,
      limit: vars.THROTTLE_LIMIT,
      authLimit: vars.THROTTLE_AUTH_LIMIT,
    },
    log: { level: vars.LOG_LEVEL, pretty: vars.LOG_FORMAT === 'pretty' },
    mail: { from: vars.MAIL_FROM, dir: vars.MAIL_DIR, smtpUrl: vars.SMTP_URL || null },
    frontendUrl: vars.FRONTEND_URL.replace(/\/+$/, ''),
    accounts: {
      verificationTtlSeconds: vars.EMAIL_VERIFICATION_TTL_SECONDS,
      resetTtlSeconds: vars.PASSWORD_RESET_TTL_SECONDS,
      emailsPerHour: vars.ACCOUNT_EMAILS_PER_HOUR,
    },
    oauth: {
      redirectAllowlist: vars.OAUTH_REDIRECT_ALLOWLIST.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
      google: {
        enabled: !!(vars.GOOGLE_CLIENT_ID && vars.GOOGLE_CLIENT_SECRET),
        clientId: vars.GOOGLE_CLIENT_ID ?? '',
        clientSecret: vars.GOOGLE_CLIENT_SECRET ?? '',
        authorizationUrl: vars.GOOGLE_AUTHORIZATION_URL,
        tokenUrl: vars.GOOGLE_TOKEN_URL,
        userInfoUrl: vars.GOOGLE_USERINFO_URL,
      },
      github: {
        enabled: !!(vars.GITHUB_CLIENT_ID && vars.GITHUB_CLIENT_SECRET),
        clientId: vars.GITHUB_CLIENT_ID ?? '',
        clientSecret: vars.GITHUB_CLIENT_SECRET ?? '',
        authorizationUrl: vars.GITHUB_AUTHORIZATION_URL,
        tokenUrl: vars.GITHUB_TOKEN_URL,
        userInfoUrl: `${vars.GITHUB_API_URL.replace(/\/+$/, '')}/user`,
        apiUrl: vars.GITHUB_API_URL.replace(/\/+$/, ''),
      },
    },
    ai: {
      provider: vars.AI_PROVIDER,
      baseUrl: vars.AI_BASE_URL.replace(/\/+$/, ''),
      model: vars.AI_MODEL,
      apiKey: vars.AI_API_KEY ?? '',
      timeoutMs: vars.AI_TIMEOUT_MS,
      maxRetries: vars.AI_MAX_RETRIES,
      breakerErrorPercent: vars.AI_BREAKER_ERROR_PERCENT,
      breakerResetMs: vars.AI_BREAKER_RESET_MS,
      coachDailyQuota: vars.AI_COACH_DAILY_QUOTA,
      coachSweepAfterSeconds: vars.AI_COACH_SWEEP_AFTER_SECONDS,
    },
    summaries: {
      dailyQuota: vars.SUMMARY_DAILY_QUOTA,
      sweepAfterSeconds: vars.SUMMARY_SWEEP_AFTER_SECONDS,
    },
    outbox: {
      pollMs: vars.OUTBOX_POLL_MS,
      batchSize: vars.OUTBOX_BATCH_SIZE,
      retryMaxMs: vars.OUTBOX_RETRY_MAX_MS,
      retentionHours: vars.OUTBOX_RETENTION_HOURS,
    },
    notifications: {
      emailDelaySeconds: vars.NOTIFICATION_EMAIL_DELAY_SECONDS,
      digestAfterSeconds: vars.NOTIFICATION_DIGEST_AFTER_SECONDS,
      digestTickMs: vars.NOTIFICATION_DIGEST_TICK_MS,
      retentionDays: vars.NOTIFICATION_RETENTION_DAYS,
    },
    idempotency: { retentionHours: vars.IDEMPOTENCY_KEY_RETENTION_HOURS },
    storage: {
      driver: vars.STORAGE_DRIVER,
      dir: vars.STORAGE_DIR,
      s3: {
        endpoint: vars.S3_ENDPOINT || null,
        bucket: vars.S3_BUCKET ?? '',
        region: vars.S3_REGION,
        accessKeyId: vars.S3_ACCESS_KEY_ID || null,
        secretAccessKey: vars.S3_SECRET_ACCESS_KEY || null,
      },
    },
    reports: {
      tickMs: vars.REPORT_TICK_MS,
      sweepAfterSeconds: vars.REPORT_SWEEP_AFTER_SECONDS,
      emailAttachmentMaxBytes: vars.REPORT_EMAIL_ATTACHMENT_MAX_BYTES,
    },
    benchmark: { minCohort: vars.BENCHMARK_MIN_COHORT },
    recommendations: {
      debounceSeconds: vars.RECOMMENDATIONS_DEBOUNCE_SECONDS,
      tickMs: vars.RECOMMENDATIONS_TICK_MS,
    },
    aiCache: { ttlSeconds: vars.AI_CACHE_TTL_SECONDS },
    accountDeletion: {
      graceDays: vars.ACCOUNT_DELETION_GRACE_DAYS,
      recentSignInMinutes: vars.ACCOUNT_DELETION_RECENT_SIGN_IN_MINUTES,
      tickMs: vars.ACCOUNTS_TICK_MS,
    },
    admin: {
      promptCentsPerMillionTokens: vars.AI_PROMPT_CENTS_PER_MTOK,
      completionCentsPerMillionTokens: vars.AI_COMPLETION_CENTS_PER_MTOK,
      queueBoardSessionMinutes: vars.QUEUE_BOARD_SESSION_MINUTES,
    },
    dataRights: {
      exportLinkTtlSeconds: vars.DATA_EXPORT_LINK_TTL_SECONDS,
      exportRetentionHours: vars.DATA_EXPORT_RETENTION_HOURS,
      importMaxBytes: vars.DATA_IMPORT_MAX_BYTES,
    },
  });
}

/** For entrypoints: a clear message on stderr and exit code 1 instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(`FitAI cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
