import { DataSource } from 'typeorm';

/** Runs SQL and answers its rows (a DataSource; the benchmark adapts a pg Pool). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * A training history straight into PostgreSQL (for export specs and the benchmark): a workout
 * every other day for `days` days (4 exercises × 4 sets), a journal entry a day, a body reading
 * a week. All set-based: a large history is a few statements.
 */
export async function seedHistory(db: Queryable, userId: string, days: number): Promise<void> {
  const exercises = (await db.query(
    `SELECT id FROM exercises WHERE source = 'library' AND status = 'approved' ORDER BY slug LIMIT 4`,
  )) as { id: string }[];
  const ids = exercises.map((e) => e.id);
  // Totals as the sets below make them (4 exercises × 8 reps × 62.5 + 65 + 67.5 + 70 kg): an
  // import recomputes them from the sets.
  await db.query(
    `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at, duration_seconds,
                           total_volume_kg, total_sets, total_reps, notes)
     SELECT $1, 'Session ' || d, 'completed', at, at, at + interval '1 hour', 3600, 4 * 8 * 265, 16, 128,
            'Felt good on day ' || d
       FROM generate_series(1, $2::int, 2) AS d,
            LATERAL (SELECT now() - make_interval(days => $2::int - d) AS at) t`,
    [userId, days],
  );
  await db.query(
    `INSERT INTO workout_exercises (workout_id, exercise_id, position)
     SELECT w.id, e.id, e.n - 1 FROM workouts w, unnest($2::uuid[]) WITH ORDINALITY AS e(id, n)
      WHERE w.user_id = $1 AND NOT EXISTS (SELECT 1 FROM workout_exercises x WHERE x.workout_id = w.id)`,
    [userId, ids],
  );
  await db.query(
    `INSERT INTO workout_sets (workout_exercise_id, user_id, workout_id, exercise_id, position, set_type,
                               weight_kg, reps, completed, completed_at, e1rm_kg)
     SELECT we.id, $1, we.workout_id, we.exercise_id, s - 1, 'normal', 60 + s * 2.5, 8, true,
            w.completed_at, round((60 + s * 2.5) * 36 / 29.0, 2)
       FROM workout_exercises we JOIN workouts w ON w.id = we.workout_id,
            generate_series(1, 4) AS s
      WHERE w.user_id = $1
        AND NOT EXISTS (SELECT 1 FROM workout_sets x WHERE x.workout_exercise_id = we.id)`,
    [userId],
  );
  await db.query(
    `INSERT INTO entries (user_id, occurred_at, type, mood, energy, note, tags)
     SELECT $1, now() - make_interval(days => d, hours => 3), 'mood', 1 + d % 5, 1 + d % 5,
            'Journal note number ' || d || ': slept well, trained, ate enough protein.',
            ARRAY['sleep', 'training']
       FROM generate_series(1, $2::int) AS d`,
    [userId, days],
  );
  await db.query(
    `INSERT INTO body_metrics (user_id, measured_at, weight_kg, body_fat_pct, waist_cm)
     SELECT $1, date_trunc('minute', now()) - make_interval(days => d), 80 - d / 100.0, 18.5, 84
       FROM generate_series(1, $2::int, 7) AS d`,
    [userId, days],
  );
}

/**
 * One row or more in every exported area for `userId` (other areas than seedHistory's), with
 * `otherId` as the other side of the social ones. Straight into PostgreSQL.
 */
