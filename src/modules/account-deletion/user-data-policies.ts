/**
 * What the purge does to each column that references an account (docs/account-deletion.md).
 * In SQL, `$1` is the purged account's id and `$2` its anonymous stand-in's (a fresh `deleted`
 * account named "Deleted user", made for this purge, so unique keys never collide).
 *
 * - `delete`: the rows go (what the user owns: their workouts, journal, sessions...).
 * - `anonymise`: the rows stay and point at the stand-in (what others depend on: comments on
 *   their activities, likes, ratings, challenge results, reports).
 * - `nullify`: the column becomes null (a loose mention, such as who reviewed an exercise).
 * - `custom`: statements of their own (append-only logs, snapshots to scrub).
 *
 * Every column found by discoverUserReferences must be here: the purge refuses to run, and
 * test/account-deletion.e2e-spec.ts fails, when one is missing. A new table with a user
 * reference adds its line.
 */
export type UserDataPolicy =
  | { action: 'delete' | 'anonymise' | 'nullify'; why: string }
  | { action: 'custom'; why: string; sql: string[] };

const own = (why = "the user's own data"): UserDataPolicy => ({ action: 'delete', why });
const anonymise = (why: string): UserDataPolicy => ({ action: 'anonymise', why });

export const USER_DATA_POLICIES: Readonly<Record<string, UserDataPolicy>> = {
  'account_deletions.user_id': {
    action: 'nullify',
    why: 'the record that a deletion happened outlives the account, without naming it',
  },
  'account_tokens.user_id': own('verification and reset tokens'),
  'activities.user_id': own('their feed posts (and with them the comments and likes on them)'),
  'activity_comments.user_id': anonymise("comments on other people's threads read 'Deleted user'"),
  'activity_likes.user_id': anonymise('like counts others see stay true'),
  'ai_usage.user_id': anonymise('AI cost per feature stays true; no content is kept'),
  'analytics_rollup_states.user_id': own('bookkeeping of their analytics rollups'),
  'analytics_session_exercise_rollups.user_id': own('rollups of their sessions'),
  'analytics_session_rollups.user_id': own('rollups of their sessions'),
  'analytics_week_rollups.user_id': own('rollups of their weeks'),
  'body_metrics.user_id': own(),
  'challenge_invitations.user_id': own('pending invitations to them'),
  'challenge_participants.user_id': anonymise('challenge results other participants see'),
  'challenges.creator_id': anonymise('challenges others joined go on'),
  'chat_conversations.user_id': own('their conversation with the chat coach and its summary'),
  'chat_messages.user_id': own('their chat turns and the answers'),
  'content_reports.reporter_id': anonymise('reports they made stay for moderation'),
  'content_reports.resolved_by_id': anonymise('who resolved a report, as a moderator'),
  'content_reports.target_owner_id': {
    action: 'custom',
    why: 'reports about them stay for moderation, without the snapshot of their content',
    sql: [
      `UPDATE content_reports
          SET target_owner_id = $2, snapshot = '{"deleted": true}'::jsonb,
              target_id = CASE WHEN target_type = 'user' THEN $2 ELSE target_id END
        WHERE target_owner_id = $1`,
      `UPDATE content_reports SET target_id = $2, snapshot = '{"deleted": true}'::jsonb
        WHERE target_type = 'user' AND target_id = $1`,
    ],
  },
  'data_exports.user_id': own(
    'their export requests (the archives go with the files under exports/)',
  ),
  'data_import_records.user_id': own('content hashes of what they imported'),
  'data_imports.user_id': own(
    'their imports and reports (the uploads go with the files under imports/)',
  ),
  'email_deliveries.user_id': own('the record of emails sent to their address'),
  'entries.user_id': own('journal'),
  'exercise_ratings.user_id': anonymise('averages others see stay true'),
  'exercises.created_by_id': {
    action: 'nullify',
    why: 'exercises they added to the shared library stay, without an author',
  },
  'exercises.reviewed_by_id': { action: 'nullify', why: 'who reviewed a library exercise' },
  'friend_requests.addressee_id': own(),
  'friend_requests.requester_id': own(),
  'friendships.friend_id': own(),
  'friendships.user_id': own(),
  'goals.user_id': own(),
  'idempotency_keys.user_id': own('stored answers to their requests'),
  'leaderboard_entries.user_id': own('standings are of present members'),
  'leaderboard_ranks.user_id': own(
    'their places in rank snapshots (the next refresh closes the gap)',
  ),
  'moderation_log.moderator_id': {
    action: 'custom',
    why: 'the append-only audit log keeps the action, naming the stand-in (its trigger allows only this)',
    sql: [`UPDATE moderation_log SET moderator_id = $2 WHERE moderator_id = $1`],
  },
  'moderation_log.target_owner_id': {
    action: 'custom',
    why: 'the append-only audit log keeps the action, naming the stand-in (its trigger allows only this)',
    sql: [
      `UPDATE moderation_log
          SET target_owner_id = $2,
              target_id = CASE WHEN target_id = $1 THEN $2 ELSE target_id END
        WHERE target_owner_id = $1`,
      `UPDATE moderation_log SET target_id = $2 WHERE target_type = 'user' AND target_id = $1`,
    ],
  },
  'notification_digests.user_id': own(),
  'notification_preferences.user_id': own(),
  'notification_sources.user_id': own(),
  'notifications.user_id': own(),
  'personal_records.user_id': own(),
  'plan_generations.user_id': own(),
  'recommendation_cooldowns.user_id': own('which recommendations they dismissed'),
  'recommendation_preferences.user_id': own('how their feedback weighs each kind'),
  'recommendation_schedules.user_id': own('when their recommendations are recomputed'),
  'recommendations.user_id': own('their recommendations and the features behind them'),
  'refresh_tokens.user_id': own('sessions'),
  'report_schedules.user_id': own('their scheduled reports: nothing is sent after the purge'),
  'reports.user_id': own('their PDF reports (the files go with the files under reports/)'),
  'summaries.user_id': own(),
  'template_favorites.user_id': own(),
  'template_optimizations.user_id': own(),
  'template_ratings.user_id': anonymise('averages others see stay true'),
  'templates.owner_id': own('their templates (others keep the workouts they logged from them)'),
  'user_blocks.blocked_id': own(),
  'user_blocks.blocker_id': own(),
  'user_identities.user_id': own('Google and GitHub sign-in links'),
  'workout_history_versions.user_id': own(
    'the version of their completed workout history (analytics freshness)',
  ),
  'workout_sets.user_id': own(),
  'workouts.user_id': own(),
};

/**
 * Mentions of an account inside JSON (no column to discover): run with the same parameters,
 * before the column policies.
 */
export const JSON_MENTION_STATEMENTS: readonly { why: string; sql: string }[] = [
  {
    why: "others' notifications name them among the actors: the stand-in takes their place",
    sql: `UPDATE notifications
             SET actors = (SELECT jsonb_agg(CASE WHEN actor->>'id' = $1::text
                                   THEN jsonb_build_object('id', $2::text, 'displayName', 'Deleted user')
                                   ELSE actor END ORDER BY position)
                             FROM jsonb_array_elements(actors) WITH ORDINALITY AS a(actor, position))
           WHERE actors @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
  },
  {
    why: 'domain events about them in the outbox (short-lived: pruned after OUTBOX_RETENTION_HOURS)',
    sql: `DELETE FROM domain_events WHERE strpos(payload::text, $1::text) > 0`,
  },
];
