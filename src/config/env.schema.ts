import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/**
 * Every setting FitAI reads from the environment. Names are the variable names, so a
 * validation error names exactly what an operator has to fix. `.env.example` mirrors this.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_PORT: number;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string;

  @IsString()
  @Matches(/^[a-zA-Z0-9:_-]{1,64}$/, {
    message: 'QUEUE_PREFIX must be 1-64 characters of letters, digits, ":", "_" or "-"',
  })
  QUEUE_PREFIX: string;

  @IsString()
  @MinLength(32, { message: 'JWT_ACCESS_SECRET must be at least 32 characters' })
  JWT_ACCESS_SECRET: string;

  @IsString()
  @MinLength(32, { message: 'JWT_REFRESH_SECRET must be at least 32 characters' })
  JWT_REFRESH_SECRET: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_ACCESS_TTL_SECONDS: number;

  @Transform(toInt)
  @IsInt()
  @Min(3_600)
  @Max(31_536_000)
  JWT_REFRESH_TTL_SECONDS: number;

  /**
   * How often each API process reads newly revoked sessions from PostgreSQL (a safety net:
   * Redis pub/sub tells it at once). The longest a revoked token may still pass on another
   * replica while Redis is down.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  REVOCATIONS_POLL_MS: number;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel;

  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty';

  /** Comma-separated list of allowed origins, or "*" for any (development only). */
  @IsString()
  CORS_ORIGINS: string;

  @IsString()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT: string;

  /** Number of reverse proxies in front of the API whose X-Forwarded-For is trusted. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600)
  THROTTLE_TTL_SECONDS: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  THROTTLE_LIMIT: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  THROTTLE_AUTH_LIMIT: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  JOB_ATTEMPTS: number;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  JOB_BACKOFF_MS: number;

  /**
   * How long a job's lock lasts without renewal (renewed at half this while the job runs). A
   * job whose worker died is taken up again within this plus half of it (stalled-job check).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  JOB_LOCK_MS: number;

  /** Jobs a worker process runs at once per queue (they wait on I/O, not on the CPU). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  JOB_CONCURRENCY: number;

  /** How often the worker checks its recurring jobs are registered (and re-registers them). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  RECURRING_JOBS_CHECK_MS: number;

  @IsString()
  @IsNotEmpty()
  MAIL_FROM: string;

  /** Where the development mail transport writes .eml files. */
  @IsString()
  @IsNotEmpty()
  MAIL_DIR: string;

  /** Public URL of the API, used in links inside emails. */
  @IsString()
  @Matches(/^https?:\/\//, { message: 'APP_URL must be an http(s) URL' })
  APP_URL: string;

  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED: boolean;

  @IsOptional()
  @IsString()
  APP_VERSION?: string;

  /** `local` (default: statistics + on-device NLP, no network) or `openai` (any compatible API). */
  @IsIn(['local', 'openai'])
  AI_PROVIDER: 'local' | 'openai';

  /** Base URL of an OpenAI-compatible API (OpenAI, Ollama, vLLM), e.g. https://api.openai.com/v1 */
  @IsString()
  @Matches(/^https?:\/\//, { message: 'AI_BASE_URL must be an http(s) URL' })
  AI_BASE_URL: string;

  @IsString()
  @IsNotEmpty()
  AI_MODEL: string;

  /** Bearer key for the remote API; may be empty for local servers such as Ollama. */
  @IsOptional()
  @IsString()
  AI_API_KEY?: string;

  /** Per-call timeout of the remote provider. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  AI_TIMEOUT_MS: number;

  /** Retries of a failed remote call before falling back to the local provider. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  AI_MAX_RETRIES: number;

  /** Failure percentage (over the rolling window) that opens the circuit breaker. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  AI_BREAKER_ERROR_PERCENT: number;

  /** How long the breaker stays open before letting one trial call through. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  AI_BREAKER_RESET_MS: number;

  /** Summaries a user may request per UTC day (cache hits are free). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SUMMARY_DAILY_QUOTA: number;

  /**
   * Requests a user may make per UTC day of each AI coach feature (plan generation, template
   * optimisation, substitutions, goal optimisation), counted per feature.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  AI_COACH_DAILY_QUOTA: number;

  /** Pending or processing plan generations older than this are re-enqueued by the sweeper. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(86_400)
  AI_COACH_SWEEP_AFTER_SECONDS: number;

  /** SMTP server for real delivery, e.g. smtp://mailpit:1025; unset: .eml files in MAIL_DIR. */
  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The web app: links in emails that need a page (password reset) point here. */
  @IsString()
  @Matches(/^https?:\/\//, { message: 'FRONTEND_URL must be an http(s) URL' })
  FRONTEND_URL: string;

  /** Lifetime of an email verification link. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(30 * 86_400)
  EMAIL_VERIFICATION_TTL_SECONDS: number;

  /** Lifetime of a password reset link. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(86_400)
  PASSWORD_RESET_TTL_SECONDS: number;

  /** Reset or verification emails per address per hour (beyond it: silently not sent). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  ACCOUNT_EMAILS_PER_HOUR: number;

  /**
   * Comma-separated prefixes a social sign-in may redirect back to (web app URLs, app schemes
   * such as fitai://auth). The one-time code is appended as ?code=.
   */
  @IsString()
  OAUTH_REDIRECT_ALLOWLIST: string;

  @IsOptional() @IsString() GOOGLE_CLIENT_ID?: string;
  @IsOptional() @IsString() GOOGLE_CLIENT_SECRET?: string;
  /** Provider endpoints are configurable so tests can use a local OAuth server. */
  @IsString() @Matches(/^https?:\/\//) GOOGLE_AUTHORIZATION_URL: string;
  @IsString() @Matches(/^https?:\/\//) GOOGLE_TOKEN_URL: string;
  @IsString() @Matches(/^https?:\/\//) GOOGLE_USERINFO_URL: string;

  @IsOptional() @IsString() GITHUB_CLIENT_ID?: string;
  @IsOptional() @IsString() GITHUB_CLIENT_SECRET?: string;
  @IsString() @Matches(/^https?:\/\//) GITHUB_AUTHORIZATION_URL: string;
  @IsString() @Matches(/^https?:\/\//) GITHUB_TOKEN_URL: string;
  /** GitHub API base (user and emails endpoints live under it). */
  @IsString() @Matches(/^https?:\/\//) GITHUB_API_URL: string;

  /** The worker re-enqueues summaries still pending after this many seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(86_400)
  SUMMARY_SWEEP_AFTER_SECONDS: number;

  /** The outbox relay's safety-net poll; NOTIFY wakes it sooner. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  OUTBOX_POLL_MS: number;

  /** Events the relay claims per transaction. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  OUTBOX_BATCH_SIZE: number;

  /** The longest wait between two relay attempts of an event Redis refused (backoff cap). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  OUTBOX_RETRY_MAX_MS: number;

  /** Relayed events are deleted from the outbox after this many hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(8_760)
  OUTBOX_RETENTION_HOURS: number;

  /** A notification's email waits this long, and is not sent if it was read in the app meanwhile. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  NOTIFICATION_EMAIL_DELAY_SECONDS: number;

  /** A daily-digest email gathers the notifications of this many seconds after the first one. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(604_800)
  NOTIFICATION_DIGEST_AFTER_SECONDS: number;

  /** How often the worker claims due digests. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  NOTIFICATION_DIGEST_TICK_MS: number;

  /** Read notifications are deleted after this many days. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_650)
  NOTIFICATION_RETENTION_DAYS: number;
  /**
   * Idempotency-Keys are forgotten after this many hours: a retry sent later creates anew.
   * Long enough for an offline device to sync (30 days by default).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(87_600)
  IDEMPOTENCY_KEY_RETENTION_HOURS: number;

  /** Where files (avatars) are kept: `fs` (a folder, STORAGE_DIR) or `s3` (an S3-compatible bucket). */
  @IsIn(['fs', 's3'])
  STORAGE_DRIVER: 'fs' | 's3';

  /** The fs driver's folder; API and worker must see the same one (a shared volume). */
  @IsString()
  @IsNotEmpty()
  STORAGE_DIR: string;

  /** S3-compatible endpoint (MinIO, R2, ...); unset for AWS S3 itself. */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\//, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  /** Required with STORAGE_DRIVER=s3 (checked in loadConfig). */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET must be a bucket name: 3-63 lower-case letters, digits, "." or "-"',
  })
  S3_BUCKET?: string;

  @IsString()
  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'S3_REGION must look like us-east-1' })
  S3_REGION: string;

  /** Both or neither; neither: the SDK's default credentials (environment, instance role). */
  @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;

  /** How often the worker claims due report schedules and re-enqueues lost report jobs. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  REPORT_TICK_MS: number;

  /** A report pending (or processing) this long has lost its job: the tick enqueues it again. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(86_400)
  REPORT_SWEEP_AFTER_SECONDS: number;

  /** A scheduled report up to this size is attached to its email; a larger one is linked. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(25_000_000)
  REPORT_EMAIL_ATTACHMENT_MAX_BYTES: number;
  /** Fewest similar users a benchmark figure is computed among (docs/insights.md, the k floor). */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(100_000)
  BENCHMARK_MIN_COHORT: number;
  /** Recommendations are recomputed at most this long after the first event of a burst. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  RECOMMENDATIONS_DEBOUNCE_SECONDS: number;

  /** How often the worker's tick claims users whose recommendations are due. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  RECOMMENDATIONS_TICK_MS: number;

  /** How long a cacheable AI answer is reused for the same inputs; 0 turns the cache off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30 * 86_400)
  AI_CACHE_TTL_SECONDS: number;

  /** Days between DELETE /users/account and the purge; signing in meanwhile cancels it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  ACCOUNT_DELETION_GRACE_DAYS: number;
  /** An account without a password may ask for deletion within this many minutes of signing in. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_440)
  ACCOUNT_DELETION_RECENT_SIGN_IN_MINUTES: number;
  /** How often the worker claims due deletions and lifts ended suspensions. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ACCOUNTS_TICK_MS: number;
  /** AI prices for the admin's cost figures, in US cents per million tokens (prompt, completion). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AI_PROMPT_CENTS_PER_MTOK: number;
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AI_COMPLETION_CENTS_PER_MTOK: number;
  /** How long the queue dashboard's cookie lasts (GET /admin/queues/board). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_440)
  QUEUE_BOARD_SESSION_MINUTES: number;
  /** Data export (docs/data-rights.md): how long a signed download link works. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(604_800)
  DATA_EXPORT_LINK_TTL_SECONDS: number;

  /** Data export: how long the archive is kept in storage before it is deleted. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  DATA_EXPORT_RETENTION_HOURS: number;

  /** Data import: the largest file accepted (bytes). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1_073_741_824)
  DATA_IMPORT_MAX_BYTES: number;
}

/** Defaults that let `npm run dev` work against PostgreSQL and Redis on localhost. */
export const DEVELOPMENT_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'development',
  PORT: '3000',
  WORKER_PORT: '3001',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/fitai',
  DATABASE_POOL_SIZE: '10',
  REDIS_URL: 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: 'fitai',
  JWT_ACCESS_SECRET: 'development-only-access-secret-0123456789',
  JWT_REFRESH_SECRET: 'development-only-refresh-secret-0123456789',
  JWT_ACCESS_TTL_SECONDS: '900',
  JWT_REFRESH_TTL_SECONDS: '2592000',
  REVOCATIONS_POLL_MS: '1000',
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'json',
  CORS_ORIGINS: 'http://localhost:3000,http://localhost:5173',
  BODY_LIMIT: '1mb',
  TRUST_PROXY_HOPS: '0',
  THROTTLE_TTL_SECONDS: '60',
  THROTTLE_LIMIT: '300',
  THROTTLE_AUTH_LIMIT: '10',
  JOB_ATTEMPTS: '5',
  JOB_BACKOFF_MS: '2000',
  JOB_LOCK_MS: '6000',
  JOB_CONCURRENCY: '16',
  RECURRING_JOBS_CHECK_MS: '30000',
  MAIL_FROM: 'FitAI <no-reply@fitai.local>',
  MAIL_DIR: '.data/mail',
  APP_URL: 'http://localhost:3000',
  SWAGGER_ENABLED: 'true',
  AI_PROVIDER: 'local',
  AI_BASE_URL: 'https://api.openai.com/v1',
  AI_MODEL: 'gpt-4o-mini',
  AI_API_KEY: '',
  AI_TIMEOUT_MS: '15000',
  AI_MAX_RETRIES: '2',
  AI_BREAKER_ERROR_PERCENT: '50',
  AI_BREAKER_RESET_MS: '30000',
  SUMMARY_DAILY_QUOTA: '50',
  AI_COACH_DAILY_QUOTA: '30',
  AI_COACH_SWEEP_AFTER_SECONDS: '120',
  SUMMARY_SWEEP_AFTER_SECONDS: '60',
  OUTBOX_POLL_MS: '2000',
  OUTBOX_BATCH_SIZE: '200',
  OUTBOX_RETRY_MAX_MS: '60000',
  OUTBOX_RETENTION_HOURS: '168',
  NOTIFICATION_EMAIL_DELAY_SECONDS: '300',
  NOTIFICATION_DIGEST_AFTER_SECONDS: '86400',
  NOTIFICATION_DIGEST_TICK_MS: '60000',
  NOTIFICATION_RETENTION_DAYS: '30',
  IDEMPOTENCY_KEY_RETENTION_HOURS: '720',
  STORAGE_DRIVER: 'fs',
  STORAGE_DIR: '.data/storage',
  S3_ENDPOINT: '',
  S3_BUCKET: '',
  S3_REGION: 'us-east-1',
  S3_ACCESS_KEY_ID: '',
  S3_SECRET_ACCESS_KEY: '',
  DATA_EXPORT_LINK_TTL_SECONDS: '86400',
  DATA_EXPORT_RETENTION_HOURS: '168',
  DATA_IMPORT_MAX_BYTES: '52428800',
  SMTP_URL: '',
  FRONTEND_URL: 'http://localhost:5173',
  EMAIL_VERIFICATION_TTL_SECONDS: '172800',
  PASSWORD_RESET_TTL_SECONDS: '3600',
  ACCOUNT_EMAILS_PER_HOUR: '5',
  OAUTH_REDIRECT_ALLOWLIST: 'http://localhost:5173,fitai://auth',
  GOOGLE_CLIENT_ID: '',
  GOOGLE_CLIENT_SECRET: '',
  GOOGLE_AUTHORIZATION_URL: 'https://accounts.google.com/o/oauth2/v2/auth',
  GOOGLE_TOKEN_URL: 'https://oauth2.googleapis.com/token',
  GOOGLE_USERINFO_URL: 'https://openidconnect.googleapis.com/v1/userinfo',
  GITHUB_CLIENT_ID: '',
  GITHUB_CLIENT_SECRET: '',
  GITHUB_AUTHORIZATION_URL: 'https://github.com/login/oauth/authorize',
  GITHUB_TOKEN_URL: 'https://github.com/login/oauth/access_token',
  GITHUB_API_URL: 'https://api.github.com',
  REPORT_TICK_MS: '60000',
  REPORT_SWEEP_AFTER_SECONDS: '300',
  REPORT_EMAIL_ATTACHMENT_MAX_BYTES: '5000000',
  BENCHMARK_MIN_COHORT: '20',
  RECOMMENDATIONS_DEBOUNCE_SECONDS: '60',
  RECOMMENDATIONS_TICK_MS: '15000',
  AI_CACHE_TTL_SECONDS: '86400',
  ACCOUNT_DELETION_GRACE_DAYS: '7',
  ACCOUNT_DELETION_RECENT_SIGN_IN_MINUTES: '10',
  ACCOUNTS_TICK_MS: '60000',
  AI_PROMPT_CENTS_PER_MTOK: '15',
  AI_COMPLETION_CENTS_PER_MTOK: '60',
  QUEUE_BOARD_SESSION_MINUTES: '15',
};

/**
 * In production these must come from the environment: a default secret or a database on
 * localhost would be a silent misconfiguration.
 */
export const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_ACCESS_SECRET',
  'JWT_REFRESH_SECRET',
  'APP_URL',
  'CORS_ORIGINS',
] as const;