export async function seedEveryArea(
  db: DataSource,
  userId: string,
  otherId: string,
): Promise<void> {
  await seedHistory(db, userId, 6);
  const q = (sql: string, params: unknown[] = []) =>
    db.query(sql, params) as Promise<{ id: string }[]>;
  const [exercise] = await q(
    `SELECT id FROM exercises WHERE source = 'library' ORDER BY slug LIMIT 1`,
  );
  await q(`UPDATE users SET bio = 'Lifter', time_zone = 'Europe/Paris' WHERE id = $1`, [userId]);
  await q(
    `INSERT INTO user_identities (user_id, provider, provider_user_id, email) VALUES ($1, 'github', $2, 'gh@test.fitai.dev')`,
    [userId, `gh-${userId}`],
  );
  await q(
    `INSERT INTO email_deliveries (dedupe_key, user_id, kind, recipient, transport_message_id) VALUES ($2, $1, 'test-notice', 'me@test.fitai.dev', 'msg-1')`,
    [userId, `test-notice:${userId}`],
  );
  await q(
    `INSERT INTO summaries (user_id, period, period_start, period_end, status, requested_at, result)
           VALUES ($1, 'week', date_trunc('week', now()) - interval '7 days', date_trunc('week', now()), 'completed', now(), '{"text": "A good week"}')`,
    [userId],
  );
  const [custom] = await q(
    `INSERT INTO exercises (slug, name, level, category, primary_muscles, secondary_muscles, source, status, created_by_id)
     VALUES ('user-' || gen_random_uuid(), 'My Landmine Twist', 'beginner', 'strength', '{abdominals}', '{}', 'user', 'pending', $1) RETURNING id`,
    [userId],
  );
  await q(`INSERT INTO exercise_ratings (exercise_id, user_id, score) VALUES ($1, $2, 4)`, [
    exercise.id,
    userId,
  ]);
  const [template] = await q(
    `INSERT INTO templates (owner_id, name, description, goal, level, visibility, days_per_week, equipment, version)
     VALUES ($1, 'My split', 'Upper/lower', 'strength', 'intermediate', 'public', 2, '{barbell}', 1) RETURNING id`,
    [userId],
  );
  const [day] = await q(
    `INSERT INTO template_days (template_id, position, name) VALUES ($1, 0, 'Upper') RETURNING id`,
    [template.id],
  );
  const [templateExercise] = await q(
    `INSERT INTO template_exercises (day_id, position, exercise_id, progression) VALUES ($1, 0, $2, '{"type": "none"}') RETURNING id`,
    [day.id, custom.id],
  );
  await q(
    `INSERT INTO template_sets (template_exercise_id, position, set_type, reps_min, reps_max, rest_seconds, weight_kg)
           VALUES ($1, 0, 'normal', 8, 12, 90, 40), ($1, 1, 'normal', 8, 12, 90, 40)`,
    [templateExercise.id],
  );
  const [othersTemplate] = await q(
    `INSERT INTO templates (owner_id, name, goal, level, visibility, days_per_week, equipment, version)
     VALUES ($1, 'Their plan', 'hypertrophy', 'beginner', 'public', 3, '{}', 1) RETURNING id`,
    [otherId],
  );
  await q(`INSERT INTO template_favorites (user_id, template_id) VALUES ($1, $2)`, [
    userId,
    othersTemplate.id,
  ]);
  await q(`INSERT INTO template_ratings (user_id, template_id, score) VALUES ($1, $2, 5)`, [
    userId,
    othersTemplate.id,
  ]);
  await q(
    `INSERT INTO template_optimizations (user_id, template_id, template_version, sessions_analysed, changes)
           VALUES ($1, $2, 1, 3, '[]')`,
    [userId, template.id],
  );
  await q(
    `INSERT INTO plan_generations (user_id, status, spec, requested_at) VALUES ($1, 'completed', '{"goal": "strength"}', now())`,
    [userId],
  );
  await q(
    `UPDATE workouts SET template_id = $2 WHERE id = (SELECT id FROM workouts WHERE user_id = $1 ORDER BY session_at LIMIT 1)`,
    [userId, template.id],
  );
  const [set] = await q(
    `SELECT id, workout_id, exercise_id FROM workout_sets WHERE user_id = $1 ORDER BY completed_at LIMIT 1`,
    [userId],
  );
  const setRow = set as unknown as { id: string; workout_id: string; exercise_id: string };
  await q(
    `INSERT INTO personal_records (user_id, exercise_id, workout_id, set_id, kind, value, weight_kg, reps, achieved_at)
           VALUES ($1, $2, $3, $4, 'max_weight', 62.5, 62.5, 8, now())`,
    [userId, setRow.exercise_id, setRow.workout_id, setRow.id],
  );
  const [goal] = await q(
    `INSERT INTO goals (user_id, type, metric, title, target_value, baseline_value, current_value, progress_pct, status)
     VALUES ($1, 'body', 'body_weight', 'Reach 75 kg', 75, 80, 78.75, 25, 'active') RETURNING id`,
    [userId],
  );
  await q(
    `INSERT INTO goal_milestones (goal_id, percent, value, reached_at) VALUES ($1, 25, 78.75, now())`,
    [goal.id],
  );
  await q(`INSERT INTO friendships (user_id, friend_id) VALUES ($1, $2), ($2, $1)`, [
    userId,
    otherId,
  ]);
  await q(
    `INSERT INTO friend_requests (requester_id, addressee_id, status, responded_at) VALUES ($2, $1, 'accepted', now())`,
    [userId, otherId],
  );
  const [thirdUser] = await q(
    `INSERT INTO users (email, display_name) VALUES ('blocked-' || gen_random_uuid() || '@test.fitai.dev', 'Blocked') RETURNING id`,
  );
  await q(`INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2)`, [
    userId,
    thirdUser.id,
  ]);
  const [post] = await q(
    `INSERT INTO activities (user_id, kind, visibility, occurred_at, text, details) VALUES ($1, 'post', 'friends', now(), 'Deadlift day', '{}') RETURNING id`,
    [userId],
  );
  const [theirs] = await q(
    `INSERT INTO activities (user_id, kind, visibility, occurred_at, text, details) VALUES ($1, 'post', 'public', now(), 'Squat day', '{}') RETURNING id`,
    [otherId],
  );
  await q(
    `INSERT INTO activity_comments (activity_id, user_id, text) VALUES ($1, $2, 'Strong!'), ($3, $2, 'Thanks')`,
    [theirs.id, userId, post.id],
  );
  await q(`INSERT INTO activity_likes (activity_id, user_id) VALUES ($1, $2)`, [theirs.id, userId]);
  await q(
    `INSERT INTO content_reports (reporter_id, target_type, target_id, target_owner_id, reason, snapshot)
           VALUES ($1, 'activity', $2, $3, 'spam', '{"text": "Squat day"}')`,
    [userId, theirs.id, otherId],
  );
  await q(
    `INSERT INTO notifications (user_id, type, group_key, first_at, latest_at, data) VALUES ($1, 'friend-request.accepted', 'friend-request.accepted', now(), now(), '{}')`,
    [userId],
  );
  await q(
    `INSERT INTO notification_preferences (user_id, type, in_app, email, push) VALUES ($1, 'activity.liked', true, 'off', false)`,
    [userId],
  );
  await q(
    `INSERT INTO ai_usage (user_id, operation, provider, model, prompt_tokens, completion_tokens, latency_ms, outcome)
           VALUES ($1, 'summary', 'local', 'rules-v1', 0, 0, 3, 'ok')`,
    [userId],
  );
  const [challenge] = await q(
    `INSERT INTO challenges (creator_id, title, kind, visibility, time_zone, starts_on, ends_on, starts_at, ends_at)
     VALUES ($1, 'December sessions', 'workout_count', 'public', 'UTC', current_date, current_date + 30, now(), now() + interval '30 days') RETURNING id`,
    [userId],
  );
  const [joined] = await q(
    `INSERT INTO challenges (creator_id, title, kind, visibility, time_zone, starts_on, ends_on, starts_at, ends_at)
     VALUES ($1, 'Their challenge', 'volume', 'invite_only', 'UTC', current_date, current_date + 30, now(), now() + interval '30 days') RETURNING id`,
    [otherId],
  );
  await q(`INSERT INTO challenge_participants (challenge_id, user_id) VALUES ($1, $3), ($2, $3)`, [
    challenge.id,
    joined.id,
    userId,
  ]);
  await q(`INSERT INTO challenge_invitations (challenge_id, user_id) VALUES ($1, $2)`, [
    joined.id,
    userId,
  ]);
  await q(
    `INSERT INTO leaderboard_entries (board, period, period_start, exercise_id, user_id, value, global_value)
           VALUES ('volume', 'week', date_trunc('week', now())::date, $2, $1, 1000, 1000)`,
    [userId, exercise.id],
  );
  await q(
    `INSERT INTO data_imports (user_id, source, upload_key, file_name, size_bytes, status)
     VALUES ($1, 'strong', $2, 'strong.csv', 10, 'completed')`,
    [userId, `imports/${userId}/earlier`],
  );
  const [schedule] = await q(
    `INSERT INTO report_schedules (user_id, kind, frequency, time_zone, hour, next_run_at)
     VALUES ($1, 'progress', 'monthly', 'UTC', 7, now() + interval '30 days') RETURNING id`,
    [userId],
  );
  await q(
    `INSERT INTO reports (user_id, kind, period, from_date, to_date, time_zone, requested_at,
                          status, progress, storage_key, schedule_id)
     VALUES ($1, 'progress', 'monthly', current_date - 30, current_date - 1, 'UTC', now(),
             'completed', 100, $2, $3)`,
    [userId, `reports/${userId}/seeded.pdf`, schedule.id],
  );
  await q(`INSERT INTO chat_conversations (user_id) VALUES ($1)`, [userId]);
  await q(
    `INSERT INTO chat_messages (user_id, role, content, tokens) VALUES
       ($1, 'user', 'What is my best squat?', 7), ($1, 'assistant', 'No squat logged yet.', 6)`,
    [userId],
  );
  await q(
    `INSERT INTO recommendations (user_id, kind, subject, title, message, score, priority,
                                  features, sources, computed_at)
     VALUES ($1, 'consistency', 'weekly', 'Train twice this week', 'One session in 14 days.',
             0.5, 1, '{"sessionsLast14Days": 1}', '[]', now())`,
    [userId],
  );
  await q(
    `INSERT INTO recommendation_preferences (user_id, kind, alpha, beta) VALUES ($1, 'consistency', 1, 2)`,
    [userId],
  );
  // A deletion asked for and cancelled (a scheduled one would be purged by the worker's tick).
  await q(
    `INSERT INTO account_deletions (user_id, status, due_at, cancelled_at)
     VALUES ($1, 'cancelled', now() + interval '7 days', now())`,
    [userId],
  );
}
