/**
 * Everything a data export holds, one entry per exported table (docs/data-rights.md). Adding a
 * table that references users means one line here (or one in EXCLUDED_USER_COLUMNS with the
 * reason): `test/data-export.e2e-spec.ts` lists every column that references users.id or is
 * named `*user_id` and fails unless each is covered by an entry or excluded.
 *
 * Each entry becomes `data/<file>.json`, a JSON array of the table's rows as PostgreSQL's
 * `to_jsonb` writes them (snake_case columns, numbers as numbers, timestamps in ISO 8601), minus
 * `omit`. Its JSON Schema is `docs/export/schemas/<file>.schema.json`, generated from the table
 * (export-schema.ts). `where` selects the user's rows with `$1` as the user id and `t` as the
 * table's alias; every one runs over an index on the user column (or the parent's key).
 */
export interface ExportedTable {
  /** The file name (without `.json`) in the archive and of its schema. */
  file: string;
  table: string;
  /** The user-reference columns of `table` this entry exports the rows of. */
  covers: string[];
  where: string;
  /** A stable order (the archive is the same for the same data). */
  orderBy: string;
  /** Columns never exported (secrets). */
  omit?: string[];
  /** One line for the docs. */
  description: string;
}

const own = (column = 'user_id') => `t.${column} = $1`;
const childOf = (parentTable: string, parentColumn: string, ownerColumn = 'user_id') =>
  `t.${parentColumn} IN (SELECT p.id FROM ${parentTable} p WHERE p.${ownerColumn} = $1)`;

export const EXPORT_REGISTRY: readonly ExportedTable[] = [
  {
    file: 'profile',
    table: 'users',
    covers: [],
    where: 't.id = $1',
    orderBy: 't.id',
    omit: ['password_hash'],
    description:
      'The account: profile, units, time zone, privacy and training preferences (never the password hash)',
  },
  {
    file: 'sign-in-identities',
    table: 'user_identities',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Linked social sign-ins (provider and its account id)',
  },
  {
    file: 'email-deliveries',
    table: 'email_deliveries',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.sent_at, t.id',
    description: 'Emails sent to the user (kind, address, when)',
  },
  {
    file: 'journal-entries',
    table: 'entries',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.occurred_at, t.id',
    description: 'Journal entries',
  },
  {
    file: 'summaries',
    table: 'summaries',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.period_start, t.id',
    description: 'AI summaries of the journal',
  },
  {
    file: 'custom-exercises',
    table: 'exercises',
    covers: ['created_by_id'],
    where: own('created_by_id'),
    orderBy: 't.created_at, t.id',
    description: 'Exercises the user created',
  },
  {
    file: 'exercise-ratings',
    table: 'exercise_ratings',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Ratings the user gave exercises',
  },
  {
    file: 'templates',
    table: 'templates',
    covers: ['owner_id'],
    where: own('owner_id'),
    orderBy: 't.created_at, t.id',
    description: 'Workout templates the user owns (deleted ones included, with deleted_at)',
  },
  {
    file: 'template-days',
    table: 'template_days',
    covers: [],
    where: childOf('templates', 'template_id', 'owner_id'),
    orderBy: 't.template_id, t.position, t.id',
    description: 'Days of those templates',
  },
  {
    file: 'template-exercises',
    table: 'template_exercises',
    covers: [],
    where: `t.day_id IN (SELECT d.id FROM template_days d JOIN templates p ON p.id = d.template_id WHERE p.owner_id = $1)`,
    orderBy: 't.day_id, t.position, t.id',
    description: 'Exercises of those days',
  },
  {
    file: 'template-sets',
    table: 'template_sets',
    covers: [],
    where: `t.template_exercise_id IN (SELECT e.id FROM template_exercises e JOIN template_days d ON d.id = e.day_id JOIN templates p ON p.id = d.template_id WHERE p.owner_id = $1)`,
    orderBy: 't.template_exercise_id, t.position, t.id',
    description: 'Prescribed sets of those exercises',
  },
  {
    file: 'template-favorites',
    table: 'template_favorites',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Templates the user marked as favourite',
  },
  {
    file: 'template-ratings',
    table: 'template_ratings',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Ratings the user gave templates',
  },
  {
    file: 'template-optimizations',
    table: 'template_optimizations',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'AI template optimisations proposed to the user',
  },
  {
    file: 'plan-generations',
    table: 'plan_generations',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.requested_at, t.id',
    description: 'AI plan generations the user requested',
  },
  {
    file: 'workouts',
    table: 'workouts',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Workouts (sessions)',
  },
  {
    file: 'workout-exercises',
    table: 'workout_exercises',
    covers: [],
    where: childOf('workouts', 'workout_id'),
    orderBy: 't.workout_id, t.position, t.id',
    description: 'Exercises of those workouts',
  },
  {
    file: 'workout-sets',
    table: 'workout_sets',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.workout_id, t.workout_exercise_id, t.position, t.id',
    description: 'Sets of those workouts',
  },
  {
    file: 'personal-records',
    table: 'personal_records',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.achieved_at, t.id',
    description: 'Personal records',
  },
  {
    file: 'body-metrics',
    table: 'body_metrics',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.measured_at, t.id',
    description: 'Body measurements',
  },
  {
    file: 'goals',
    table: 'goals',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Goals (deleted ones included, with deleted_at)',
  },
  {
    file: 'goal-milestones',
    table: 'goal_milestones',
    covers: [],
    where: childOf('goals', 'goal_id'),
    orderBy: 't.goal_id, t.percent, t.id',
    description: 'Milestones those goals reached',
  },
  {
    file: 'activities',
    table: 'activities',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.occurred_at, t.id',
    description: 'Feed activities and posts the user published',
  },
  {
    file: 'comments',
    table: 'activity_comments',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Comments the user wrote',
  },
  {
    file: 'likes',
    table: 'activity_likes',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.activity_id',
    description: 'Likes the user gave',
  },
  {
    file: 'friendships',
    table: 'friendships',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.friend_id',
    description: 'Friends (one row per friend)',
  },
  {
    file: 'friend-requests',
    table: 'friend_requests',
    covers: ['requester_id', 'addressee_id'],
    where: 't.requester_id = $1 OR t.addressee_id = $1',
    orderBy: 't.created_at, t.id',
    description: 'Friend requests the user sent or received',
  },
  {
    file: 'blocks',
    table: 'user_blocks',
    covers: ['blocker_id'],
    where: own('blocker_id'),
    orderBy: 't.created_at, t.blocked_id',
    description: 'Users the user blocked',
  },
  {
    file: 'content-reports',
    table: 'content_reports',
    covers: ['reporter_id'],
    where: own('reporter_id'),
    orderBy: 't.created_at, t.id',
    description: 'Reports the user filed',
  },
  {
    file: 'notifications',
    table: 'notifications',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'In-app notifications',
  },
  {
    file: 'notification-preferences',
    table: 'notification_preferences',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.type',
    description: 'Notification settings the user changed',
  },
  {
    file: 'ai-usage',
    table: 'ai_usage',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'AI calls made for the user (tokens, model, outcome)',
  },
  {
    file: 'challenges',
    table: 'challenges',
    covers: ['creator_id'],
    where: `t.creator_id = $1 OR t.id IN (SELECT c.challenge_id FROM challenge_participants c WHERE c.user_id = $1)`,
    orderBy: 't.created_at, t.id',
    description: 'Challenges the user created or joined',
  },
  {
    file: 'challenge-participations',
    table: 'challenge_participants',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.joined_at, t.challenge_id',
    description: "The user's place in each challenge joined",
  },
  {
    file: 'challenge-invitations',
    table: 'challenge_invitations',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.challenge_id',
    description: 'Challenge invitations the user received',
  },
  {
    file: 'leaderboard-entries',
    table: 'leaderboard_entries',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.board, t.period, t.period_start, t.exercise_id',
    description: "The user's leaderboard standings",
  },
  {
    file: 'data-exports',
    table: 'data_exports',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.requested_at, t.id',
    description: 'Data exports the user requested',
  },
  {
    file: 'data-imports',
    table: 'data_imports',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Imports the user made, with their reports',
  },
  {
    file: 'reports',
    table: 'reports',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description:
      'PDF reports the user generated or received by schedule (the PDFs are in files/reports/)',
  },
  {
    file: 'report-schedules',
    table: 'report_schedules',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Scheduled reports (kind, frequency, local hour and time zone)',
  },
  {
    file: 'ai-chat-conversations',
    table: 'chat_conversations',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: "The chat coach's conversation with its rolling summary",
  },
  {
    file: 'ai-chat-messages',
    table: 'chat_messages',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'Chat turns: what the user asked and what the coach answered',
  },
  {
    file: 'recommendations',
    table: 'recommendations',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description:
      'Recommendations made for the user, with the features behind them and their feedback',
  },
  {
    file: 'recommendation-preferences',
    table: 'recommendation_preferences',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.kind',
    description: "How the user's feedback weighs each kind of recommendation (Beta prior)",
  },
  {
    file: 'account-deletions',
    table: 'account_deletions',
    covers: ['user_id'],
    where: own(),
    orderBy: 't.created_at, t.id',
    description: 'A deletion of the account the user asked for, while it can still be cancelled',
  },
];

/**
 * User-reference columns deliberately not exported, and why (`table.column` → reason). A column
 * neither here nor covered by EXPORT_REGISTRY fails the coverage test.
 */
export const EXCLUDED_USER_COLUMNS: Readonly<Record<string, string>> = {
  'account_tokens.user_id':
    'hashes of one-time email tokens (verification, reset): secrets, and useless outside this server',
  'refresh_tokens.user_id': 'hashed session tokens: secrets',
  'idempotency_keys.user_id':
    'request fingerprints kept for retries: protocol state, not data the user made',
  'notification_digests.user_id': "the digest scheduler's bookkeeping (next due time)",
  'notification_sources.user_id': 'which event made which notification: delivery bookkeeping',
  'data_import_records.user_id': 'content hashes that make imports idempotent: bookkeeping',
  'user_identities.provider_user_id':
    "the sign-in provider's own account id (exported with its row), not a reference to a FitAI user",
  'friendships.friend_id':
    'friendships are stored both ways: the rows with user_id = the user are all their friends',
  'user_blocks.blocked_id':
    "who blocked the user is the blocker's data and is never shown to the blocked user",
  'content_reports.target_owner_id':
    "reports about the user's content are the reporters' data (their identity stays private)",
  'content_reports.resolved_by_id': "moderators' work on other users' reports",
  'exercises.reviewed_by_id': "moderators' review of other users' exercises",
  'analytics_rollup_states.user_id':
    'bookkeeping of the analytics rollups (recomputed from workouts)',
  'analytics_session_rollups.user_id': 'derived from the exported workouts (docs/analytics.md)',
  'analytics_session_exercise_rollups.user_id':
    'derived from the exported workouts and sets (docs/analytics.md)',
  'analytics_week_rollups.user_id': 'derived from the exported workouts (docs/analytics.md)',
  'leaderboard_ranks.user_id':
    'rank snapshots derived from the exported leaderboard entries (rewritten every minute)',
  'recommendation_cooldowns.user_id':
    'when a dismissed recommendation may come back: scheduler bookkeeping of the exported feedback',
  'recommendation_schedules.user_id': "the recompute scheduler's bookkeeping (next due time)",
  'workout_history_versions.user_id':
    'a counter of changes to the exported workout history: bookkeeping of the analytics freshness',
};

/** The CSV files: workouts (one row per set) and body metrics, for spreadsheets. */
export const CSV_EXPORTS = [
  {
    file: 'workouts.csv',
    columns: [
      'workout_id',
      'workout_name',
      'status',
      'session_at',
      'completed_at',
      'duration_seconds',
      'exercise_position',
      'exercise_id',
      'exercise_name',
      'set_position',
      'set_type',
      'weight_kg',
      'reps',
      'rpe',
      'rir',
      'rest_seconds',
      'completed',
      'e1rm_kg',
    ],
    // IDX on workout_sets(user_id, ...) then each set's workout and exercise by primary key.
    sql: `SELECT w.id AS workout_id, w.name AS workout_name, w.status::text AS status,
                 w.session_at, w.completed_at, w.duration_seconds,
                 we.position AS exercise_position, s.exercise_id, e.name AS exercise_name,
                 s.position AS set_position, s.set_type::text AS set_type, s.weight_kg, s.reps,
                 s.rpe, s.rir, s.rest_seconds, s.completed, s.e1rm_kg
            FROM workout_sets s
            JOIN workouts w ON w.id = s.workout_id
            JOIN workout_exercises we ON we.id = s.workout_exercise_id
            JOIN exercises e ON e.id = s.exercise_id
           WHERE s.user_id = $1
           ORDER BY w.session_at NULLS LAST, w.id, we.position, s.position`,
  },
  {
    file: 'body-metrics.csv',
    columns: [
      'id',
      'measured_at',
      'weight_kg',
      'body_fat_pct',
      'waist_cm',
      'chest_cm',
      'hips_cm',
      'neck_cm',
      'arm_cm',
      'thigh_cm',
      'note',
    ],
    sql: `SELECT id, measured_at, weight_kg, body_fat_pct, waist_cm, chest_cm, hips_cm, neck_cm,
                 arm_cm, thigh_cm, note
            FROM body_metrics WHERE user_id = $1 ORDER BY measured_at, id`,
  },
] as const;

/** The archive's format name and version (manifest.json). */
export const EXPORT_FORMAT = 'fitai-export';
export const EXPORT_FORMAT_VERSION = 1;
